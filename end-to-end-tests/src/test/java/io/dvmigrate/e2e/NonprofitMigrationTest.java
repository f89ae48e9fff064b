package io.dvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.dataverse.metadata.TableSummary;
import io.dvmigrate.testing.RealData;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Microsoft's nonprofit accelerator package (a real Configuration Migration Tool export: 41 tables, money, many-to-many
 * blocks, owners who are users of another organization) into an environment with its schema and no rows; owners
 * that have no counterpart go to the target's administrator.
 */
class NonprofitMigrationTest {
    private static final String SOURCE = "nfp-src";
    private static final String TARGET = "nfp-tgt";
    private static final Set<String> MAPPED = Set.of("systemuser", "team", "businessunit", "transactioncurrency",
            "organization");

    @Test
    void everyTableOfThePackageLandsAndVerifies() throws Exception {
        String zip = RealData.path("cmt/nonprofit-accelerator/DefaultData.zip").toString();
        EndToEnd.environment(SOURCE, "cmt:" + zip);
        EndToEnd.environment(TARGET, "cmt-schema:" + zip);
        Map<String, Long> sourceRows = rowCounts(SOURCE);
        Set<String> intersects = EndToEnd.client(SOURCE).tables().stream().filter(TableSummary::intersect)
                .map(TableSummary::logicalName).collect(Collectors.toSet());
        List<String> migrated = sourceRows.entrySet().stream()
                .filter(e -> e.getValue() > 0 && !MAPPED.contains(e.getKey()) && !intersects.contains(e.getKey())
                        && !e.getKey().startsWith("sdkmessage"))
                .map(Map.Entry::getKey).toList();
        String tables = String.join(", ", migrated);
        String plan = "name: e2e-nonprofit\nsource: " + EndToEnd.planEnvironment(SOURCE) + "\ntarget: "
                + EndToEnd.planEnvironment(TARGET) + "\ntables: [" + tables + "]\nusers: {fallbackOwner: admin@" + TARGET
                + ".example}\n";

        UUID id = EndToEnd.start("e2e-nonprofit", plan);
        JsonNode run = EndToEnd.awaitEnd(id, Duration.ofMinutes(5));

        assertThat(run.path("status").asText()).as(EndToEnd.api().log(id, "json")).isEqualTo("Succeeded");
        assertThat(run.path("totals").path("mismatches").asLong()).isZero();
        Map<String, Long> targetRows = rowCounts(TARGET);
        assertThat(migrated).hasSizeGreaterThan(40);
        for (String table : migrated) {
            assertThat(targetRows.get(table)).as(table).isEqualTo(sourceRows.get(table));
        }
        assertThat(targetRows.get("customeraddress")).isEqualTo(321);
        assertThat(targetRows.get("contact")).isEqualTo(83);
    }

    private static Map<String, Long> rowCounts(String environment) throws Exception {
        JsonNode json = Json.MAPPER.readTree(EndToEnd.emulator().admin("environments/" + environment));
        JsonNode rows = json.path("rowCounts");
        Map<String, Long> counts = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = rows.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            counts.put(entry.getKey(), entry.getValue().asLong());
        }
        assertThat(counts).as("row counts of " + environment + ": " + json).isNotEmpty();
        return counts;
    }
}
