package io.dvmigrate.emulator.source;

import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.environment.Seeder;
import io.dvmigrate.emulator.schema.AttributeType;
import io.dvmigrate.emulator.schema.Cascade;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.DateFormat;
import io.dvmigrate.emulator.schema.IntersectTable;
import io.dvmigrate.emulator.schema.KeyStatus;
import io.dvmigrate.emulator.schema.LookupTarget;
import io.dvmigrate.emulator.schema.OwnershipType;
import io.dvmigrate.emulator.schema.RequiredLevel;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;
import io.dvmigrate.emulator.schema.TableBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code csdl:PATH}: the schema of a real {@code $metadata} document, no rows. Every entity set of a data type
 * (abstract ones such as activitypointer included; the metadata API's own sets excluded) becomes a table
 * with its type's properties (base types included), {@code _x_value} properties become lookups whose targets and
 * navigation names come from the navigation properties' referential constraints, alternate-key annotations become
 * Active keys, and navigation properties whose name is their partner's become many-to-many relationships when
 * their intersect table is in the document. CSDL does not carry everything EntityDefinitions does; README
 * "csdl:" lists what is inferred (text lengths, choices, money, primary names).
 */
final class CsdlSource implements EnvironmentSource {
    private static final String PREFIX = "mscrm.";
    private static final Set<String> READ_ONLY = Set.of("createdon", "modifiedon", "createdby", "modifiedby",
            "createdonbehalfby", "modifiedonbehalfby", "versionnumber", "owninguser", "owningteam",
            "owningbusinessunit", "exchangerate");
    private static final List<String> NAME_CANDIDATES = List.of("name", "fullname", "subject", "title", "topic");

    private final Path path;

    CsdlSource(Path path) {
        this.path = path;
    }

    @Override
    public boolean definesSystemTables() {
        return true;
    }

    /** An EntityType as written, before its base types are merged in. */
    private record EntityType(String name, String baseType, boolean isAbstract, List<String> key,
                              Map<String, String> properties, List<NavigationProperty> navigations,
                              List<List<String>> alternateKeys) {
    }

    private record NavigationProperty(String name, String type, String partner, String constraintProperty,
                                      String referencedProperty) {
        boolean collection() {
            return type.startsWith("Collection(");
        }

        String target() {
            String bare = collection() ? type.substring("Collection(".length(), type.length() - 1) : type;
            return bare.startsWith(PREFIX) ? bare.substring(PREFIX.length()) : bare.substring(bare.lastIndexOf('.') + 1);
        }
    }

    @Override
    public void define(Schema schema) {
        Document document;
        try {
            document = XmlFiles.parse(Files.readAllBytes(path), path.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
        }
        Map<String, EntityType> types = new LinkedHashMap<>();
        NodeList typeNodes = document.getElementsByTagNameNS("*", "EntityType");
        for (int i = 0; i < typeNodes.getLength(); i++) {
            EntityType type = entityType((Element) typeNodes.item(i));
            types.put(type.name(), type);
        }
        Map<String, String> sets = new LinkedHashMap<>();
        NodeList setNodes = document.getElementsByTagNameNS("*", "EntitySet");
        for (int i = 0; i < setNodes.getLength(); i++) {
            Element set = (Element) setNodes.item(i);
            String type = set.getAttribute("EntityType");
            sets.put(type.substring(type.lastIndexOf('.') + 1), set.getAttribute("Name"));
        }
        List<EntityType> tables = new ArrayList<>();
        for (Map.Entry<String, String> set : sets.entrySet()) {
            EntityType type = types.get(set.getKey());
            if (type != null && !isMetadataType(type, types)) {
                EntityType merged = merged(type, types);
                tables.add(merged);
                table(schema, merged, set.getValue(), sets.keySet());
            }
        }
        for (EntityType type : tables) {
            for (NavigationProperty navigation : type.navigations()) {
                if (navigation.collection() && navigation.name().equals(navigation.partner())) {
                    manyToMany(schema, type, navigation);
                }
            }
        }
    }

    private static EntityType entityType(Element element) {
        List<String> key = new ArrayList<>();
        Element keyElement = XmlFiles.child(element, "Key");
        if (keyElement != null) {
            XmlFiles.children(keyElement, "PropertyRef").forEach(r -> key.add(r.getAttribute("Name")));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        XmlFiles.children(element, "Property").forEach(p -> properties.put(p.getAttribute("Name"), p.getAttribute("Type")));
        List<NavigationProperty> navigations = new ArrayList<>();
        for (Element navigation : XmlFiles.children(element, "NavigationProperty")) {
            Element constraint = XmlFiles.child(navigation, "ReferentialConstraint");
            navigations.add(new NavigationProperty(navigation.getAttribute("Name"), navigation.getAttribute("Type"),
                    XmlFiles.attribute(navigation, "Partner"),
                    constraint == null ? null : constraint.getAttribute("Property"),
                    constraint == null ? null : constraint.getAttribute("ReferencedProperty")));
        }
        List<List<String>> alternateKeys = new ArrayList<>();
        for (Element annotation : XmlFiles.children(element, "Annotation")) {
            if (!"OData.Community.Keys.V1.AlternateKeys".equals(annotation.getAttribute("Term"))) {
                continue;
            }
            NodeList records = annotation.getElementsByTagNameNS("*", "Record");
            for (int i = 0; i < records.getLength(); i++) {
                Element record = (Element) records.item(i);
                if (!"OData.Community.Keys.V1.AlternateKey".equals(record.getAttribute("Type"))) {
                    continue;
                }
                List<String> columns = new ArrayList<>();
                NodeList values = record.getElementsByTagNameNS("*", "PropertyValue");
                for (int v = 0; v < values.getLength(); v++) {
                    Element value = (Element) values.item(v);
                    if ("Name".equals(value.getAttribute("Property"))) {
                        columns.add(value.getAttribute("PropertyPath"));
                    }
                }
                alternateKeys.add(columns);
            }
        }
        String base = XmlFiles.attribute(element, "BaseType");
        return new EntityType(element.getAttribute("Name"), base == null ? null : base.substring(base.lastIndexOf('.') + 1),
                "true".equals(element.getAttribute("Abstract")), key, properties, navigations, alternateKeys);
    }

    /** EntityMetadata and the other metadata types are the metadata API's, not tables. */
    private static boolean isMetadataType(EntityType type, Map<String, EntityType> types) {
        for (EntityType current = type; current != null; current = types.get(current.baseType())) {
            if (current.name().equals("MetadataBase") || current.baseType() == null) {
                return current.name().equals("MetadataBase");
            }
        }
        return false;
    }

    /** The type with its base types' key, properties and navigation properties. */
    private static EntityType merged(EntityType type, Map<String, EntityType> types) {
        List<EntityType> chain = new ArrayList<>();
        for (EntityType current = type; current != null && chain.size() < 16; current = types.get(current.baseType())) {
            chain.add(0, current);
            if (current.baseType() == null) {
                break;
            }
        }
        List<String> key = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        List<NavigationProperty> navigations = new ArrayList<>();
        List<List<String>> alternateKeys = new ArrayList<>();
        for (EntityType link : chain) {
            if (!link.key().isEmpty()) {
                key = link.key();
            }
            properties.putAll(link.properties());
            navigations.addAll(link.navigations());
            alternateKeys.addAll(link.alternateKeys());
        }
        return new EntityType(type.name(), type.baseType(), false, key, properties, navigations, alternateKeys);
    }

    private static void table(Schema schema, EntityType type, String entitySet, Set<String> tableNames) {
        String primaryId = type.key().isEmpty() ? type.name() + "id" : type.key().get(0);
        Map<String, String> properties = type.properties();
        boolean userOwned = properties.containsKey("_ownerid_value");
        TableBuilder builder = new TableBuilder(schema, type.name())
                .entitySetName(entitySet)
                .primaryId(primaryId)
                .primaryName(primaryName(type))
                .ownership(userOwned ? OwnershipType.UserOwned : OwnershipType.OrganizationOwned)
                .custom(type.name().contains("_"))
                .activity(primaryId.equals("activityid"))
                .intersect(isIntersect(type))
                .standardColumns(false);
        Map<String, List<NavigationProperty>> lookups = new LinkedHashMap<>();
        for (NavigationProperty navigation : type.navigations()) {
            if (!navigation.collection() && navigation.constraintProperty() != null) {
                lookups.computeIfAbsent(navigation.constraintProperty(), k -> new ArrayList<>()).add(navigation);
            }
        }
        for (Map.Entry<String, String> property : properties.entrySet()) {
            String name = property.getKey();
            if (name.equals(primaryId)) {
                continue;
            }
            if (name.startsWith("_") && name.endsWith("_value") && "Edm.Guid".equals(property.getValue())) {
                lookup(builder, name.substring(1, name.length() - "_value".length()),
                        lookups.getOrDefault(name, List.of()), tableNames);
                continue;
            }
            Column column = column(name, property.getValue(), properties);
            if (column != null) {
                builder.column(column);
            }
        }
        for (List<String> key : type.alternateKeys()) {
            List<String> columns = key.stream().map(c -> c.startsWith("_") && c.endsWith("_value")
                    ? c.substring(1, c.length() - "_value".length()) : c).toList();
            builder.key(type.name() + "_" + String.join("_", columns) + "_key", columns, KeyStatus.Active);
        }
        builder.build();
    }

    private static void lookup(TableBuilder builder, String name, List<NavigationProperty> navigations,
                               Set<String> tableNames) {
        boolean owner = navigations.stream().anyMatch(n -> n.target().equals("principal"));
        List<String> targets = new ArrayList<>();
        List<LookupTarget> reach = new ArrayList<>();
        if (owner) {
            targets.addAll(List.of("systemuser", "team"));
            reach.add(new LookupTarget("owner", navigations.get(0).partner(), navigations.get(0).name(),
                    navigations.get(0).partner(), Cascade.Restrict));
        } else {
            for (NavigationProperty navigation : navigations) {
                if (tableNames.contains(navigation.target()) && !targets.contains(navigation.target())) {
                    targets.add(navigation.target());
                    reach.add(new LookupTarget(navigation.target(), navigation.partner(), navigation.name(),
                            navigation.partner(), Cascade.RemoveLink));
                }
            }
        }
        AttributeType type = owner ? AttributeType.Owner
                : targets.size() == 2 && targets.containsAll(List.of("account", "contact")) ? AttributeType.Customer
                : AttributeType.Lookup;
        Column.Builder column = Column.builder(name, type).targets(targets).custom(name.contains("_"));
        if (READ_ONLY.contains(name)) {
            column.readOnly();
        }
        if (owner) {
            column.requiredLevel(RequiredLevel.SystemRequired);
        }
        builder.lookup(column.build(), reach);
    }

    /** A column for a CSDL property; types the emulator does not store (binary, streams) give null. */
    private static Column column(String name, String edmType, Map<String, String> properties) {
        AttributeType type = switch (edmType) {
            case "Edm.String" -> AttributeType.String;
            case "Edm.Guid" -> AttributeType.Uniqueidentifier;
            case "Edm.Int32" -> name.equals("statecode") ? AttributeType.State
                    : name.equals("statuscode") ? AttributeType.Status
                    : name.endsWith("code") && !name.endsWith("timezonecode") ? AttributeType.Picklist
                    : AttributeType.Integer;
            case "Edm.Int64" -> AttributeType.BigInt;
            case "Edm.Decimal" -> name.endsWith("_base") || properties.containsKey(name + "_base")
                    ? AttributeType.Money : AttributeType.Decimal;
            case "Edm.Double" -> AttributeType.Double;
            case "Edm.Boolean" -> AttributeType.Boolean;
            case "Edm.DateTimeOffset", "Edm.Date" -> AttributeType.DateTime;
            default -> null;
        };
        if (type == null) {
            return null;
        }
        Column.Builder builder = Column.builder(name, type).custom(name.contains("_") && !name.startsWith("address"));
        if (type == AttributeType.String) {
            builder.maxLength(CmtSource.TEXT_LENGTH);
        }
        if (edmType.equals("Edm.Date")) {
            builder.dateFormat(DateFormat.DateOnly);
        }
        if (READ_ONLY.contains(name) || name.endsWith("_base")) {
            builder.readOnly();
        }
        if (name.equals("overriddencreatedon") || name.equals("importsequencenumber")) {
            builder.validForUpdate(false);
        }
        if (name.equals("statecode")) {
            builder.validForCreate(false);
        }
        return builder.build();
    }

    private static String primaryName(EntityType type) {
        for (String candidate : NAME_CANDIDATES) {
            if ("Edm.String".equals(type.properties().get(candidate))) {
                return candidate;
            }
        }
        for (Map.Entry<String, String> property : type.properties().entrySet()) {
            if (property.getKey().endsWith("_name") && "Edm.String".equals(property.getValue())) {
                return property.getKey();
            }
        }
        return null;
    }

    /** An intersect type has few properties: its id, two ids of related rows, a version. */
    private static boolean isIntersect(EntityType type) {
        return type.properties().size() <= 5 && type.navigations().isEmpty()
                && type.properties().values().stream().filter("Edm.Guid"::equals).count() >= 3;
    }

    private static void manyToMany(Schema schema, EntityType type, NavigationProperty navigation) {
        String name = navigation.name();
        String intersect = name.endsWith("_association") ? name.substring(0, name.length() - "_association".length()) : name;
        Table intersectTable = schema.table(intersect).orElse(null);
        Table other = schema.table(navigation.target()).orElse(null);
        Table self = schema.requireTable(type.name());
        if (intersectTable == null || other == null) {
            return;
        }
        String first = self.primaryIdAttribute();
        String second = other.primaryIdAttribute();
        if (self == other) {
            first = first + "one";
            second = second + "two";
        }
        if (intersectTable.column(first).isEmpty() || intersectTable.column(second).isEmpty()) {
            return;
        }
        IntersectTable.define(schema, name, intersect, null, self.logicalName(), other.logicalName(), first, second,
                name, name, false);
    }

    @Override
    public void populate(Environment environment, Seeder seeder) {
        // A $metadata document describes a schema; its environment starts with only the system rows.
    }
}
