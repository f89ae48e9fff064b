package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.data.Row;
import io.dvmigrate.emulator.data.TableData;
import io.dvmigrate.emulator.schema.AlternateKey;
import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A row address from a URL key: the primary id, or an Active alternate key with its typed values.
 *
 * @param text the key as written in the URL (echoed in OData-EntityId)
 */
public record KeyLookup(Table table, UUID id, AlternateKey key, Map<Column, Object> values, String text) {

    public boolean byId() {
        return key == null;
    }

    /** The stored row this key addresses, or null. Call under the store's lock. */
    public Row find(TableData data) {
        if (byId()) {
            return data.get(id);
        }
        List<Object> ordered = new ArrayList<>(key.columns().size());
        for (String name : key.columns()) {
            ordered.add(values.get(table.requireColumn(name)));
        }
        UUID found = data.findByKey(key.logicalName(), ordered);
        return found == null ? null : data.get(found);
    }

    /** {@code accounts(<key>)}: the resource path of this address. */
    public String path() {
        return table.entitySetName() + "(" + text + ")";
    }
}
