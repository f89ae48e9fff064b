package io.dvmigrate.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dvmigrate.cli.stack.EmulatorEndpoint;
import io.dvmigrate.contracts.plan.InvalidPlanException;
import io.dvmigrate.contracts.plan.Plan;
import io.dvmigrate.contracts.plan.PlanError;
import io.dvmigrate.contracts.plan.PlanReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {
    private static final String REAL_ENVIRONMENTS = """
            name: contoso-to-fabrikam
            source:
              url: https://contoso.crm4.dynamics.com
              tenant: contoso.onmicrosoft.com
              clientId: 3f0c1c1e-7d2a-4c55-9e2a-2f1b8d6e4a10
              secret: env:CONTOSO_DV_SECRET   # a reference: the services read it
            target:
              url: https://fabrikam.crm.dynamics.com
              tenant: fabrikam.onmicrosoft.com
              clientId: 5b7d2e4a-9c1f-4e3b-8a6d-0f2c4e6a8b11
              secret: env:HOME
            tables: [account, contact]
            """;

    private final EmulatorEndpoint emulator = new EmulatorEndpoint("https://127.0.0.1:8443/",
            "https://127.0.0.1:8443/dvm/", Path.of("/stack/emulator.pem"), Path.of("/stack/emulator-secret"));

    @TempDir
    Path dir;

    @Test
    void everyMistakeIsReportedWithItsPlace() throws Exception {
        Path file = write("plan.yaml", """
                source:
                  url: contoso.crm4.dynamics.com
                  tenant: contoso.onmicrosoft.com
                  clientId: app
                  secret: hunter2-the-real-secret
                target:
                  emulated: demo-schema
                  url: https://fabrikam.crm.dynamics.com
                  tenant: fabrikam.onmicrosoft.com
                  clientId: app
                  secret: env:FABRIKAM_DV_SECRET
                tables:
                  - account
                  - table: contact
                    colums: auto
                  - table: lead
                    mode: replace
                write:
                  chunkSize: 6000
                """);

        assertThatThrownBy(() -> PlanFile.read(file))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.errors())
                        .extracting(PlanError::path)
                        .containsExactlyInAnyOrder("source.url", "source.secret", "target", "tables[1].colums",
                                "tables[2].mode", "write.chunkSize"))
                .hasMessageStartingWith("6 mistakes in the plan:")
                .hasMessageContaining("tables[1].colums: unknown field (did you mean 'columns'?)")
                .hasMessageContaining("tables[2].mode: must be one of existing, create, skip, not 'replace'")
                .hasMessageContaining("target: has both url and emulated: choose one")
                .hasMessageContaining("write.chunkSize: must be a whole number from 1 to 5000")
                .hasMessageContaining("source.secret: must be a secret reference (env:VARIABLE or file:PATH)")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void malformedYamlSaysWhere() throws Exception {
        Path file = write("plan.yaml", "source: demo\ntables: [account\n");

        assertThatThrownBy(() -> PlanFile.read(file))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("malformed YAML at line 2, column 17");
    }

    @Test
    void aMissingOrUnreadablePlanFileIsBadInput() {
        assertThatThrownBy(() -> PlanFile.read(dir.resolve("nope.yaml")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no plan file at " + dir.resolve("nope.yaml"));
        assertThatThrownBy(() -> PlanFile.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the plan file " + dir);
    }

    @Test
    void secretReferencesReachTheOrchestratorAsReferences() throws Exception {
        PlanFile plan = PlanFile.read(write("plan.yaml", REAL_ENVIRONMENTS));

        assertThat(plan.plan().source().secret()).isEqualTo("env:CONTOSO_DV_SECRET");
        assertThat(plan.plan().target().secret()).isEqualTo("env:HOME");
        assertThat(plan.emulatedEnvironments()).isEmpty();
        // nothing to resolve locally: the file goes as written, each service reads the variable in its own environment
        assertThat(plan.resolved(emulator)).isEqualTo(REAL_ENVIRONMENTS).doesNotContain(System.getenv("HOME") + "\n");
    }

    @Test
    void emulatedEnvironmentsAreNamedBySideAndSpecWithPathsFromThePlansFolder() throws Exception {
        PlanFile plan = PlanFile.read(write("rehearsal/plan.yaml", """
                source:
                  emulated: cmt:packages/contoso.zip
                target:
                  emulated: demo-schema
                tables: [account]
                """));

        Map<String, String> environments = plan.emulatedEnvironments();

        assertThat(environments.values()).containsExactly(
                "cmt:" + dir.resolve("rehearsal/packages/contoso.zip"), "demo-schema");
        assertThat(environments.keySet()).satisfiesExactly(
                source -> assertThat(source).matches("source-[0-9a-f]{8}"),
                target -> assertThat(target).matches("target-[0-9a-f]{8}"));
        assertThat(PlanFile.read(dir.resolve("rehearsal/plan.yaml")).emulatedEnvironments())
                .as("the same plan run again writes into the same emulated target").isEqualTo(environments);
    }

    @Test
    void theSameRelativePackageBesideAnotherPlanIsAnotherEnvironment() throws Exception {
        String yaml = "source: {emulated: 'cmt:contoso.zip'}\ntarget: {emulated: demo-schema}\ntables: [account]\n";

        Map<String, String> first = PlanFile.read(write("a/plan.yaml", yaml)).emulatedEnvironments();
        Map<String, String> second = PlanFile.read(write("b/plan.yaml", yaml)).emulatedEnvironments();

        assertThat(first).containsValues("cmt:" + dir.resolve("a/contoso.zip"), "demo-schema");
        assertThat(second).containsValues("cmt:" + dir.resolve("b/contoso.zip"), "demo-schema");
        assertThat(nameOf("source", first)).isNotEqualTo(nameOf("source", second));
        assertThat(nameOf("target", first)).isEqualTo(nameOf("target", second));
    }

    @Test
    void resolvingPointsEmulatedSidesAtTheEmulatorAndLeavesTheRestAsWritten() throws Exception {
        PlanFile plan = PlanFile.read(write("plan.yaml", """
                name: "2.0"
                source:
                  emulated: demo
                target:
                  url: https://fabrikam.crm.dynamics.com
                  tenant: fabrikam.onmicrosoft.com
                  clientId: 5b7d2e4a-9c1f-4e3b-8a6d-0f2c4e6a8b11
                  secret: env:FABRIKAM_DV_SECRET
                tables:
                  - table: account
                    match: {key: accountnumber}
                    filter: "statecode eq 0 and name ne 'x: y'"
                    values: {industrycode: {1: 2}}
                    defaults: {accountnumber: "00123", revenue: "1.5", code: "1e3", flag: "true", big: "1_000"}
                  - contact
                users:
                  map: {"ana@contoso.com": "ana@fabrikam.com"}
                  fallbackOwner: migration@fabrikam.com
                write: {chunkSize: 100, bypassPlugins: true}
                """));
        String sourceName = plan.emulatedEnvironments().keySet().iterator().next();

        Plan resolved = PlanReader.read(plan.resolved(emulator));

        assertThat(resolved.source()).isEqualTo(new Plan.Environment(null,
                "https://127.0.0.1:8443/" + sourceName, EmulatorEndpoint.TENANT, EmulatorEndpoint.CLIENT_ID,
                "file:/stack/emulator-secret", "https://127.0.0.1:8443/dvm/", "/stack/emulator.pem", null, null));
        Plan original = plan.plan();
        assertThat(resolved.target()).isEqualTo(original.target());
        assertThat(resolved.name()).isEqualTo("2.0");
        assertThat(resolved.tables()).isEqualTo(original.tables());
        assertThat(resolved.users()).isEqualTo(original.users());
        assertThat(resolved.write()).isEqualTo(original.write());
    }

    private static String nameOf(String side, Map<String, String> environments) {
        return environments.keySet().stream().filter(name -> name.startsWith(side + "-")).findFirst().orElseThrow();
    }

    private Path write(String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, yaml);
    }
}
