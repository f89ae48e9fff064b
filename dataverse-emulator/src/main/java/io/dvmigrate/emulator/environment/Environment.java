package io.dvmigrate.emulator.environment;

import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.data.Row;
import io.dvmigrate.emulator.data.Store;
import io.dvmigrate.emulator.data.TableData;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One emulated Dataverse environment: its name (the URL segment), its spec, schema, rows and system ids. */
public final class Environment {
    private final String name;
    private final EnvironmentSpec spec;
    private final Schema schema;
    private final Store store;
    private final SystemIds ids;
    private final String idSeed = Long.toHexString(System.nanoTime());
    private final java.util.concurrent.atomic.AtomicLong createdRows = new java.util.concurrent.atomic.AtomicLong();

    public Environment(String name, EnvironmentSpec spec, Schema schema) {
        this.name = name;
        this.spec = spec;
        this.schema = schema;
        this.store = new Store(schema);
        this.ids = SystemIds.of(name);
    }

    public String name() { return name; }
    public EnvironmentSpec spec() { return spec; }
    public Schema schema() { return schema; }
    public Store store() { return store; }
    public SystemIds ids() { return ids; }

    /** A fresh id for a row created without one: sequential within this environment, like Dataverse's. */
    public UUID newId() {
        return Ids.sequential(idSeed, name, createdRows.incrementAndGet());
    }

    /** The systemuser id of an application user, or empty when the application is not known here. */
    public Optional<UUID> applicationUser(String clientId) {
        UUID id = SystemIds.applicationUser(name, clientId);
        return store.read(() -> Optional.ofNullable(store.table("systemuser").get(id)).map(Row::id));
    }

    /** Adds the application user of {@code application} (a systemuser row with its applicationid). */
    public UUID addApplicationUser(Application application) {
        UUID id = SystemIds.applicationUser(name, application.clientId());
        store.write(() -> {
            if (store.table("systemuser").get(id) == null) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("fullname", "# " + application.clientId());
                values.put("lastname", "# " + application.clientId());
                values.put("domainname", application.clientId() + "@" + application.tenant() + ".application");
                values.put("applicationid", application.applicationId());
                values.put("businessunitid", new Ref("businessunit", ids.rootBusinessUnit()));
                values.put("accessmode", 4);
                values.put("isdisabled", false);
                new Seeder(this).insertKnown("systemuser", id, values);
            }
            return id;
        });
        return id;
    }

    /** Brings the sdkmessagefilter rows in line with which tables support the bulk messages. */
    public void syncBulkMessageFilters() {
        BulkMessageFilters.sync(this);
    }

    /** Marks a table as supporting CreateMultiple/UpdateMultiple/UpsertMultiple, or not (its message filters follow). */
    public void bulkOperations(String tableName, boolean supported) {
        schema.requireTable(tableName).bulkOperations(supported);
        syncBulkMessageFilters();
    }

    /** Rows per table, in schema order. */
    public Map<String, Long> rowCounts() {
        return store.read(() -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Table table : schema.tables()) {
                TableData data = store.table(table);
                counts.put(table.logicalName(), (long) data.size());
            }
            return counts;
        });
    }
}
