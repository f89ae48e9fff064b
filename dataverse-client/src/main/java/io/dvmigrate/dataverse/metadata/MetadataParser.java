package io.dvmigrate.dataverse.metadata;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the JSON of {@code EntityDefinitions}, its attributes, keys and relationships into the metadata model. */
public final class MetadataParser {

    private MetadataParser() {
    }

    public static TableSummary table(JsonNode node) {
        return new TableSummary(text(node, "LogicalName"), text(node, "SchemaName"), text(node, "EntitySetName"),
                text(node, "PrimaryIdAttribute"), text(node, "PrimaryNameAttribute"), text(node, "OwnershipType"),
                flag(node, "IsIntersect"), flag(node, "ChangeTrackingEnabled"),
                node.path("ObjectTypeCode").isInt() ? Optional.of(node.path("ObjectTypeCode").asInt()) : Optional.empty(),
                flag(node, "IsCustomEntity"));
    }

    /**
     * One attribute. Typed properties (Targets, MaxLength, OptionSet) are read when present: the typed-cast queries
     * supply them, merged into the attribute's node.
     */
    public static ColumnMetadata column(JsonNode node) {
        JsonNode attributeOf = node.path("AttributeOf");
        return new ColumnMetadata(text(node, "LogicalName"), text(node, "SchemaName"), text(node, "AttributeType"),
                node.path("AttributeTypeName").path("Value").asText(""),
                attributeOf.isTextual() && !attributeOf.asText().isEmpty() ? Optional.of(attributeOf.asText()) : Optional.empty(),
                flag(node, "IsValidForCreate"), flag(node, "IsValidForUpdate"), flag(node, "IsValidForRead"),
                flag(node, "IsPrimaryId"), flag(node, "IsPrimaryName"),
                RequiredLevel.of(node.path("RequiredLevel").path("Value").asText(null)),
                node.path("MaxLength").isInt() ? Optional.of(node.path("MaxLength").asInt()) : Optional.empty(),
                options(node), strings(node.path("Targets")), flag(node, "IsCustomAttribute"));
    }

    public static AlternateKey key(JsonNode node) {
        return new AlternateKey(text(node, "LogicalName"), text(node, "SchemaName"), strings(node.path("KeyAttributes")),
                KeyStatus.of(node.path("EntityKeyIndexStatus").asText(null)));
    }

    public static ManyToOneRelationship manyToOne(JsonNode node) {
        return new ManyToOneRelationship(text(node, "SchemaName"), text(node, "ReferencingEntity"),
                text(node, "ReferencingAttribute"), text(node, "ReferencedEntity"), text(node, "ReferencedAttribute"),
                text(node, "ReferencingEntityNavigationPropertyName"), text(node, "ReferencedEntityNavigationPropertyName"));
    }

    public static ManyToManyRelationship manyToMany(JsonNode node) {
        return new ManyToManyRelationship(text(node, "SchemaName"), text(node, "IntersectEntityName"),
                text(node, "Entity1LogicalName"), text(node, "Entity1IntersectAttribute"), text(node, "Entity1NavigationPropertyName"),
                text(node, "Entity2LogicalName"), text(node, "Entity2IntersectAttribute"), text(node, "Entity2NavigationPropertyName"));
    }

    /** Options of the local option set, else of the global one; two-option columns have FalseOption and TrueOption. */
    private static List<OptionValue> options(JsonNode node) {
        for (String set : List.of("OptionSet", "GlobalOptionSet")) {
            JsonNode optionSet = node.path(set);
            List<OptionValue> values = new ArrayList<>();
            for (JsonNode option : optionSet.path("Options")) {
                values.add(option(option));
            }
            for (String two : List.of("FalseOption", "TrueOption")) {
                if (optionSet.path(two).isObject()) {
                    values.add(option(optionSet.path(two)));
                }
            }
            if (!values.isEmpty()) {
                return values;
            }
        }
        return List.of();
    }

    private static OptionValue option(JsonNode option) {
        JsonNode label = option.path("Label").path("UserLocalizedLabel").path("Label");
        if (!label.isTextual()) {
            label = option.path("Label").path("LocalizedLabels").path(0).path("Label");
        }
        return new OptionValue(option.path("Value").asInt(), label.asText(""),
                option.path("State").isInt() ? Optional.of(option.path("State").asInt()) : Optional.empty(),
                option.path("DefaultStatus").isInt() ? Optional.of(option.path("DefaultStatus").asInt()) : Optional.empty());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            values.add(value.asText());
        }
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? "" : value.asText();
    }

    /** Dataverse booleans are sometimes managed properties: {@code {"Value":true,…}}. */
    private static boolean flag(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isObject() ? value.path("Value").asBoolean(false) : value.asBoolean(false);
    }
}
