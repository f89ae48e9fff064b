package io.dvmigrate.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.emulator.odata.Filter;
import io.dvmigrate.emulator.odata.QueryOptions;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * $select and $filter over metadata JSON: selection keeps {@code MetadataId} and {@code @odata.type}, as the
 * service does; filters reach nested values by path ({@code RequiredLevel/Value}, {@code CanCreateAttributes/Value})
 * and compare enum members by name.
 */
final class MetadataQuery {
    private MetadataQuery() {
    }

    static Predicate<JsonNode> filter(QueryOptions options) {
        if (options.filter() == null) {
            return node -> true;
        }
        return Filter.compile(options.filter(), MetadataQuery::bind);
    }

    private static Function<JsonNode, Object> bind(List<String> path) {
        return node -> {
            JsonNode current = node;
            for (String segment : path) {
                current = current == null ? null : current.get(segment);
            }
            return value(current);
        };
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            return node.asText();
        }
        return node.toString();
    }

    /** The node with only the selected properties (plus {@code MetadataId}, {@code @odata.type}). */
    static ObjectNode select(ObjectNode node, List<String> select, Map<String, JsonNode> expanded) {
        if (select == null && expanded.isEmpty()) {
            return node;
        }
        ObjectNode selected = node.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (select == null || select.contains(name) || name.equals("MetadataId") || name.equals("@odata.type")) {
                selected.set(name, field.getValue());
            }
        }
        expanded.forEach(selected::set);
        return selected;
    }
}
