package io.dvmigrate.emulator.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Shared Jackson instances and small JSON bodies. */
public final class JsonBodies {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonBodies() {
    }

    /** {@code {"error":{"code":…,"message":…}}}, Dataverse's error body. */
    public static byte[] error(String code, String message) {
        return write(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** Writing that may fail with an IOException (which a byte array never raises). */
    public interface Writing {
        void to(JsonGenerator json) throws IOException;
    }

    public static byte[] write(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            writing.to(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes a large body (a page of rows) into a buffer of {@code sizeHint} bytes to start with, and hands the buffer
     * to {@code response} as it is, without copying it to an array of the exact size.
     */
    public static ApiResponse write(ApiResponse response, int sizeHint, Writing writing) {
        Output out = new Output(sizeHint);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            writing.to(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response.body(out.array(), out.size());
    }

    /** A byte output whose array can be taken over. */
    private static final class Output extends ByteArrayOutputStream {
        Output(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }
    }
}
