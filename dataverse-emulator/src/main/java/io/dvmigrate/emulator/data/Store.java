package io.dvmigrate.emulator.data;

import io.dvmigrate.emulator.schema.Column;
import io.dvmigrate.emulator.schema.ManyToMany;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * All rows of one environment. Readers share a read lock; a write request (or a whole change set or bulk request)
 * holds the write lock, which is what makes those atomic. Versions come from one counter per environment, like
 * Dataverse's rowversion: they order every change, so they serve as etags and as change-tracking positions.
 */
public final class Store {
    private final Schema schema;
    private final Map<String, TableData> tables = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong(1_000_000);
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public Store(Schema schema) {
        this.schema = schema;
    }

    public Schema schema() {
        return schema;
    }

    public TableData table(Table table) {
        return tables.computeIfAbsent(table.logicalName(), name -> new TableData(table, pairColumns(table)));
    }

    public TableData table(String logicalName) {
        return table(schema.requireTable(logicalName));
    }

    private List<Column> pairColumns(Table table) {
        if (!table.isIntersect()) {
            return List.of();
        }
        for (ManyToMany relationship : schema.manyToMany()) {
            if (relationship.intersectEntity().equals(table.logicalName())) {
                return List.of(table.requireColumn(relationship.entity1IntersectAttribute()),
                        table.requireColumn(relationship.entity2IntersectAttribute()));
            }
        }
        return List.of();
    }

    public long nextVersion() {
        return versions.incrementAndGet();
    }

    public long currentVersion() {
        return versions.get();
    }

    public <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    public <T> T write(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
