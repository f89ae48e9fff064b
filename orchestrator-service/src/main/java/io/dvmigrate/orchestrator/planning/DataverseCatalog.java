package io.dvmigrate.orchestrator.planning;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.metadata.TableMetadata;
import io.dvmigrate.dataverse.metadata.TableSummary;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.read.Page;
import io.dvmigrate.dataverse.read.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An environment's catalog read through the Web API; each table's metadata is read once. */
public final class DataverseCatalog implements EnvironmentCatalog {
    private final DataverseClient client;
    private final Map<String, Optional<TableMetadata>> tables = new ConcurrentHashMap<>();
    private volatile List<TableSummary> summaries;

    public DataverseCatalog(DataverseClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return client.environment();
    }

    @Override
    public List<TableSummary> tables() {
        if (summaries == null) {
            summaries = client.tables();
        }
        return summaries;
    }

    @Override
    public Optional<TableMetadata> table(String logicalName) {
        return tables.computeIfAbsent(logicalName, name -> tables().stream().anyMatch(t -> t.logicalName().equals(name))
                ? Optional.of(client.table(name)) : Optional.empty());
    }

    @Override
    public Map<String, Long> rowCounts(Collection<String> logicalNames) {
        return client.rowCounts(List.copyOf(logicalNames));
    }

    @Override
    public Optional<String> refusal(String entitySet, String filter) {
        try {
            for (Page page : client.read(Query.of(entitySet).filter(filter).top(1))) {
                break;
            }
            return Optional.empty();
        } catch (RequestFailed e) {
            return Optional.of(e.error().message());
        }
    }

    @Override
    public List<JsonNode> rows(String entitySet, String... columns) {
        List<JsonNode> rows = new ArrayList<>();
        for (Page page : client.read(Query.of(entitySet).select(columns))) {
            for (JsonRow row : page.rows()) {
                rows.add(row.toObjectNode());
            }
        }
        return rows;
    }
}
