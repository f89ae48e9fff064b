package io.dvmigrate.emulator.source;

import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.environment.Seeder;
import io.dvmigrate.emulator.schema.Schema;

/** Where an environment's schema and rows come from (one implementation per kind of spec). */
interface EnvironmentSource {

    /** Adds the source's tables and relationships to a schema that already has the system tables. */
    void define(Schema schema);

    /** Loads the source's rows; the system rows are there already. */
    void populate(Environment environment, Seeder seeder);

    /**
     * True when the source describes the system tables itself (a real $metadata does): then its definitions go
     * first and the built-in system tables only fill what it lacks.
     */
    default boolean definesSystemTables() {
        return false;
    }
}
