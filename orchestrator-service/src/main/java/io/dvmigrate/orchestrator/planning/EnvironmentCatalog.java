package io.dvmigrate.orchestrator.planning;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.dataverse.metadata.TableMetadata;
import io.dvmigrate.dataverse.metadata.TableSummary;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What planning reads from an environment: its tables, their metadata, row counts, principals. */
public interface EnvironmentCatalog {
    /** The environment's name in the plan ({@code source} or {@code target}). */
    String name();

    /** Every table's summary. */
    List<TableSummary> tables();

    /** A table's full metadata, or empty when the environment has no such table. */
    Optional<TableMetadata> table(String logicalName);

    /** Row counts (a recent snapshot is fine: they are estimates for progress). */
    Map<String, Long> rowCounts(Collection<String> logicalNames);

    /** Why the environment refuses {@code filter} on {@code entitySet}, or empty when it accepts it. */
    Optional<String> refusal(String entitySet, String filter);

    /** All rows of a small table (users, teams, business units) with the given columns. */
    List<JsonNode> rows(String entitySet, String... columns);
}
