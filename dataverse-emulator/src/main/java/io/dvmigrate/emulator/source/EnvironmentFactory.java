package io.dvmigrate.emulator.source;

import io.dvmigrate.emulator.environment.Application;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.environment.EnvironmentSpec;
import io.dvmigrate.emulator.environment.Seeder;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;

import java.time.Instant;
import java.util.Collection;

/** Builds an environment from its spec: system tables and rows, the source's schema and rows, application users. */
public final class EnvironmentFactory {
    private EnvironmentFactory() {
    }

    public static Environment create(String name, EnvironmentSpec spec, Collection<Application> applications) {
        EnvironmentSource source = sourceOf(spec);
        Schema schema = new Schema();
        JsonDocument system = JsonDocument.resource("system.json");
        if (source.definesSystemTables()) {
            source.define(schema);
            system.defineMissing(schema);
        } else {
            system.define(schema);
            source.define(schema);
        }
        Environment environment = new Environment(name, spec, schema);
        Seeder seeder = new Seeder(environment, Instant.now());
        new SystemRows(environment, seeder).seed();
        for (Application application : applications) {
            environment.addApplicationUser(application);
        }
        source.populate(environment, seeder);
        for (Table table : schema.tables()) {
            environment.store().table(table).rebuildIndexes();
        }
        environment.syncBulkMessageFilters();
        return environment;
    }

    private static EnvironmentSource sourceOf(EnvironmentSpec spec) {
        return switch (spec.kind()) {
            case DEMO -> new DemoSource(spec.size(), true);
            case DEMO_SCHEMA -> new DemoSource(-1, false);
            case GENERATED -> new GeneratedSource(spec.size());
            case JSON -> new JsonSource(JsonDocument.read(spec.path()));
            case CMT -> new CmtSource(CmtPackage.read(spec.path()), true);
            case CMT_SCHEMA -> new CmtSource(CmtPackage.read(spec.path()), false);
            case CSDL -> new CsdlSource(spec.path());
        };
    }
}
