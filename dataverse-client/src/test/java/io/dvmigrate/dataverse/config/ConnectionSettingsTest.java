package io.dvmigrate.dataverse.config;

import io.dvmigrate.dataverse.error.SecretUnavailable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSettingsTest {

    @Test
    void defaultsFollowTheOrganisationUrl() {
        ConnectionSettings settings = ConnectionSettings.builder("target")
                .serviceRoot("https://contoso.crm4.dynamics.com")
                .tenant("contoso.onmicrosoft.com")
                .clientSecret("11111111-2222-3333-4444-555555555555", "env:DVM_TARGET_SECRET")
                .build();

        assertThat(settings.serviceRoot()).hasToString("https://contoso.crm4.dynamics.com/api/data/v9.2/");
        assertThat(settings.authority()).hasToString("https://login.microsoftonline.com/contoso.onmicrosoft.com/");
        assertThat(settings.scope()).isEqualTo("https://contoso.crm4.dynamics.com/.default");
        assertThat(settings.toString()).contains("env:DVM_TARGET_SECRET");
    }

    @Test
    void sovereignCloudAuthorityByConfiguration() {
        ConnectionSettings settings = ConnectionSettings.builder("gov")
                .serviceRoot("https://contoso.crm9.dynamics.com/api/data/v9.2/")
                .authority("https://login.microsoftonline.us/contoso.onmicrosoft.us")
                .clientSecret("app", "env:X")
                .build();

        assertThat(settings.authority()).hasToString("https://login.microsoftonline.us/contoso.onmicrosoft.us/");
    }

    @Test
    void literalSecretsAreRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> SecretRef.parse("s3cr3t-value~xyz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("env:VARIABLE or file:PATH")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void secretsAreReadAtUseAndNeverPrinted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "first\n");
        SecretRef ref = SecretRef.parse("file:" + file);

        assertThat(ref.resolve("source").reveal()).isEqualTo("first");
        Files.writeString(file, "rotated");
        Secret rotated = ref.resolve("source");
        assertThat(rotated.reveal()).isEqualTo("rotated");
        assertThat(rotated.toString()).doesNotContain("rotated");

        assertThatThrownBy(() -> SecretRef.env("DVM_SURELY_UNSET_VARIABLE").resolve("source"))
                .isInstanceOf(SecretUnavailable.class)
                .hasMessage("Secret for environment 'source' is unavailable: environment variable DVM_SURELY_UNSET_VARIABLE is not set");
        assertThatThrownBy(() -> SecretRef.parse("file:" + dir.resolve("missing")).resolve("source"))
                .isInstanceOf(SecretUnavailable.class).hasMessageContaining("cannot be read");
    }

    @Test
    void trustingAnyCertificateIsOnlyForLoopbackHosts() {
        assertThatThrownBy(() -> ConnectionSettings.builder("prod")
                .serviceRoot("https://contoso.crm4.dynamics.com").tenant("t").clientSecret("app", "env:X")
                .insecureTrustAnyCertificateOnLoopback().build())
                .hasMessageContaining("only allowed when both the service root and the authority are on a loopback host");

        ConnectionSettings local = ConnectionSettings.builder("local")
                .serviceRoot("https://localhost:8443/dev/api/data/v9.2/").authority("https://localhost:8443/dvm")
                .clientSecret("app", "env:X").insecureTrustAnyCertificateOnLoopback().build();
        assertThat(local.insecureTrustAnyCertificateOnLoopback()).isTrue();
    }

    @Test
    void bypassHeadersAreDataversesOwn() {
        assertThat(new Bypass(true, true, true, true).headers())
                .containsEntry("MSCRM.BypassCustomPluginExecution", "true")
                .containsEntry("MSCRM.BypassBusinessLogicExecution", "CustomSync,CustomAsync")
                .containsEntry("MSCRM.SuppressCallbackRegistrationExpanderJob", "true");
        assertThat(Bypass.NONE.headers()).isEmpty();
    }

    @Test
    void backoffIsJitteredAndBounded() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        for (int retry = 1; retry < 40; retry++) {
            assertThat(policy.backoff(retry)).isLessThanOrEqualTo(policy.maxBackoff());
        }
        assertThat(policy.backoff(1).toMillis()).isBetween(100L, 200L);
    }
}
