package io.dvmigrate.emulator.source;

import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.environment.Seeder;
import io.dvmigrate.emulator.schema.Schema;

/** {@code json:PATH}: tables, relationships and rows from a document in the emulator's own format. */
final class JsonSource implements EnvironmentSource {
    private final JsonDocument document;

    JsonSource(JsonDocument document) {
        this.document = document;
    }

    @Override
    public void define(Schema schema) {
        document.define(schema);
    }

    @Override
    public void populate(Environment environment, Seeder seeder) {
        document.populate(seeder, environment.schema());
    }
}
