package io.dvmigrate.pipeline.extract;

import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Where a test's extraction sends its chunks and events: kept in memory, with the order they were handed over. */
final class RecordedExtraction implements ChunkSink, Consumer<RunEvent> {
    final List<Chunk> chunks = new ArrayList<>();
    final List<RunEvent> events = new ArrayList<>();
    /** "chunk N", "flush" and event class names, in order. */
    final List<String> timeline = new ArrayList<>();

    @Override
    public void send(Chunk chunk) {
        chunks.add(chunk);
        timeline.add("chunk " + chunk.id().number());
    }

    @Override
    public void flush() {
        timeline.add("flush");
    }

    @Override
    public void accept(RunEvent event) {
        events.add(event);
        timeline.add(event.getClass().getSimpleName());
    }

    RunEvent.ExtractCompleted completed() {
        return events.stream().filter(RunEvent.ExtractCompleted.class::isInstance).map(RunEvent.ExtractCompleted.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no ExtractCompleted among " + timeline));
    }
}
