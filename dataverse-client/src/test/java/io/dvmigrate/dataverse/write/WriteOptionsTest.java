package io.dvmigrate.dataverse.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvmigrate.dataverse.config.Bypass;
import io.dvmigrate.dataverse.config.ConnectionSettings;
import org.junit.jupiter.api.Test;

class WriteOptionsTest {
    private static ConnectionSettings settings(Bypass bypass) {
        return ConnectionSettings.builder("target").serviceRoot("https://contoso.crm4.dynamics.com")
                .tenant("contoso.onmicrosoft.com").clientSecret("app", "env:SECRET").bypass(bypass).build();
    }

    @Test
    void aWritesOwnBypassWinsOverTheConnections() {
        WriteOptions options = WriteOptions.DEFAULT.withBypass(new Bypass(true, false, false, true));

        assertThat(options.bypassHeaders(settings(Bypass.NONE)))
                .containsEntry("MSCRM.BypassCustomPluginExecution", "true")
                .containsEntry("MSCRM.SuppressCallbackRegistrationExpanderJob", "true");
        assertThat(WriteOptions.DEFAULT.withBypass(Bypass.NONE).bypassHeaders(settings(new Bypass(true, false, false, false))))
                .isEmpty();
    }

    @Test
    void withoutItsOwnAWriteFollowsTheConnection() {
        assertThat(WriteOptions.DEFAULT.bypassHeaders(settings(new Bypass(false, true, true, false))))
                .containsEntry("MSCRM.BypassBusinessLogicExecution", "CustomSync,CustomAsync");
    }
}
