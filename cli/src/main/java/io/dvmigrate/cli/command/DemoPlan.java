package io.dvmigrate.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The demo's plan (a resource): the emulated CRM into an empty environment with the same schema. */
public final class DemoPlan {
    private DemoPlan() {
    }

    public static String yaml() {
        try (InputStream in = DemoPlan.class.getResourceAsStream("/io/dvmigrate/cli/demo-plan.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
