package io.dvmigrate.contracts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rows of a chunk as the bytes of one JSON array of objects, exactly as they go over the wire. Stages that only
 * forward rows (the loader streams them into a request body) never parse them.
 */
public final class JsonRows {
    private static final JsonRows EMPTY = new JsonRows(new byte[] {'[', ']'}, 0, 2, 0);

    private final byte[] buffer;
    private final int offset;
    private final int length;
    private final int count;

    private JsonRows(byte[] buffer, int offset, int length, int count) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.count = count;
    }

    public static JsonRows empty() {
        return EMPTY;
    }

    /** Joins rows, each the UTF-8 bytes of one JSON object, into an array. */
    public static JsonRows of(List<byte[]> rows) {
        if (rows.isEmpty()) {
            return EMPTY;
        }
        int size = 2 + rows.size() - 1;
        for (byte[] row : rows) {
            size += row.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        out[at++] = '[';
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            byte[] row = rows.get(i);
            System.arraycopy(row, 0, out, at, row.length);
            at += row.length;
        }
        out[at] = ']';
        return new JsonRows(out, 0, out.length, rows.size());
    }

    /** A view of {@code length} bytes of {@code buffer} holding a JSON array of {@code count} objects. */
    static JsonRows wrap(byte[] buffer, int offset, int length, int count) {
        return new JsonRows(buffer, offset, length, count);
    }

    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The size of the array in bytes. */
    public int byteSize() {
        return length;
    }

    /** Copies the array into {@code out} at {@code at}; returns the bytes copied. */
    public int copyTo(byte[] out, int at) {
        System.arraycopy(buffer, offset, out, at, length);
        return length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    /** Each row's own bytes, in order. */
    public List<byte[]> split() {
        List<byte[]> rows = new ArrayList<>(count);
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(buffer, offset, length)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedMessageException("rows are not a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getByteOffset();
                rows.add(Arrays.copyOfRange(buffer, offset + start, offset + end));
            }
        } catch (IOException e) {
            throw new MalformedMessageException("rows are not valid JSON: " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * Hands each row as a tree to {@code action} as it is parsed, in one pass over the array (no row is split out and
     * parsed again): only the trees the caller keeps stay alive.
     */
    public void forEachTree(Consumer<JsonNode> action) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(buffer, offset, length)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedMessageException("rows are not a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                action.accept(Json.MAPPER.readTree(parser));
            }
        } catch (IOException e) {
            throw new MalformedMessageException("rows are not valid JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return count + " rows, " + length + " bytes";
    }

    /** Collects rows one by one, each already the bytes of one JSON object. */
    public static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        private int count;

        public Builder() {
            out.write('[');
        }

        public Builder add(byte[] row) {
            return add(row, 0, row.length);
        }

        public Builder add(byte[] row, int offset, int length) {
            if (count > 0) {
                out.write(',');
            }
            out.write(row, offset, length);
            count++;
            return this;
        }

        public int count() {
            return count;
        }

        /** Bytes the array would have if built now. */
        public int byteSize() {
            return out.size() + 1;
        }

        /** The array; the builder is spent afterwards. */
        public JsonRows build() {
            if (count == 0) {
                return EMPTY;
            }
            out.write(']');
            byte[] bytes = out.toByteArray();
            return new JsonRows(bytes, 0, bytes.length, count);
        }
    }

    /**
     * Writes rows one by one with one generator straight into the array's bytes, which become the rows without a
     * copy: no buffer and no array per row.
     */
    public static final class Writer {
        private final Buffer out;
        private final JsonGenerator generator;
        private int count;

        /** @param expectedBytes the array's likely size (the buffer grows past it if need be) */
        public Writer(int expectedBytes) {
            out = new Buffer(expectedBytes);
            try {
                generator = Json.MAPPER.getFactory().createGenerator(out);
                generator.writeStartArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Where the next row goes: write one object, then call {@link #rowWritten()}. */
        public JsonGenerator generator() {
            return generator;
        }

        public void rowWritten() {
            count++;
        }

        /** The array; the writer is spent afterwards. */
        public JsonRows finish() {
            try {
                generator.writeEndArray();
                generator.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return count == 0 ? EMPTY : new JsonRows(out.bytes(), 0, out.size(), count);
        }

        /** A byte stream whose array the rows keep. */
        private static final class Buffer extends ByteArrayOutputStream {
            Buffer(int size) {
                super(size);
            }

            byte[] bytes() {
                return buf;
            }
        }
    }
}
