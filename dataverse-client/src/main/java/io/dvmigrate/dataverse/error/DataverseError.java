package io.dvmigrate.dataverse.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What Dataverse said when it refused a request: the HTTP status, its hex error code ({@code 0x80040237}; sometimes
 * empty or {@code 0x0}) and its message. Parsed from the body {@code {"error":{"code":"…","message":"…"}}}; a body
 * that is not that shape (a gateway's HTML page, a plain-text batch error) becomes the message as it came.
 */
public record DataverseError(int status, String code, String message) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RAW_MESSAGE = 2_000;

    // the codes the client acts on
    public static final String DUPLICATE_RECORD = "0x80040237";
    public static final String PRIVILEGE_DENIED = "0x80040220";

    public DataverseError {
        code = code == null ? "" : code;
        message = message == null ? "" : message;
    }

    public static DataverseError parse(int status, byte[] body) {
        if (body == null || body.length == 0) {
            return new DataverseError(status, "", "");
        }
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isObject()) {
                return new DataverseError(status, error.path("code").asText(""), error.path("message").asText(""));
            }
        } catch (IOException notJson) {
            // fall through: keep the raw text
        }
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        return new DataverseError(status, "", raw.length() > MAX_RAW_MESSAGE ? raw.substring(0, MAX_RAW_MESSAGE) + "…" : raw);
    }

    public boolean isDuplicate() {
        return DUPLICATE_RECORD.equalsIgnoreCase(code);
    }

    public boolean isNotFound() {
        return status == 404;
    }

    /** The caller's own identity lacks a privilege (as opposed to, say, an owner that a row names). */
    public boolean isCallerPrivilegeMissing() {
        return PRIVILEGE_DENIED.equalsIgnoreCase(code);
    }

    @Override
    public String toString() {
        return "HTTP " + status + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message);
    }
}
