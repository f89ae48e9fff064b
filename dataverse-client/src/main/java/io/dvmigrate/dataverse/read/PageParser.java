package io.dvmigrate.dataverse.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Splits a collection response into rows with Jackson's streaming parser: each element of {@code value} is cut out
 * of the body as the exact bytes it was sent as, no tree is built, and nothing outside {@code value} is kept but the
 * links and the count. Deleted-entity entries of a delta response become deleted ids instead of rows.
 */
public final class PageParser {

    private static final String DELETED_ENTITY = "$deletedEntity";

    private PageParser() {
    }

    public static Page parse(byte[] body, int number) throws IOException {
        List<JsonRow> rows = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        String nextLink = null;
        String deltaLink = null;
        Long count = null;
        try (JsonParser parser = JsonRow.FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("collection response is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "value" -> readRows(parser, value, body, rows, deleted);
                    case "@odata.nextLink" -> nextLink = parser.getValueAsString();
                    case "@odata.deltaLink" -> deltaLink = parser.getValueAsString();
                    case "@odata.count" -> count = parser.getValueAsLong();
                    default -> parser.skipChildren();
                }
            }
        }
        return new Page(number, rows, deleted, Optional.ofNullable(nextLink), Optional.ofNullable(deltaLink),
                count == null ? OptionalLong.empty() : OptionalLong.of(count));
    }

    private static void readRows(JsonParser parser, JsonToken value, byte[] body, List<JsonRow> rows, List<String> deleted)
            throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new IOException("'value' of a collection response is not an array");
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            int from = (int) parser.currentTokenLocation().getByteOffset();
            String deletedId = scanForDeletion(parser);
            int to = (int) parser.currentLocation().getByteOffset();
            if (deletedId != null) {
                deleted.add(deletedId);
            } else {
                rows.add(JsonRow.slice(body, from, to));
            }
        }
    }

    /** Walks one element to its end; returns its id when it is a {@code $deletedEntity} entry. */
    private static String scanForDeletion(JsonParser parser) throws IOException {
        boolean deletedEntity = false;
        String id = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING && name.equals("@odata.context")) {
                deletedEntity = parser.getText().endsWith(DELETED_ENTITY);
            } else if (value == JsonToken.VALUE_STRING && name.equals("id")) {
                id = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return deletedEntity ? id : null;
    }
}
