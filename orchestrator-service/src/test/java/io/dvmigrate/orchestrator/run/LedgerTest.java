package io.dvmigrate.orchestrator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.dvmigrate.contracts.ErrorInfo;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.RunEvent.ChunkLoaded;
import io.dvmigrate.contracts.RunEvent.RowFailure;
import io.dvmigrate.testing.KafkaTestResource;
import io.dvmigrate.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's one-statement count of a loaded chunk, against PostgreSQL: it counts a chunk once, and leaves to the
 * conductor every event that changes a step's state or carries failed rows.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class LedgerTest {
    private static final String TABLE = "account";

    @Inject
    Ledger ledger;
    @Inject
    AgroalDataSource dataSource;

    private UUID run;

    @BeforeEach
    void aRunLoadingOneTable() throws SQLException {
        run = UUID.randomUUID();
        UUID migration = UUID.randomUUID();
        update("insert into migration (id, name, owner, plan_yaml, status) values (?, ?, 'test', 'x', 'Running')",
                migration, "ledger-" + migration);
        update("insert into run (id, migration_id, status, trigger, plan_yaml) values (?, ?, 'Running', 'manual', 'x')",
                run, migration);
        update("insert into table_run (run_id, table_name, pass, status) values (?, ?, 'DATA', 'Loading')", run, TABLE);
    }

    @Test
    void aChunkIsCountedOnceAndItsRepeatIsLeftToTheConductor() throws SQLException {
        assertTrue(ledger.countLoaded(loaded(0, 500)));
        assertTrue(ledger.countLoaded(loaded(1, 300)));
        assertFalse(ledger.countLoaded(loaded(1, 300)), "a redelivered chunk");
        assertEquals(List.of(2L, 800L), counts("chunks_done", "rows_written"));
        assertEquals(List.of(2L), query("select count(*) from chunk_ledger where run_id = ?", run));
    }

    @Test
    void theChunkThatCompletesTheStepIsLeftToTheConductor() throws SQLException {
        update("update table_run set chunks_expected = 2 where run_id = ?", run);
        assertTrue(ledger.countLoaded(loaded(0, 500)));
        assertFalse(ledger.countLoaded(loaded(1, 500)));
        assertEquals(List.of(1L, 500L), counts("chunks_done", "rows_written"));
        assertEquals(List.of(1L), query("select count(*) from chunk_ledger where run_id = ?", run));
    }

    @Test
    void aStepNotYetLoadingAndChunksWithFailedRowsAreLeftToTheConductor() throws SQLException {
        ChunkLoaded withFailure = new ChunkLoaded(run, TABLE, Pass.DATA, 0, 500, 499, 1, List.of(new RowFailure("r1",
                new ErrorInfo(ErrorInfo.Kind.ROW, 400, "0x80040265", "bad value"))));
        assertFalse(ledger.countLoaded(withFailure));
        update("update table_run set status = 'Extracting' where run_id = ?", run);
        assertFalse(ledger.countLoaded(loaded(0, 500)));
        assertEquals(List.of(0L, 0L), counts("chunks_done", "rows_written"));
    }

    private ChunkLoaded loaded(int chunk, int rows) {
        return new ChunkLoaded(run, TABLE, Pass.DATA, chunk, rows, rows, 0, List.of());
    }

    private List<Long> counts(String... columns) throws SQLException {
        return query("select " + String.join(", ", columns) + " from table_run where run_id = ?", run);
    }

    private List<Long> query(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet result = statement.executeQuery()) {
            assertTrue(result.next(), sql);
            List<Long> values = new ArrayList<>();
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                values.add(result.getLong(i));
            }
            return values;
        }
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
