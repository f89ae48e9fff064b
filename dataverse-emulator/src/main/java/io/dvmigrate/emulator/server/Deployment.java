package io.dvmigrate.emulator.server;

import io.dvmigrate.emulator.api.WebApi;
import io.dvmigrate.emulator.environment.Environment;

/** An environment as it is served: its data and its Web API. */
public record Deployment(Environment environment, WebApi api) {

    static Deployment of(Environment environment) {
        return new Deployment(environment, new WebApi(environment));
    }
}
