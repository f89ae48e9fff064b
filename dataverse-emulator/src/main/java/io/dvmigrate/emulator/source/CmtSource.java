package io.dvmigrate.emulator.source;

import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.data.Values;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.environment.Seeder;
import io.dvmigrate.emulator.schema.AttributeType;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.DateFormat;
import io.dvmigrate.emulator.schema.IntersectTable;
import io.dvmigrate.emulator.schema.LookupTarget;
import io.dvmigrate.emulator.schema.ManyToMany;
import io.dvmigrate.emulator.schema.OwnershipType;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;
import io.dvmigrate.emulator.schema.TableBuilder;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code cmt:PATH} and {@code cmt-schema:PATH}: the package's tables with the columns of data_schema.xml, and
 * (for {@code cmt:}) its records and many-to-many associations. Tables that lookups reach but the package does not
 * contain (sla, pricelevel, …) are created with a primary name column; with data, every referenced row that does
 * not exist is created with the name the package gives it ({@code lookupentityname}), so the environment is
 * referentially consistent while the package's own tables hold exactly the package's records.
 * CMT carries no option lists nor text lengths: choices accept any value, text takes up to 4,000 characters.
 */
final class CmtSource implements EnvironmentSource {
    /** Columns every table gets from {@link TableBuilder}; the package's definitions of them are not used. */
    private static final Set<String> BUILT_IN = Set.of("createdon", "modifiedon", "createdby", "modifiedby",
            "versionnumber", "overriddencreatedon", "importsequencenumber", "statecode", "statuscode", "ownerid",
            "owninguser", "owningteam", "owningbusinessunit");
    private static final Set<String> READ_ONLY = Set.of("createdonbehalfby", "modifiedonbehalfby", "organizationid");
    private static final Set<String> ACTIVITIES = Set.of("activitypointer", "appointment", "email", "fax", "letter",
            "phonecall", "task", "serviceappointment", "campaignactivity", "campaignresponse", "socialactivity",
            "recurringappointmentmaster", "msdyn_postalbum", "msfp_surveyinvite", "msfp_surveyresponse");
    static final int TEXT_LENGTH = 4000;

    private final CmtPackage cmt;
    private final boolean withRows;

    CmtSource(CmtPackage cmt, boolean withRows) {
        this.cmt = cmt;
        this.withRows = withRows;
    }

    @Override
    public void define(Schema schema) {
        Set<String> own = new LinkedHashSet<>();
        cmt.entities().forEach(e -> own.add(e.name()));
        Set<String> referenced = new LinkedHashSet<>();
        for (CmtPackage.Entity entity : cmt.entities()) {
            for (CmtPackage.Field field : entity.fields()) {
                if (field.lookupType() != null) {
                    referenced.addAll(Arrays.asList(field.lookupType().split("\\|")));
                }
            }
            entity.relationships().stream().filter(CmtPackage.Relationship::manyToMany)
                    .forEach(r -> referenced.add(r.targetEntity()));
        }
        for (String target : referenced) {
            if (!target.isBlank() && !own.contains(target) && !schema.hasTable(target)) {
                stub(schema, target);
            }
        }
        for (CmtPackage.Entity entity : cmt.entities()) {
            if (schema.hasTable(entity.name())) {
                extend(schema.requireTable(entity.name()), entity);
            } else {
                table(schema, entity);
            }
        }
        for (CmtPackage.Entity entity : cmt.entities()) {
            for (CmtPackage.Relationship relationship : entity.relationships()) {
                if (relationship.manyToMany() && relationship.targetEntity() != null) {
                    IntersectTable.define(schema, relationship.name(), relationship.intersectEntity(), null,
                            entity.name(), relationship.targetEntity(), null, null, null, null, true);
                }
            }
        }
    }

    /** A table a lookup reaches but the package lacks: a primary id and a name. */
    private static void stub(Schema schema, String name) {
        new TableBuilder(schema, name)
                .primaryId(ACTIVITIES.contains(name) ? "activityid" : name + "id")
                .primaryName("name")
                .ownership(OwnershipType.OrganizationOwned)
                .bulkOperations(false)
                .states(List.of(), List.of())
                .column(Column.builder("name", AttributeType.String).maxLength(TEXT_LENGTH).displayName("Name").build())
                .build();
    }

    private static void table(Schema schema, CmtPackage.Entity entity) {
        Set<String> fields = new LinkedHashSet<>();
        entity.fields().forEach(f -> fields.add(f.name()));
        boolean money = entity.fields().stream().anyMatch(f -> f.type().equals("money"));
        TableBuilder builder = new TableBuilder(schema, entity.name())
                .displayName(entity.displayName())
                .primaryId(entity.primaryIdField())
                .primaryName(entity.primaryNameField())
                .ownership(fields.contains("ownerid") ? OwnershipType.UserOwned : OwnershipType.OrganizationOwned)
                .custom(entity.fields().stream().anyMatch(CmtPackage.Field::custom))
                .activity(ACTIVITIES.contains(entity.name()))
                .objectTypeCode(entity.objectTypeCode())
                .stateModel(fields.contains("statecode"))
                .states(List.of(), List.of());
        for (CmtPackage.Field field : entity.fields()) {
            if (field.name().equals(entity.primaryIdField()) || BUILT_IN.contains(field.name())
                    || (money && (field.name().equals("transactioncurrencyid") || field.name().equals("exchangerate")))) {
                continue;
            }
            Column column = column(field);
            if (column == null) {
                continue;
            }
            if (column.type().isLookup()) {
                builder.lookup(column, column.targets().stream().map(LookupTarget::of).toList());
            } else {
                builder.column(column);
            }
        }
        if (entity.primaryNameField() != null && !fields.contains(entity.primaryNameField())) {
            builder.column(Column.builder(entity.primaryNameField(), AttributeType.String).maxLength(TEXT_LENGTH).build());
        }
        builder.build();
    }

    /** A package entity that is also a system table: its extra fields become columns. */
    private static void extend(Table table, CmtPackage.Entity entity) {
        for (CmtPackage.Field field : entity.fields()) {
            Column column = column(field);
            if (column != null && table.column(field.name()).isEmpty() && !column.type().isLookup()) {
                table.addColumn(column);
            }
        }
    }

    /** The column of a CMT field type, or null for types the emulator does not store (imagedata). */
    private static Column column(CmtPackage.Field field) {
        AttributeType type = switch (field.type()) {
            case "string", "memo" -> AttributeType.String;
            case "guid" -> AttributeType.Uniqueidentifier;
            case "entityreference" -> "account|contact".equals(field.lookupType()) ? AttributeType.Customer
                    : AttributeType.Lookup;
            case "owner" -> AttributeType.Owner;
            case "optionsetvalue" -> AttributeType.Picklist;
            case "state" -> AttributeType.State;
            case "status" -> AttributeType.Status;
            case "bool" -> AttributeType.Boolean;
            case "datetime" -> AttributeType.DateTime;
            case "decimal" -> AttributeType.Decimal;
            case "float" -> AttributeType.Double;
            case "money" -> AttributeType.Money;
            case "number" -> AttributeType.Integer;
            case "bigint" -> AttributeType.BigInt;
            default -> null;
        };
        if (type == null) {
            return null;
        }
        Column.Builder builder = Column.builder(field.name(), type).displayName(field.displayName())
                .custom(field.custom()).dateFormat(DateFormat.DateAndTime);
        if (type == AttributeType.String) {
            builder.maxLength(TEXT_LENGTH);
        }
        if (type == AttributeType.Decimal) {
            builder.precision(10);
        }
        if (type == AttributeType.Money) {
            builder.precision(4);
        }
        if (type.isLookup()) {
            List<String> targets = field.lookupType() == null ? List.of()
                    : Arrays.stream(field.lookupType().split("\\|")).filter(t -> !t.isBlank()).toList();
            builder.targets(targets);
        }
        if (READ_ONLY.contains(field.name())) {
            builder.readOnly();
        }
        return builder.build();
    }

    @Override
    public void populate(Environment environment, Seeder seeder) {
        if (!withRows) {
            return;
        }
        Schema schema = environment.schema();
        Set<String> own = new LinkedHashSet<>();
        cmt.entities().forEach(e -> own.add(e.name()));
        Map<Ref, String> missing = new LinkedHashMap<>();
        for (List<CmtPackage.Record> records : cmt.records().values()) {
            for (CmtPackage.Record record : records) {
                for (CmtPackage.Value value : record.fields().values()) {
                    if (value.lookupEntity() != null && !own.contains(value.lookupEntity()) && !value.value().isBlank()) {
                        missing.putIfAbsent(new Ref(value.lookupEntity(), uuid(value.value())), value.lookupEntityName());
                    }
                }
            }
        }
        for (CmtPackage.Association association : cmt.associations()) {
            if (!own.contains(association.targetEntity())) {
                association.targetIds().forEach(id -> missing.putIfAbsent(new Ref(association.targetEntity(), uuid(id)), null));
            }
        }
        missing.forEach((ref, name) -> referenced(environment, seeder, ref, name));
        for (CmtPackage.Entity entity : cmt.entities()) {
            Table table = schema.requireTable(entity.name());
            for (CmtPackage.Record record : cmt.records().getOrDefault(entity.name(), List.of())) {
                seeder.insert(entity.name(), values(table, entity, record));
            }
        }
        for (CmtPackage.Association association : cmt.associations()) {
            ManyToMany relationship = schema.manyToMany().stream()
                    .filter(r -> r.schemaName().equals(association.relationship())).findFirst().orElse(null);
            if (relationship == null) {
                continue;
            }
            boolean sourceIsEntity1 = relationship.entity1().equals(association.entity());
            for (String target : association.targetIds()) {
                UUID source = uuid(association.sourceId());
                seeder.associate(relationship, sourceIsEntity1 ? source : uuid(target),
                        sourceIsEntity1 ? uuid(target) : source);
            }
        }
    }

    /** Creates a row the package refers to but does not contain, named as the package names it. */
    private static void referenced(Environment environment, Seeder seeder, Ref ref, String name) {
        Table table = environment.schema().table(ref.table()).orElse(null);
        if (table == null || environment.store().table(table).get(ref.id()) != null) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        String label = name == null || name.isBlank() ? ref.table() + " " + ref.id() : name;
        table.primaryName().ifPresent(c -> values.put(c.logicalName(), truncate(label, c)));
        if (ref.table().equals("systemuser")) {
            values.put("lastname", truncate(label, table.column("lastname").orElse(null)));
            values.put("businessunitid", new Ref("businessunit", environment.ids().rootBusinessUnit()));
            values.put("isdisabled", true);
        }
        if (ref.table().equals("team")) {
            values.put("businessunitid", new Ref("businessunit", environment.ids().rootBusinessUnit()));
            values.put("teamtype", 0);
        }
        if (ref.table().equals("transactioncurrency")) {
            values.put("isocurrencycode", isoCode(label));
            values.put("currencysymbol", "¤");
            values.put("exchangerate", java.math.BigDecimal.ONE);
        }
        seeder.insertKnown(ref.table(), ref.id(), values);
    }

    /** The ISO code of a currency named in the package ("US Dollar" → USD), or XXX when the name is unknown. */
    static String isoCode(String currencyName) {
        return java.util.Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getDisplayName(java.util.Locale.US).equalsIgnoreCase(currencyName.trim()))
                .map(java.util.Currency::getCurrencyCode)
                .findFirst().orElse("XXX");
    }

    private static Object truncate(String text, Column column) {
        if (column == null || column.maxLength() == null || text.length() <= column.maxLength()) {
            return text;
        }
        return text.substring(0, column.maxLength());
    }

    private static Map<String, Object> values(Table table, CmtPackage.Entity entity, CmtPackage.Record record) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(table.primaryIdAttribute(), uuid(record.id()));
        for (Map.Entry<String, CmtPackage.Value> field : record.fields().entrySet()) {
            Column column = table.column(field.getKey()).orElse(null);
            CmtPackage.Value value = field.getValue();
            if (column == null || column.primaryId() || value.value() == null) {
                continue;
            }
            try {
                if (column.type().isLookup()) {
                    String target = value.lookupEntity() != null ? value.lookupEntity()
                            : column.targets().isEmpty() ? null : column.targets().get(0);
                    values.put(column.logicalName(), new Ref(target, uuid(value.value())));
                } else {
                    values.put(column.logicalName(), Values.fromText(column, value.value()));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("CMT record " + record.id() + " of " + entity.name() + ", field "
                        + field.getKey() + ": " + e.getMessage(), e);
            }
        }
        return values;
    }

    private static UUID uuid(String text) {
        return UUID.fromString(text.trim().replace("{", "").replace("}", ""));
    }
}
