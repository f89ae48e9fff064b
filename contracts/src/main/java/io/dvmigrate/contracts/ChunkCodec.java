package io.dvmigrate.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a chunk as {@code {"v":1,"header":{...},"count":N,"rows":[...]}}, the rows always last, in an LZ4 frame
 * ({@link Lz4Frame}; {@code lz4 -dc} shows the JSON). The rows are copied as bytes in both directions: nothing here
 * parses, re-serializes or even tokenizes a row (decoding reads the header and takes the rest up to the closing brace
 * as the rows). Decoding takes the JSON without a frame as well.
 */
public final class ChunkCodec {
    private static final byte[] PREFIX = ("{\"v\":" + Chunk.VERSION + ",\"header\":").getBytes(StandardCharsets.UTF_8);

    private ChunkCodec() {
    }

    /** The chunk as it crosses Kafka: its JSON in an LZ4 frame. */
    public static byte[] encode(Chunk chunk) {
        return Lz4Frame.compress(json(chunk));
    }

    /** The chunk's JSON, with its rows copied once, straight into an array of the exact size. */
    public static byte[] json(Chunk chunk) {
        byte[] header;
        try {
            header = Json.MAPPER.writeValueAsBytes(chunk.header());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the header of chunk " + chunk.id(), e);
        }
        byte[] count = (",\"count\":" + chunk.rows().count() + ",\"rows\":").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[PREFIX.length + header.length + count.length + chunk.rows().byteSize() + 1];
        int at = put(PREFIX, out, 0);
        at = put(header, out, at);
        at = put(count, out, at);
        at += chunk.rows().copyTo(out, at);
        out[at] = '}';
        return out;
    }

    private static int put(byte[] part, byte[] out, int at) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    /**
     * The bytes a message takes once decoded, read from its frame's header without decompressing it (a frame that
     * does not declare its size counts as its own): what a consumer admits by before it decodes.
     */
    public static long decodedSize(byte[] message) {
        long declared = Lz4Frame.isFrame(message) ? Lz4Frame.declaredSize(message) : -1;
        return declared >= 0 ? declared : message.length;
    }

    /** A chunk from its JSON, in an LZ4 frame or not; what is not a chunk is a {@link MalformedMessageException}. */
    public static Chunk decode(byte[] message) {
        byte[] bytes = Lz4Frame.isFrame(message) ? Lz4Frame.decompress(message) : message;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, "a chunk is a JSON object");
            Integer version = null;
            Chunk.Header header = null;
            Integer count = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "v" -> version = parser.getIntValue();
                    case "header" -> header = Json.MAPPER.readValue(parser, Chunk.Header.class);
                    case "count" -> count = parser.getIntValue();
                    case "rows" -> {
                        expect(count != null, "\"count\" comes before \"rows\"");
                        // the rows close the chunk: stepping over them here would tokenize every row for nothing
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        return finish(version, header, count == 0 ? JsonRows.empty() : rowsAt(bytes, start, count));
                    }
                    default -> parser.skipChildren();
                }
            }
            return finish(version, header, null); // no rows
        } catch (IOException e) {
            throw new MalformedMessageException("not a valid chunk: " + e.getMessage(), e);
        }
    }

    private static Chunk finish(Integer version, Chunk.Header header, JsonRows rows) {
        expect(version != null && version == Chunk.VERSION,
                "unsupported chunk version " + version + " (this build reads version " + Chunk.VERSION + ")");
        expect(header != null && rows != null, "a chunk has a header and rows");
        return new Chunk(header, rows);
    }

    /** The rows array from {@code start} to the chunk's closing brace, which must follow it (whitespace aside). */
    private static JsonRows rowsAt(byte[] bytes, int start, int count) {
        int brace = lastNonWhitespace(bytes, bytes.length - 1, start);
        int bracket = lastNonWhitespace(bytes, brace - 1, start);
        expect(bytes[start] == '[' && bytes[brace] == '}' && bytes[bracket] == ']',
                "\"rows\" is an array and the last field of the chunk");
        return JsonRows.wrap(bytes, start, bracket + 1 - start, count);
    }

    /** The index of the last byte at or before {@code from} that is not whitespace, or {@code floor}. */
    private static int lastNonWhitespace(byte[] bytes, int from, int floor) {
        int at = from;
        while (at > floor && Character.isWhitespace(bytes[at])) {
            at--;
        }
        return at;
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new MalformedMessageException("not a valid chunk: " + message);
        }
    }
}
