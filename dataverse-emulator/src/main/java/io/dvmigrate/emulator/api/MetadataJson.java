package io.dvmigrate.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.emulator.schema.AlternateKey;
import io.dvmigrate.emulator.schema.AttributeType;
import io.dvmigrate.emulator.schema.Cascade;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.ManyToMany;
import io.dvmigrate.emulator.schema.MetadataIds;
import io.dvmigrate.emulator.schema.OneToMany;
import io.dvmigrate.emulator.schema.Option;
import io.dvmigrate.emulator.schema.RequiredLevel;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The EntityDefinitions shapes (EntityMetadata, AttributeMetadata and its typed derivations, EntityKeyMetadata,
 * OneToMany and ManyToMany relationship metadata, option sets) built as JSON trees, with the property names and
 * casing of the Web API's metadata types.
 */
final class MetadataJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int LANGUAGE = 1033;

    private final Schema schema;

    MetadataJson(Schema schema) {
        this.schema = schema;
    }

    ObjectNode entity(Table table) {
        ObjectNode node = NODES.objectNode();
        node.put("@odata.type", "#Microsoft.Dynamics.CRM.EntityMetadata");
        node.put("MetadataId", table.metadataId().toString());
        node.put("LogicalName", table.logicalName());
        node.put("SchemaName", table.schemaName());
        node.put("EntitySetName", table.entitySetName());
        node.put("LogicalCollectionName", table.entitySetName());
        node.put("CollectionSchemaName", table.schemaName() + "s");
        node.put("PrimaryIdAttribute", table.primaryIdAttribute());
        if (table.primaryNameAttribute() == null) {
            node.putNull("PrimaryNameAttribute");
        } else {
            node.put("PrimaryNameAttribute", table.primaryNameAttribute());
        }
        node.putNull("PrimaryImageAttribute");
        node.put("ObjectTypeCode", table.objectTypeCode());
        node.put("OwnershipType", table.ownership().name());
        node.put("IsIntersect", table.isIntersect());
        node.put("IsCustomEntity", table.isCustom());
        node.put("IsActivity", table.isActivity());
        node.put("IsActivityParty", false);
        node.put("ChangeTrackingEnabled", table.changeTracking());
        node.put("IsOptimisticConcurrencyEnabled", true);
        node.put("IsStateModelAware", table.column("statecode").isPresent());
        node.put("IsValidForAdvancedFind", !table.isIntersect());
        node.put("IsManaged", !table.isCustom());
        node.put("IsPrivate", false);
        node.put("IsLogicalEntity", false);
        node.put("IsBPFEntity", false);
        node.put("HasActivities", !table.isActivity() && !table.isIntersect());
        node.put("HasNotes", false);
        node.put("TableType", "Standard");
        node.set("IsCustomizable", managed(true, "iscustomizable"));
        node.set("CanCreateAttributes", managed(!table.isIntersect(), "cancreateattributes"));
        node.set("CanChangeTrackingBeEnabled", managed(!table.isIntersect(), "canchangetrackingbeenabled"));
        node.set("DisplayName", label(table.displayName(), "entity/display/" + table.logicalName()));
        node.set("DisplayCollectionName", label(table.displayName() + "s", "entity/collection/" + table.logicalName()));
        node.set("Description", emptyLabel());
        return node;
    }

    ObjectNode attribute(Table table, Column column) {
        ObjectNode node = NODES.objectNode();
        node.put("@odata.type", "#Microsoft.Dynamics.CRM." + column.type().metadataCast());
        node.put("MetadataId", column.metadataId().toString());
        node.put("LogicalName", column.logicalName());
        node.put("SchemaName", column.schemaName());
        node.put("EntityLogicalName", table.logicalName());
        node.put("AttributeType", column.type().name());
        node.set("AttributeTypeName", NODES.objectNode().put("Value", column.type().typeName()));
        node.putNull("AttributeOf");
        node.put("ColumnNumber", column.ordinal() + 1);
        node.put("IsValidForCreate", column.validForCreate());
        node.put("IsValidForUpdate", column.validForUpdate());
        node.put("IsValidForRead", true);
        node.put("IsValidODataAttribute", true);
        node.put("IsPrimaryId", column.primaryId());
        node.put("IsPrimaryName", column.primaryName() || column.logicalName().equals(table.primaryNameAttribute()));
        node.put("IsCustomAttribute", column.custom());
        node.put("IsLogical", false);
        node.put("IsManaged", !column.custom());
        node.put("IsFilterable", true);
        node.put("IsSearchable", true);
        node.put("IsRetrievable", true);
        node.put("SourceType", 0);
        ObjectNode required = NODES.objectNode();
        required.put("Value", column.requiredLevel().name());
        required.put("CanBeChanged", column.requiredLevel() != RequiredLevel.SystemRequired);
        required.put("ManagedPropertyLogicalName", "canmodifyrequirementlevelsettings");
        node.set("RequiredLevel", required);
        node.set("DisplayName", label(column.displayName(), "attribute/" + table.logicalName() + "/" + column.logicalName()));
        node.set("Description", emptyLabel());
        typed(node, column);
        return node;
    }

    /** Tables whose rows have a phonetic (yomi) name, so lookups to them have a {@code <lookup>yominame} shadow. */
    private static final Set<String> YOMI_TARGETS = Set.of("account", "contact", "lead", "systemuser");

    /**
     * The read-only shadow attributes the real service lists next to a column (with {@code AttributeOf} naming it):
     * {@code <lookup>name} and, for lookups to tables with yomi names, {@code <lookup>yominame}; {@code <lookup>type}
     * for owner, customer and other polymorphic lookups; {@code <choice>name} (Virtual) for choices and booleans.
     * Each comes with the derived metadata type it is listed under, or null when no cast lists it.
     */
    List<Shadow> shadows(Table table, Column column) {
        List<Shadow> shadows = new ArrayList<>();
        String name = column.logicalName();
        if (column.type().isLookup()) {
            shadows.add(new Shadow(shadow(table, column, name + "name", "String", "StringType", 160), "StringAttributeMetadata"));
            if (column.type() != AttributeType.Lookup || column.targets().stream().anyMatch(YOMI_TARGETS::contains)) {
                shadows.add(new Shadow(shadow(table, column, name + "yominame", "String", "StringType", 160),
                        "StringAttributeMetadata"));
            }
            if (column.type() != AttributeType.Lookup || column.targets().size() > 1) {
                shadows.add(new Shadow(shadow(table, column, name + "type", "EntityName", "EntityNameType", null),
                        "EntityNameAttributeMetadata"));
            }
        } else if (column.type().isChoice() || column.type() == AttributeType.Boolean) {
            shadows.add(new Shadow(shadow(table, column, name + "name", "Virtual", "VirtualType", null), null));
        }
        shadows.removeIf(s -> table.column(s.node().get("LogicalName").asText()).isPresent());
        return shadows;
    }

    /** A shadow attribute and the derived metadata type that lists it (null: listed only without a cast). */
    record Shadow(ObjectNode node, String cast) {
    }

    private ObjectNode shadow(Table table, Column of, String name, String type, String typeName, Integer maxLength) {
        ObjectNode node = NODES.objectNode();
        node.put("@odata.type", "#Microsoft.Dynamics.CRM." + switch (type) {
            case "String" -> "StringAttributeMetadata";
            case "EntityName" -> "EntityNameAttributeMetadata";
            default -> "AttributeMetadata";
        });
        node.put("MetadataId", MetadataIds.of("attribute", table.logicalName(), name).toString());
        node.put("LogicalName", name);
        node.put("SchemaName", of.schemaName() + name.substring(of.logicalName().length()));
        node.put("EntityLogicalName", table.logicalName());
        node.put("AttributeType", type);
        node.set("AttributeTypeName", NODES.objectNode().put("Value", typeName));
        node.put("AttributeOf", of.logicalName());
        node.putNull("ColumnNumber");
        node.put("IsValidForCreate", false);
        node.put("IsValidForUpdate", false);
        node.put("IsValidForRead", true);
        node.put("IsValidODataAttribute", false);
        node.put("IsPrimaryId", false);
        node.put("IsPrimaryName", false);
        node.put("IsCustomAttribute", of.custom());
        node.put("IsLogical", true);
        node.put("IsManaged", !of.custom());
        node.put("SourceType", 0);
        ObjectNode required = NODES.objectNode();
        required.put("Value", RequiredLevel.None.name());
        required.put("CanBeChanged", false);
        required.put("ManagedPropertyLogicalName", "canmodifyrequirementlevelsettings");
        node.set("RequiredLevel", required);
        node.set("DisplayName", emptyLabel());
        node.set("Description", emptyLabel());
        if (maxLength != null) {
            node.put("MaxLength", maxLength);
            node.put("Format", "Text");
        }
        return node;
    }

    private void typed(ObjectNode node, Column column) {
        AttributeType type = column.type();
        switch (type) {
            case String, EntityName -> {
                node.put("MaxLength", column.maxLength() == null ? 100 : column.maxLength());
                node.put("DatabaseLength", (column.maxLength() == null ? 100 : column.maxLength()) * 2);
                node.put("Format", "Text");
                node.set("FormatName", NODES.objectNode().put("Value", "Text"));
                node.put("IsLocalizable", false);
            }
            case Memo -> {
                node.put("MaxLength", column.maxLength() == null ? 2000 : column.maxLength());
                node.put("DatabaseLength", (column.maxLength() == null ? 2000 : column.maxLength()) * 2);
                node.put("Format", "TextArea");
                node.set("FormatName", NODES.objectNode().put("Value", "TextArea"));
            }
            case Integer -> {
                node.put("Format", "None");
                range(node, column, new BigDecimal(java.lang.Integer.MIN_VALUE), new BigDecimal(java.lang.Integer.MAX_VALUE));
            }
            case BigInt -> range(node, column, new BigDecimal(Long.MIN_VALUE), new BigDecimal(Long.MAX_VALUE));
            case Decimal, Double -> {
                node.put("Precision", column.precision() == null ? 2 : column.precision());
                range(node, column, new BigDecimal("-100000000000"), new BigDecimal("100000000000"));
            }
            case Money -> {
                node.put("Precision", column.precision() == null ? 2 : column.precision());
                node.put("PrecisionSource", 2);
                node.put("IsBaseCurrency", false);
                range(node, column, new BigDecimal("-922337203685477"), new BigDecimal("922337203685477"));
            }
            case DateTime -> {
                node.put("Format", column.isDateOnly() ? "DateOnly" : "DateAndTime");
                node.set("DateTimeBehavior", NODES.objectNode().put("Value", column.isDateOnly() ? "DateOnly" : "UserLocal"));
            }
            case Boolean -> node.put("DefaultValue", false);
            case Picklist, State, Status -> node.putNull("DefaultFormValue");
            case Lookup, Customer, Owner -> {
                ArrayNode targets = node.putArray("Targets");
                column.targets().forEach(targets::add);
                node.put("Format", "None");
            }
            case Uniqueidentifier -> {
            }
        }
    }

    private static void range(ObjectNode node, Column column, BigDecimal min, BigDecimal max) {
        node.put("MinValue", column.minValue() == null ? min : column.minValue());
        node.put("MaxValue", column.maxValue() == null ? max : column.maxValue());
    }

    /** The OptionSet of a choice column (Options), or of a Boolean (TrueOption/FalseOption). */
    ObjectNode optionSet(Table table, Column column) {
        ObjectNode node = NODES.objectNode();
        node.put("MetadataId", MetadataIds.of("optionset", table.logicalName(), column.logicalName()).toString());
        node.put("Name", table.logicalName() + "_" + column.logicalName());
        node.put("IsGlobal", false);
        node.put("IsCustomOptionSet", column.custom());
        if (column.type() == AttributeType.Boolean) {
            node.put("OptionSetType", "Boolean");
            node.set("TrueOption", option(table, column, column.option(1).orElse(Option.of(1, "Yes"))));
            node.set("FalseOption", option(table, column, column.option(0).orElse(Option.of(0, "No"))));
            return node;
        }
        node.put("OptionSetType", column.type() == AttributeType.State ? "State"
                : column.type() == AttributeType.Status ? "Status" : "Picklist");
        ArrayNode options = node.putArray("Options");
        for (Option option : column.options()) {
            options.add(option(table, column, option));
        }
        return node;
    }

    private ObjectNode option(Table table, Column column, Option option) {
        ObjectNode node = NODES.objectNode();
        node.put("Value", option.value());
        node.putNull("Color");
        node.put("IsManaged", !column.custom());
        node.putNull("ExternalValue");
        node.putArray("ParentValues");
        node.putNull("Tag");
        node.put("IsHidden", false);
        node.putNull("MetadataId");
        node.putNull("HasChanged");
        if (option.state() != null) {
            node.put("State", option.state());
        }
        if (option.defaultStatus() != null) {
            node.put("DefaultStatus", option.defaultStatus());
            node.put("InvariantName", option.invariantName());
        }
        node.set("Label", label(option.label(), "option/" + table.logicalName() + "/" + column.logicalName() + "/"
                + option.value()));
        node.set("Description", emptyLabel());
        return node;
    }

    ObjectNode key(Table table, AlternateKey key) {
        ObjectNode node = NODES.objectNode();
        node.put("@odata.type", "#Microsoft.Dynamics.CRM.EntityKeyMetadata");
        node.put("MetadataId", key.metadataId().toString());
        node.put("LogicalName", key.logicalName());
        node.put("SchemaName", key.schemaName());
        node.put("EntityLogicalName", table.logicalName());
        ArrayNode attributes = node.putArray("KeyAttributes");
        key.columns().forEach(attributes::add);
        node.put("EntityKeyIndexStatus", key.status().name());
        node.put("IsManaged", false);
        node.putNull("AsyncJob");
        node.set("DisplayName", label(key.schemaName(), "key/" + table.logicalName() + "/" + key.logicalName()));
        return node;
    }

    ObjectNode oneToMany(OneToMany relationship) {
        ObjectNode node = NODES.objectNode();
        node.put("@odata.type", "#Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata");
        node.put("MetadataId", relationship.metadataId().toString());
        node.put("SchemaName", relationship.schemaName());
        node.put("RelationshipType", "OneToManyRelationship");
        node.put("ReferencedEntity", relationship.referencedEntity());
        node.put("ReferencedAttribute", schema.table(relationship.referencedEntity())
                .map(Table::primaryIdAttribute).orElse(relationship.referencedAttribute()));
        node.put("ReferencingEntity", relationship.referencingEntity());
        node.put("ReferencingAttribute", relationship.referencingAttribute());
        node.put("ReferencedEntityNavigationPropertyName", relationship.referencedNavigation());
        node.put("ReferencingEntityNavigationPropertyName", relationship.referencingNavigation());
        node.put("IsHierarchical", relationship.hierarchical());
        node.put("IsCustomRelationship", relationship.custom());
        node.put("IsManaged", !relationship.custom());
        node.put("IsValidForAdvancedFind", true);
        node.put("SecurityTypes", "None");
        ObjectNode cascade = node.putObject("CascadeConfiguration");
        boolean cascades = relationship.deleteCascade() == Cascade.Cascade;
        cascade.put("Assign", cascades ? "Cascade" : "NoCascade");
        cascade.put("Delete", relationship.deleteCascade().name());
        cascade.put("Archive", cascades ? "Cascade" : "NoCascade");
        cascade.put("Merge", cascades ? "Cascade" : "NoCascade");
        cascade.put("Reparent", cascades ? "Cascade" : "NoCascade");
        cascade.put("Share", cascades ? "Cascade" : "NoCascade");
        cascade.put("Unshare", cascades ? "Cascade" : "NoCascade");
        cascade.put("RollupView", "NoCascade");
        ObjectNode menu = node.putObject("AssociatedMenuConfiguration");
        menu.put("Behavior", "UseCollectionName");
        menu.put("Group", "Details");
        menu.put("Order", 10000);
        return node;
    }

    ObjectNode manyToMany(ManyToMany relationship) {
        ObjectNode node = NODES.objectNode();
        node.put("@odata.type", "#Microsoft.Dynamics.CRM.ManyToManyRelationshipMetadata");
        node.put("MetadataId", relationship.metadataId().toString());
        node.put("SchemaName", relationship.schemaName());
        node.put("RelationshipType", "ManyToManyRelationship");
        node.put("IntersectEntityName", relationship.intersectEntity());
        node.put("Entity1LogicalName", relationship.entity1());
        node.put("Entity1IntersectAttribute", relationship.entity1IntersectAttribute());
        node.put("Entity1NavigationPropertyName", relationship.entity1Navigation());
        node.put("Entity2LogicalName", relationship.entity2());
        node.put("Entity2IntersectAttribute", relationship.entity2IntersectAttribute());
        node.put("Entity2NavigationPropertyName", relationship.entity2Navigation());
        node.put("IsCustomRelationship", relationship.custom());
        node.put("IsManaged", !relationship.custom());
        node.put("IsValidForAdvancedFind", true);
        node.put("SecurityTypes", "Append");
        return node;
    }

    private static ObjectNode managed(boolean value, String property) {
        ObjectNode node = NODES.objectNode();
        node.put("Value", value);
        node.put("CanBeChanged", false);
        node.put("ManagedPropertyLogicalName", property);
        return node;
    }

    static ObjectNode label(String text, String identity) {
        ObjectNode localized = NODES.objectNode();
        localized.put("Label", text);
        localized.put("LanguageCode", LANGUAGE);
        localized.put("IsManaged", false);
        localized.put("MetadataId", MetadataIds.of("label", identity).toString());
        localized.putNull("HasChanged");
        ObjectNode node = NODES.objectNode();
        node.putArray("LocalizedLabels").add(localized);
        node.set("UserLocalizedLabel", localized.deepCopy());
        return node;
    }

    private static ObjectNode emptyLabel() {
        ObjectNode node = NODES.objectNode();
        node.putArray("LocalizedLabels");
        node.putNull("UserLocalizedLabel");
        return node;
    }
}
