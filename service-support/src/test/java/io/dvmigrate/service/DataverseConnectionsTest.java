package io.dvmigrate.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dvmigrate.contracts.EnvironmentRef;
import io.dvmigrate.contracts.ErrorInfo;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.config.AppUser;
import io.dvmigrate.dataverse.config.ConnectionSettings;
import io.dvmigrate.dataverse.config.Credential;
import io.dvmigrate.dataverse.config.SecretRef;
import io.dvmigrate.dataverse.error.CredentialsRejected;
import io.dvmigrate.dataverse.metrics.ClientMetrics;
import io.dvmigrate.emulator.environment.Application;
import io.dvmigrate.testing.EmulatedEnvironments;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How an environment reference becomes a client, checked against an emulated environment where it matters. */
class DataverseConnectionsTest {
    private static EmulatedEnvironments environments;

    @BeforeAll
    static void start() {
        environments = EmulatedEnvironments.start(Map.of("source", "generated:0", "target", "generated:0"));
    }

    @AfterAll
    static void stop() {
        environments.close();
    }

    @Test
    void aReferenceWithoutAuthorityGetsEntraAndTheScopeOfItsOrganisation() {
        EnvironmentRef ref = new EnvironmentRef("source", "https://contoso.crm4.dynamics.com", "contoso.onmicrosoft.com",
                "0b6f0000-0000-0000-0000-000000000001", "env:DVM_SOURCE_SECRET", null, null,
                List.of(new EnvironmentRef.ApplicationUser("0b6f0000-0000-0000-0000-000000000002", "file:/run/secrets/second")));

        ConnectionSettings settings = DataverseConnections.settingsOf(ref);

        assertThat(settings.name()).isEqualTo("source");
        assertThat(settings.serviceRoot()).isEqualTo(URI.create("https://contoso.crm4.dynamics.com/api/data/v9.2/"));
        assertThat(settings.tenant()).isEqualTo("contoso.onmicrosoft.com");
        assertThat(settings.authority()).isEqualTo(URI.create("https://login.microsoftonline.com/contoso.onmicrosoft.com/"));
        assertThat(settings.scope()).isEqualTo("https://contoso.crm4.dynamics.com/.default");
        assertThat(settings.trustCertificate()).isEmpty();
        assertThat(settings.users()).containsExactly(
                new AppUser("0b6f0000-0000-0000-0000-000000000001", new Credential.ClientSecret(SecretRef.env("DVM_SOURCE_SECRET"))),
                new AppUser("0b6f0000-0000-0000-0000-000000000002",
                        new Credential.ClientSecret(SecretRef.file(Path.of("/run/secrets/second")))));
    }

    @Test
    void aLocalAuthorityAndItsCertificateAreTakenAsGiven() {
        EnvironmentRef ref = environments.ref("target");

        ConnectionSettings settings = DataverseConnections.settingsOf(ref);

        assertThat(settings.serviceRoot().toString()).isEqualTo(ref.url() + "/api/data/v9.2/");
        assertThat(settings.authority().toString()).isEqualTo(ref.authority());
        assertThat(settings.trustCertificate()).isEqualTo(Optional.of(Path.of(ref.trustCertificate())));
    }

    @Test
    void aLiteralSecretIsRefusedWithoutBeingRepeated() {
        EnvironmentRef literal = new EnvironmentRef("target", "https://contoso.crm4.dynamics.com", "contoso", "app",
                "Abc~literal-secret-value", null, null, List.of());

        assertThatThrownBy(() -> DataverseConnections.settingsOf(literal)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("env:VARIABLE or file:PATH").hasMessageNotContaining("Abc~literal-secret-value");
    }

    @Test
    void everyoneNamingAnEnvironmentSharesOneClientUntilTheConnectionsClose() {
        try (DataverseConnections connections = new DataverseConnections(new SimpleMeterRegistry())) {
            EnvironmentRef ref = environments.ref("source");
            DataverseClient first = connections.clientFor(ref);

            assertThat(connections.clientFor(environments.ref("source"))).isSameAs(first);
            assertThat(connections.clientFor(environments.ref("target"))).isNotSameAs(first);

            connections.close();
            assertThat(connections.clientFor(ref)).as("a closed client is never handed out").isNotSameAs(first);
        }
    }

    @Test
    void aClientTalksToItsEnvironmentWithTheReferencedSecretAndReportsToTheServicesRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DataverseConnections connections = new DataverseConnections(registry)) {
            DataverseClient client = connections.clientFor(environments.ref("source"));

            assertThat(client.whoAmI().userId()).isNotBlank();
            assertThat(registry.find(ClientMetrics.REQUESTS).tag("environment", "source").counters()).isNotEmpty();
            assertThat(client.settings().toString()).doesNotContain(Application.DEFAULT_SECRET);
            assertThat(environments.ref("source").toString()).doesNotContain(Application.DEFAULT_SECRET);
        }
    }

    @Test
    void aWrongSecretFailsAsCredentialsWithoutTheSecretInWhatTheUserReads() throws IOException {
        Path wrong = Files.createTempFile("dvm-wrong", ".secret");
        Files.writeString(wrong, "wrong-secret-0815");
        EnvironmentRef good = environments.ref("target");
        EnvironmentRef ref = new EnvironmentRef(good.name(), good.url(), good.tenant(), good.clientId(), "file:" + wrong,
                good.authority(), good.trustCertificate(), List.of());
        try (DataverseConnections connections = new DataverseConnections(new SimpleMeterRegistry())) {
            DataverseClient client = connections.clientFor(ref);

            assertThatThrownBy(client::whoAmI).isInstanceOfSatisfying(CredentialsRejected.class, e -> {
                ErrorInfo error = Failures.of(e);
                assertThat(error.kind()).isEqualTo(ErrorInfo.Kind.CREDENTIALS);
                assertThat(error.status()).isEqualTo(401);
                assertThat(error.message()).contains("target").contains(good.clientId())
                        .doesNotContain("wrong-secret-0815");
                assertThat(e.toString()).doesNotContain("wrong-secret-0815");
            });
            assertThat(client.settings().toString()).doesNotContain("wrong-secret-0815");
        } finally {
            Files.delete(wrong);
        }
    }
}
