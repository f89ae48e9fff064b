package io.dvmigrate.contracts.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.dvmigrate.contracts.plan.Plan.TableMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanReaderTest {
    private static final Path EXAMPLE = Path.of("../docs/plan-example.yaml");
    private static final Path SCHEMA = Path.of("../docs/plan.schema.json");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final String MINIMAL = """
            source: { emulated: demo }
            target: { emulated: demo-schema }
            tables: [account]
            """;

    private static List<String> errorsOf(String yaml) {
        try {
            PlanReader.read(yaml);
        } catch (InvalidPlanException e) {
            return e.errors().stream().map(PlanError::toString).toList();
        }
        throw new AssertionError("the plan was accepted:\n" + yaml);
    }

    private static JsonSchema schema() throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(new ObjectMapper().readTree(SCHEMA.toFile()));
    }

    @Test
    void theDocumentedExampleReadsAsDocumented() {
        Plan plan = PlanReader.read(EXAMPLE);

        assertThat(plan.name()).isEqualTo("contoso-emea-to-fabrikam");
        assertThat(plan.source().url()).isEqualTo("https://contoso.crm4.dynamics.com");
        assertThat(plan.source().secret()).isEqualTo("env:CONTOSO_DV_SECRET");
        assertThat(plan.source().applicationUsers()).singleElement()
                .satisfies(u -> assertThat(u.secret()).isEqualTo("file:/run/secrets/contoso-dv-2"));
        assertThat(plan.tables()).extracting(Plan.Table::table)
                .containsExactly("account", "contact", "dvm_project", "dvm_event");
        assertThat(plan.migratedTables()).extracting(Plan.Table::table).doesNotContain("dvm_event");
        Plan.Table contact = plan.tables().get(1);
        assertThat(contact.columns().exclude()).containsExactly("telephone3");
        assertThat(contact.columns().rename()).containsEntry("jobtitle", "description");
        assertThat(contact.values().get("preferredcontactmethodcode")).containsEntry(1, 2);
        assertThat(contact.defaults().get("telephone1").asText()).isEqualTo("n/a");
        assertThat(contact.filter()).isEqualTo("statecode eq 0");
        Plan.Table project = plan.tables().get(2);
        assertThat(project.keyName()).isEqualTo("dvm_code_key");
        assertThat(project.deleteMissing()).isTrue();
        assertThat(plan.tables().get(3).mode()).isEqualTo(TableMode.SKIP);
        assertThat(plan.users().fallbackOwner()).isEqualTo("migration-owner@fabrikam.com");
        assertThat(plan.write().chunkSize()).isEqualTo(500);
        assertThat(plan.refreshCron()).isNull();
    }

    @Test
    void theDocumentedExampleIsValidAgainstThePublishedSchema() throws Exception {
        JsonNode example = YAML.readTree(EXAMPLE.toFile());

        assertThat(schema().validate(example)).isEmpty();
    }

    @Test
    void defaultsMakeAMinimalPlanComplete() {
        Plan plan = PlanReader.read(MINIMAL);

        assertThat(plan.source().emulated()).isEqualTo("demo");
        assertThat(plan.tables().get(0).mode()).isEqualTo(TableMode.EXISTING);
        assertThat(plan.tables().get(0).matchesByKey()).isFalse();
        assertThat(plan.manyToMany().selection()).isEqualTo(Plan.ManyToMany.Selection.AUTO);
        assertThat(plan.users().match()).isEqualTo(Plan.UserMatch.DOMAINNAME);
        assertThat(plan.write().mode()).isEqualTo(Plan.WriteMode.AUTO);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            unknown field with a suggestion | tables: [{table: account, colums: auto}]         | tables[0].colums: unknown field (did you mean 'columns'?)
            table without a name            | tables: [{mode: existing}]                        | tables[0].table: required
            bad mode                        | tables: [{table: account, mode: replace}]         | tables[0].mode: must be one of existing, create, skip, not 'replace'
            bad match                       | tables: [{table: account, match: name}]           | tables[0].match: must be id, or key: <alternate key name>
            option value not a number       | tables: [{table: account, values: {industrycode: {x: 2}}}] | tables[0].values.industrycode.x: an option value must be a whole number
            nested default                  | tables: [{table: account, defaults: {name: [a]}}] | tables[0].defaults.name: a default must be a single value (text, number, true/false)
            table twice                     | tables: [account, account]                        | tables[1].table: table 'account' is listed twice
            no tables                       | tables: []                                        | tables: lists no table
            bad chunk size                  | "tables: [account]\\nwrite: {chunkSize: 6000}"    | write.chunkSize: must be a whole number from 1 to 5000
            bad many-to-many                | "tables: [account]\\nmanyToMany: all"             | manyToMany: must be auto, none, or a list of relationship schema names
            """)
    void eachMistakeNamesItsPath(String name, String tables, String expected) throws Exception {
        String yaml = "source: {emulated: demo}\ntarget: {emulated: demo-schema}\n" + tables.replace("\\n", "\n");

        assertThat(errorsOf(yaml)).contains(expected);
        assertThat(schema().validate(YAML.readTree(yaml))).as("the published schema rejects it too").isNotEmpty();
    }

    @Test
    void aLiteralSecretIsRefusedWithoutEchoingIt() {
        String yaml = """
                source: {url: https://contoso.crm4.dynamics.com, tenant: t, clientId: c, secret: Sup3r-Secret!}
                target: {emulated: demo-schema}
                tables: [account]
                """;

        List<String> errors = errorsOf(yaml);

        assertThat(errors).containsExactly(
                "source.secret: must be a secret reference (env:VARIABLE or file:PATH), never the secret itself");
        assertThat(String.join("\n", errors)).doesNotContain("Sup3r");
    }

    @Test
    void everyMistakeIsReportedAtOnce() {
        String yaml = """
                source: {url: ftp://x, tenant: t}
                tables: [{table: account, mode: nope}, {table: contact, deleteMissing: "yes"}]
                users: {match: phone}
                """;

        assertThat(errorsOf(yaml)).containsExactlyInAnyOrder(
                "source.url: must be an http(s) URL such as https://contoso.crm4.dynamics.com, not 'ftp://x'",
                "source.clientId: required",
                "source.secret: required: a secret reference, env:VARIABLE or file:PATH",
                "target: required: the target environment (a registered environment's name, or url, tenant, clientId"
                        + " and secret, or emulated)",
                "tables[0].mode: must be one of existing, create, skip, not 'nope'",
                "tables[1].deleteMissing: must be true or false",
                "users.match: must be one of domainname, email, none, not 'phone'");
    }

    @Test
    void malformedYamlNamesTheLine() {
        List<String> errors = errorsOf("source: {emulated: demo}\ntables:\n  - account\n   - contact: [\n");

        assertThat(errors).singleElement().asString().startsWith("malformed YAML at line ");
    }

    @Test
    void aDuplicateKeyIsMalformed() {
        assertThat(errorsOf(MINIMAL + "tables: [contact]\n")).singleElement().asString()
                .contains("malformed YAML").contains("tables");
    }

    @Test
    void theSchemaFileIsWhereTheDocsSayItIs() {
        assertThat(Files.exists(SCHEMA)).isTrue();
    }
}
