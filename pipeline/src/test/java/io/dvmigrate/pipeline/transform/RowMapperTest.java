package io.dvmigrate.pipeline.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowMapperTest {

    /** A value written without the mapper's serializer provider is exactly what the mapper would have written. */
    @Test
    void writesEveryKindOfValueAsTheMapperWould() throws IOException {
        JsonNode row = Json.MAPPER.readTree("""
                {"text": "a \\"quoted\\" \\u00e9 line\\n", "empty": "", "int": 42, "negative": -7,
                 "long": 12345678901234, "big": 123456789012345678901234567890, "decimal": 1234.5600,
                 "small": 1.5e-7, "yes": true, "no": false, "none": null,
                 "object": {"a": [1, "x", null]}, "array": [1.25, {"b": false}]}
                """);
        for (Map.Entry<String, JsonNode> column : row.properties()) {
            StringWriter written = new StringWriter();
            try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(written)) {
                RowMapper.writeValue(column.getValue(), out);
            }
            assertEquals(Json.MAPPER.writeValueAsString(column.getValue()), written.toString(), column.getKey());
        }
    }
}
