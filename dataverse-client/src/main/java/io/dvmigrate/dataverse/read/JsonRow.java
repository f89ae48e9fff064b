package io.dvmigrate.dataverse.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One row as Dataverse sends and receives it: the UTF-8 bytes of a single JSON object, kept exactly as they came
 * (annotations, {@code @odata.bind} and expanded lookups included). Rows pass through the client without being
 * re-serialized; the helpers that look inside parse lazily with Jackson's streaming parser.
 */
public final class JsonRow {

    static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private final byte[] json;

    private JsonRow(byte[] json) {
        this.json = json;
    }

    /** Takes a copy of the bytes, after checking that they hold exactly one JSON object. */
    public static JsonRow of(byte[] utf8) {
        int[] bounds = objectBounds(utf8);
        return new JsonRow(Arrays.copyOfRange(utf8, bounds[0], bounds[1]));
    }

    /**
     * Takes the bytes of one object a JSON parser has already delimited (as {@code JsonRows.split} does), as they are:
     * neither copied nor checked again. The caller must not change them afterwards.
     */
    public static JsonRow ofDelimited(byte[] object) {
        return new JsonRow(object);
    }

    public static JsonRow of(String json) {
        return of(json.getBytes(StandardCharsets.UTF_8));
    }

    public static JsonRow of(ObjectNode node) {
        try {
            return new JsonRow(MAPPER.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A slice the page parser has already delimited: one object, starting with '{' and ending with '}'. */
    static JsonRow slice(byte[] page, int from, int to) {
        return new JsonRow(Arrays.copyOfRange(page, from, to));
    }

    /** Number of bytes of the JSON object. */
    public int size() {
        return json.length;
    }

    public byte[] toByteArray() {
        return json.clone();
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(json);
    }

    /** A read-only view of the bytes, without copying them (request bodies are assembled from these). */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(json).asReadOnlyBuffer();
    }

    /** The text of a top-level property, or empty when it is missing or null. Numbers and booleans come as text. */
    public Optional<String> text(String property) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            parser.nextToken();
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(property)) {
                    return value.isScalarValue() && value != JsonToken.VALUE_NULL ? Optional.of(parser.getText()) : Optional.empty();
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("row is not valid JSON", e);
        }
    }

    /**
     * The texts of several top-level properties in one pass over the row (those missing or null are absent from the
     * map): cheaper than {@link #text} per property when a row is asked for several.
     */
    public Map<String, String> texts(Set<String> properties) {
        Map<String, String> found = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(json)) {
            parser.nextToken();
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME && found.size() < properties.size();
                    token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (properties.contains(name) && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    found.put(name, parser.getText());
                }
                parser.skipChildren();
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("row is not valid JSON", e);
        }
    }

    /** Whether a top-level property (or annotation such as {@code x@odata.bind}) is present, even if null. */
    public boolean has(String property) {
        if (!containsBytes(property)) {
            return false;
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            parser.nextToken();
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                if (parser.currentName().equals(property)) {
                    return true;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("row is not valid JSON", e);
        }
    }

    /** The row's primary id, read from its primary id column (for example {@code accountid}). */
    public Optional<String> id(String primaryIdColumn) {
        return text(primaryIdColumn);
    }

    /** Whether the object has no properties at all. */
    public boolean isEmptyObject() {
        for (int i = 1; i < json.length; i++) {
            byte b = json[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '}';
            }
        }
        return true;
    }

    public ObjectNode toObjectNode() {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("row is not valid JSON", e);
        }
    }

    /** A copy without the given top-level properties (re-serializes; for the rare paths that must reshape a row). */
    public JsonRow without(String... properties) {
        boolean any = false;
        for (String p : properties) {
            any |= has(p);
        }
        if (!any) {
            return this;
        }
        ObjectNode node = toObjectNode();
        node.remove(Arrays.asList(properties));
        return of(node);
    }

    private boolean containsBytes(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i <= json.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (json[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        // an escaped spelling of the name would not match byte-wise: only trust a miss for plain ASCII names
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '\\' || c == '"') {
                return true;
            }
        }
        return false;
    }

    private static int[] objectBounds(byte[] utf8) {
        try (JsonParser parser = FACTORY.createParser(utf8)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a row must be a JSON object");
            }
            int from = (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            int to = (int) parser.currentLocation().getByteOffset();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("a row must be exactly one JSON object, found more after offset " + to);
            }
            return new int[] {from, to};
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a row must be valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonRow other && Arrays.equals(json, other.json);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(json);
    }

    /** The JSON text itself: rows are data, never secrets. */
    @Override
    public String toString() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
