package io.dvmigrate.emulator.environment;

import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.data.Store;
import io.dvmigrate.emulator.data.TableData;
import io.dvmigrate.emulator.schema.Table;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sdkmessage and sdkmessagefilter rows that tell which tables support the bulk messages, as the documented
 * support check reads them: {@code sdkmessagefilters?$filter=sdkmessageid/name eq 'CreateMultiple' and
 * primaryobjecttypecode eq 'account'}. One filter per table and message (CreateMultiple, UpdateMultiple; the real
 * service lists none for UpsertMultiple), kept in step with each table's bulk support.
 */
final class BulkMessageFilters {
    static final List<String> MESSAGES = List.of("CreateMultiple", "UpdateMultiple");

    private BulkMessageFilters() {
    }

    /** Adds the filters of tables that support bulk messages and removes those of tables that no longer do. */
    static void sync(Environment environment) {
        Optional<Table> messages = environment.schema().table("sdkmessage");
        Optional<Table> filters = environment.schema().table("sdkmessagefilter");
        if (messages.isEmpty() || filters.isEmpty()) {
            return;
        }
        Store store = environment.store();
        store.write(() -> {
            Seeder seeder = new Seeder(environment);
            TableData messageRows = store.table(messages.get());
            TableData filterRows = store.table(filters.get());
            for (String message : MESSAGES) {
                UUID messageId = Ids.of(environment.name(), "sdkmessage", message);
                if (messageRows.get(messageId) == null) {
                    seeder.insertKnown("sdkmessage", messageId, Map.of("name", message));
                }
                for (Table table : environment.schema().tables()) {
                    UUID filterId = Ids.of(environment.name(), "sdkmessagefilter", message, table.logicalName());
                    boolean supported = table.bulkOperations() && !table.isIntersect();
                    boolean listed = filterRows.get(filterId) != null;
                    if (supported && !listed) {
                        seeder.insertKnown("sdkmessagefilter", filterId, Map.of(
                                "sdkmessageid", new Ref("sdkmessage", messageId),
                                "primaryobjecttypecode", table.logicalName(), "secondaryobjecttypecode", "none",
                                "iscustomprocessingstepallowed", true));
                    } else if (!supported && listed) {
                        filterRows.remove(filterId, store.nextVersion());
                    }
                }
            }
            return null;
        });
    }
}
