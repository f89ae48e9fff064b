package io.dvmigrate.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a chunk as {@code {"v":1,"header":{...},"count":N,"rows":[...]}}. The rows are copied as bytes in both
 * directions: nothing here parses or re-serializes a row.
 */
public final class ChunkCodec {
    private static final byte[] PREFIX = ("{\"v\":" + Chunk.VERSION + ",\"header\":").getBytes(StandardCharsets.UTF_8);

    private ChunkCodec() {
    }

    public static byte[] encode(Chunk chunk) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.rows().byteSize() + 2048);
            out.write(PREFIX);
            Json.MAPPER.writeValue(out, chunk.header());
            out.write((",\"count\":" + chunk.rows().count() + ",\"rows\":").getBytes(StandardCharsets.UTF_8));
            chunk.rows().writeTo(out);
            out.write('}');
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chunk " + chunk.id(), e);
        }
    }

    public static Chunk decode(byte[] bytes) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, "a chunk is a JSON object");
            Integer version = null;
            Chunk.Header header = null;
            Integer count = null;
            JsonRows rows = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "v" -> version = parser.getIntValue();
                    case "header" -> header = Json.MAPPER.readValue(parser, Chunk.Header.class);
                    case "count" -> count = parser.getIntValue();
                    case "rows" -> {
                        expect(count != null, "\"count\" comes before \"rows\"");
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        int end = (int) parser.currentLocation().getByteOffset();
                        rows = count == 0 ? JsonRows.empty() : JsonRows.wrap(bytes, start, end - start, count);
                    }
                    default -> parser.skipChildren();
                }
            }
            expect(version != null && version == Chunk.VERSION,
                    "unsupported chunk version " + version + " (this build reads version " + Chunk.VERSION + ")");
            expect(header != null && rows != null, "a chunk has a header and rows");
            return new Chunk(header, rows);
        } catch (IOException e) {
            throw new MalformedMessageException("not a valid chunk: " + e.getMessage(), e);
        }
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new MalformedMessageException("not a valid chunk: " + message);
        }
    }
}
