package io.dvmigrate.contracts;

import java.util.Map;

/** The data of run events as JSON, and their CloudEvents types. */
public final class RunEventCodec {
    /** CloudEvents {@code source} prefix; a service appends its name, e.g. {@code /dvmigrate/loader}. */
    public static final String SOURCE_PREFIX = "/dvmigrate/";

    private static final Map<String, Class<? extends RunEvent>> TYPES = Map.of(
            RunEvent.ExtractStarted.TYPE, RunEvent.ExtractStarted.class,
            RunEvent.ExtractCompleted.TYPE, RunEvent.ExtractCompleted.class,
            RunEvent.ExtractFailed.TYPE, RunEvent.ExtractFailed.class,
            RunEvent.ChunkLoaded.TYPE, RunEvent.ChunkLoaded.class,
            RunEvent.ChunkVerified.TYPE, RunEvent.ChunkVerified.class,
            RunEvent.ChunkFailed.TYPE, RunEvent.ChunkFailed.class);

    private RunEventCodec() {
    }

    public static byte[] encode(RunEvent event) {
        return Json.encode(event);
    }

    /** Decodes the data of a CloudEvent of {@code type}; an unknown type is a malformed message. */
    public static RunEvent decode(String type, byte[] data) {
        Class<? extends RunEvent> eventClass = TYPES.get(type);
        if (eventClass == null) {
            throw new MalformedMessageException("unknown run event type '" + type + "'");
        }
        return Json.decode(data, eventClass);
    }
}
