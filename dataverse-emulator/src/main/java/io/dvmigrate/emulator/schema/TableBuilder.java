package io.dvmigrate.emulator.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a table the way Dataverse creates one: the primary id, the system columns every table has (created/
 * modified on and by, versionnumber, overriddencreatedon, state and status), the owner columns of user-owned
 * tables, the currency of tables with money, and a one-to-many relationship for every lookup.
 */
public final class TableBuilder {
    public static final List<Option> DEFAULT_STATES = List.of(
            Option.state(0, "Active", 1), Option.state(1, "Inactive", 2));
    public static final List<Option> DEFAULT_STATUSES = List.of(
            Option.status(1, "Active", 0), Option.status(2, "Inactive", 1));

    private final Schema schema;
    private final String logicalName;
    private String entitySetName;
    private String displayName;
    private String primaryId;
    private String primaryName;
    private OwnershipType ownership = OwnershipType.UserOwned;
    private boolean custom;
    private boolean intersect;
    private boolean activity;
    private int objectTypeCode;
    private boolean changeTracking = true;
    private boolean bulkOperations = true;
    private boolean standardColumns = true;
    private boolean stateModel = true;
    private List<Option> states = DEFAULT_STATES;
    private List<Option> statuses = DEFAULT_STATUSES;
    private final List<Column> columns = new ArrayList<>();
    private final Map<String, List<LookupTarget>> lookupTargets = new LinkedHashMap<>();
    private final List<AlternateKey> keys = new ArrayList<>();

    public TableBuilder(Schema schema, String logicalName) {
        this.schema = schema;
        this.logicalName = logicalName;
    }

    public TableBuilder entitySetName(String value) { this.entitySetName = value; return this; }
    public TableBuilder displayName(String value) { this.displayName = value; return this; }
    public TableBuilder primaryId(String value) { this.primaryId = value; return this; }
    public TableBuilder primaryName(String value) { this.primaryName = value; return this; }
    public TableBuilder ownership(OwnershipType value) { this.ownership = value; return this; }
    public TableBuilder custom(boolean value) { this.custom = value; return this; }
    public TableBuilder intersect(boolean value) { this.intersect = value; return this; }
    public TableBuilder activity(boolean value) { this.activity = value; return this; }
    public TableBuilder objectTypeCode(int value) { this.objectTypeCode = value; return this; }
    public TableBuilder changeTracking(boolean value) { this.changeTracking = value; return this; }
    public TableBuilder bulkOperations(boolean value) { this.bulkOperations = value; return this; }
    public TableBuilder standardColumns(boolean value) { this.standardColumns = value; return this; }
    public TableBuilder stateModel(boolean value) { this.stateModel = value; return this; }

    public TableBuilder states(List<Option> stateOptions, List<Option> statusOptions) {
        this.states = stateOptions;
        this.statuses = statusOptions;
        return this;
    }

    public TableBuilder column(Column column) {
        columns.add(column);
        return this;
    }

    /** A lookup column with how it reaches each of its targets (missing names are derived). */
    public TableBuilder lookup(Column column, List<LookupTarget> targets) {
        columns.add(column);
        lookupTargets.put(column.logicalName(), targets);
        return this;
    }

    public TableBuilder key(String name, List<String> keyColumns, KeyStatus status) {
        keys.add(new AlternateKey(name, SchemaNames.fromLogicalName(name), keyColumns, status,
                MetadataIds.of("key", logicalName, name)));
        return this;
    }

    public Table build() {
        String set = entitySetName != null ? entitySetName : logicalName + "s";
        String pk = primaryId != null ? primaryId : (activity ? "activityid" : logicalName + "id");
        Table table = new Table(logicalName, SchemaNames.fromLogicalName(logicalName), set,
                displayName != null ? displayName : SchemaNames.fromLogicalName(logicalName), pk, primaryName,
                ownership, custom, intersect, activity, objectTypeCode, changeTracking && !intersect, bulkOperations);
        table.addColumn(Column.builder(pk, AttributeType.Uniqueidentifier).validForUpdate(false)
                .requiredLevel(RequiredLevel.SystemRequired).primaryId(true).build());
        for (Column column : columns) {
            Column stored = column.logicalName().equals(primaryName) && !column.primaryName()
                    ? column.toBuilder().primaryName(true).build() : column;
            table.addColumn(stored);
        }
        boolean standard = standardColumns && !intersect;
        if (standard) {
            addSystemColumns(table);
        }
        if (standard && stateModel) {
            // As on the real account and contact: a row is created active, its state set by an update.
            table.addColumn(Column.builder("statecode", AttributeType.State).schemaName("StateCode")
                    .displayName("Status").requiredLevel(RequiredLevel.SystemRequired).validForCreate(false)
                    .options(states).build());
            table.addColumn(Column.builder("statuscode", AttributeType.Status).schemaName("StatusCode")
                    .displayName("Status Reason").options(statuses).build());
        }
        if (standard && ownership == OwnershipType.UserOwned) {
            addOwnerColumns(table);
        }
        if (standard && table.columns().stream().anyMatch(c -> c.type() == AttributeType.Money)) {
            table.addColumn(Column.builder("transactioncurrencyid", AttributeType.Lookup)
                    .schemaName("TransactionCurrencyId").displayName("Currency").targets(List.of("transactioncurrency"))
                    .build());
            lookupTargets.putIfAbsent("transactioncurrencyid", List.of(new LookupTarget("transactioncurrency",
                    "transactioncurrency_" + logicalName, "transactioncurrencyid", null, Cascade.Restrict)));
            table.addColumn(Column.builder("exchangerate", AttributeType.Decimal).schemaName("ExchangeRate")
                    .displayName("Exchange Rate").precision(10).readOnly().build());
        }
        for (AlternateKey key : keys) {
            table.putKey(key);
        }
        schema.addTable(table);
        addRelationships(table);
        return table;
    }

    private void addSystemColumns(Table table) {
        table.addColumn(Column.builder("createdon", AttributeType.DateTime).schemaName("CreatedOn")
                .displayName("Created On").readOnly().build());
        table.addColumn(Column.builder("modifiedon", AttributeType.DateTime).schemaName("ModifiedOn")
                .displayName("Modified On").readOnly().build());
        table.addColumn(Column.builder("createdby", AttributeType.Lookup).schemaName("CreatedBy")
                .displayName("Created By").targets(List.of("systemuser")).readOnly().build());
        table.addColumn(Column.builder("modifiedby", AttributeType.Lookup).schemaName("ModifiedBy")
                .displayName("Modified By").targets(List.of("systemuser")).readOnly().build());
        table.addColumn(Column.builder("versionnumber", AttributeType.BigInt).schemaName("VersionNumber")
                .displayName("Version Number").readOnly().build());
        table.addColumn(Column.builder("overriddencreatedon", AttributeType.DateTime)
                .schemaName("OverriddenCreatedOn").displayName("Record Created On").dateFormat(DateFormat.DateOnly)
                .validForUpdate(false).build());
        table.addColumn(Column.builder("importsequencenumber", AttributeType.Integer)
                .schemaName("ImportSequenceNumber").displayName("Import Sequence Number").validForUpdate(false)
                .build());
        lookupTargets.putIfAbsent("createdby", List.of(new LookupTarget("systemuser",
                "lk_" + logicalName + "_createdby", "createdby", null, Cascade.RemoveLink)));
        lookupTargets.putIfAbsent("modifiedby", List.of(new LookupTarget("systemuser",
                "lk_" + logicalName + "_modifiedby", "modifiedby", null, Cascade.RemoveLink)));
    }

    private void addOwnerColumns(Table table) {
        String set = table.entitySetName();
        table.addColumn(Column.builder("ownerid", AttributeType.Owner).schemaName("OwnerId").displayName("Owner")
                .targets(List.of("systemuser", "team")).requiredLevel(RequiredLevel.SystemRequired).build());
        table.addColumn(Column.builder("owninguser", AttributeType.Lookup).schemaName("OwningUser")
                .displayName("Owning User").targets(List.of("systemuser")).readOnly().build());
        table.addColumn(Column.builder("owningteam", AttributeType.Lookup).schemaName("OwningTeam")
                .displayName("Owning Team").targets(List.of("team")).readOnly().build());
        table.addColumn(Column.builder("owningbusinessunit", AttributeType.Lookup).schemaName("OwningBusinessUnit")
                .displayName("Owning Business Unit").targets(List.of("businessunit")).readOnly().build());
        // Dataverse relates ownerid to the abstract "owner" table; the single ownerid navigation accepts either
        // /systemusers(..) or /teams(..).
        lookupTargets.putIfAbsent("ownerid", List.of(new LookupTarget("owner", "owner_" + set, "ownerid",
                "owner_" + set, Cascade.Restrict)));
        lookupTargets.putIfAbsent("owninguser", List.of(new LookupTarget("systemuser", "user_" + set,
                "owninguser", null, Cascade.Restrict)));
        lookupTargets.putIfAbsent("owningteam", List.of(new LookupTarget("team", "team_" + set, "owningteam",
                null, Cascade.Restrict)));
        lookupTargets.putIfAbsent("owningbusinessunit", List.of(new LookupTarget("businessunit",
                "business_unit_" + set, "owningbusinessunit", null, Cascade.Restrict)));
    }

    private void addRelationships(Table table) {
        for (Column column : table.columns()) {
            if (!column.type().isLookup()) {
                continue;
            }
            List<LookupTarget> targets = new ArrayList<>(lookupTargets.getOrDefault(column.logicalName(), List.of()));
            boolean polymorphic = column.targets().size() > 1;
            boolean owner = targets.stream().anyMatch(t -> t.target().equals("owner"));
            for (String target : column.targets()) {
                if (!owner && targets.stream().noneMatch(t -> t.target().equals(target))) {
                    targets.add(LookupTarget.of(target));
                }
            }
            for (LookupTarget target : targets) {
                String relationship = target.relationship() != null ? target.relationship()
                        : defaultRelationshipName(table, column, target.target(), polymorphic);
                String navigation = target.navigation() != null ? target.navigation()
                        : polymorphic ? column.logicalName() + "_" + target.target()
                        : column.custom() ? column.schemaName() : column.logicalName();
                String referencedNavigation = target.referencedNavigation() != null
                        ? target.referencedNavigation() : relationship;
                Cascade cascade = target.cascade() != null ? target.cascade() : Cascade.RemoveLink;
                String referencedAttribute = "owner".equals(target.target()) ? "ownerid"
                        : schema.table(target.target()).map(Table::primaryIdAttribute).orElse(target.target() + "id");
                schema.addRelationship(new OneToMany(relationship, target.target(), referencedAttribute,
                        table.logicalName(), column.logicalName(), referencedNavigation, navigation, cascade,
                        target.target().equals(table.logicalName()), column.custom(),
                        MetadataIds.of("relationship", relationship)));
            }
        }
    }

    private static String defaultRelationshipName(Table table, Column column, String target, boolean polymorphic) {
        return polymorphic
                ? table.logicalName() + "_" + column.logicalName() + "_" + target
                : target + "_" + table.logicalName() + "_" + column.logicalName();
    }
}
