package io.dvmigrate.orchestrator.run;

import io.agroal.api.AgroalDataSource;
import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.RunEvent.ChunkLoaded;
import io.dvmigrate.contracts.RunEvent.RowDifference;
import io.dvmigrate.contracts.RunEvent.RowFailure;
import io.dvmigrate.orchestrator.store.TableRunEntity.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The chunk ledger and what hangs off it: each chunk is recorded once (its key is the table's primary key), so a
 * redelivered event changes nothing; dead-lettered rows and verify mismatches are recorded the same way.
 */
@ApplicationScoped
public class Ledger {
    /**
     * Locks the step only while it is loading and this chunk does not complete it (both checked again on the locked
     * row), records the chunk once and adds it to the step's counts: one statement, or nothing.
     */
    private static final String COUNT_LOADED = """
            with step as (
                select id, run_id, table_name, pass from table_run
                where run_id = ? and table_name = ? and pass = ? and status = '%s'
                  and (chunks_expected is null or chunks_done + 1 < chunks_expected)
                for update),
            recorded as (
                insert into chunk_ledger (run_id, table_name, pass, chunk, rows, written, failed)
                select run_id, table_name, pass, ?, ?, ?, 0 from step
                on conflict do nothing
                returning 1)
            update table_run s set chunks_done = s.chunks_done + 1, rows_written = s.rows_written + ?,
                                   rows_deleted = s.rows_deleted + ?
            from step where s.id = step.id and exists (select 1 from recorded)""".formatted(Status.Loading.name());

    private final EntityManager em;
    private final AgroalDataSource dataSource;

    public Ledger(EntityManager em, AgroalDataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    /**
     * Counts a loaded chunk that changes nothing but its step's counts, in one statement of its own: a chunk without
     * failed rows, of a step that is loading and that it does not complete. Nearly every chunk event is one, and
     * applied by the {@link RunConductor} each took the run's lock, a Hibernate session and a JTA transaction, four
     * round trips to PostgreSQL. The step's row lock keeps its counts exact; the run's lock guards state changes,
     * and this makes none. False when the event needs the conductor: a step that changes state, failed rows, or a
     * chunk counted before (the conductor finds it in the ledger and ignores it).
     */
    public boolean countLoaded(ChunkLoaded loaded) {
        if (loaded.failed() > 0 || !loaded.failures().isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(COUNT_LOADED)) {
            statement.setObject(1, loaded.run());
            statement.setString(2, loaded.table());
            statement.setString(3, loaded.pass().name());
            statement.setInt(4, loaded.chunk());
            statement.setInt(5, loaded.rows());
            statement.setInt(6, loaded.written());
            statement.setLong(7, loaded.written());
            statement.setLong(8, loaded.pass() == Pass.DELETES ? loaded.written() : 0);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("counting chunk " + loaded.chunk() + " of " + loaded.table() + " "
                    + loaded.pass() + " in run " + loaded.run() + " failed: " + e.getMessage(), e);
        }
    }

    /** Records a chunk; false when it was recorded before (a redelivery). */
    public boolean record(UUID run, String table, Pass pass, int chunk, int rows, int written, int failed) {
        return em.createNativeQuery("""
                insert into chunk_ledger (run_id, table_name, pass, chunk, rows, written, failed)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing""")
                .setParameter(1, run).setParameter(2, table).setParameter(3, pass.name()).setParameter(4, chunk)
                .setParameter(5, rows).setParameter(6, written).setParameter(7, failed)
                .executeUpdate() == 1;
    }

    public void recordFailures(UUID run, String table, Pass pass, int chunk, List<RowFailure> failures) {
        for (RowFailure failure : failures) {
            em.createNativeQuery("""
                    insert into row_failure (run_id, table_name, pass, row_id, chunk, http_status, code, message)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                    on conflict (run_id, table_name, pass, row_id) do update
                    set chunk = excluded.chunk, http_status = excluded.http_status, code = excluded.code,
                        message = excluded.message, replayed = false, recorded_at = now()""")
                    .setParameter(1, run).setParameter(2, table).setParameter(3, pass.name())
                    .setParameter(4, failure.id()).setParameter(5, chunk).setParameter(6, failure.error().status())
                    .setParameter(7, failure.error().code()).setParameter(8, failure.error().message())
                    .executeUpdate();
        }
    }

    public void recordMismatches(UUID run, String table, String kind, Collection<String> rowIds) {
        for (String rowId : rowIds) {
            insertMismatch(run, table, kind, rowId, "[]");
        }
    }

    public void recordDifferences(UUID run, String table, List<RowDifference> differences) {
        for (RowDifference difference : differences) {
            insertMismatch(run, table, "DIFFERENT", difference.id(), new String(Json.encode(difference.columns())));
        }
    }

    private void insertMismatch(UUID run, String table, String kind, String rowId, String columns) {
        em.createNativeQuery("""
                insert into verify_mismatch (run_id, table_name, kind, row_id, columns)
                values (?1, ?2, ?3, ?4, cast(?5 as jsonb)) on conflict do nothing""")
                .setParameter(1, run).setParameter(2, table).setParameter(3, kind).setParameter(4, rowId)
                .setParameter(5, columns).executeUpdate();
    }

    /** Forgets a run's verification, before it is verified again (after a replay). */
    public void clearVerification(UUID run) {
        em.createNativeQuery("delete from verify_mismatch where run_id = ?1").setParameter(1, run).executeUpdate();
        em.createNativeQuery("delete from chunk_ledger where run_id = ?1 and pass = 'VERIFY'").setParameter(1, run)
                .executeUpdate();
    }

    /**
     * Mismatches no dead letter explains: missing or differing rows not recorded as failed in any pass, and extra
     * rows of tables whose plan deletes missing rows.
     */
    public long unexplainedMismatches(UUID run, Collection<String> tablesDeletingMissing) {
        Number count = (Number) em.createNativeQuery("""
                select count(*) from verify_mismatch m
                where m.run_id = ?1
                  and (m.kind <> 'EXTRA' or m.table_name in (?2))
                  and not exists (select 1 from row_failure f where f.run_id = m.run_id and f.table_name = m.table_name
                                  and f.row_id = m.row_id and not f.replayed)""")
                .setParameter(1, run)
                .setParameter(2, tablesDeletingMissing.isEmpty() ? List.of("") : tablesDeletingMissing)
                .getSingleResult();
        return count.longValue();
    }

    /** Rows of the run still in the dead-letter topic (not replayed successfully). */
    public long openFailures(UUID run) {
        Number count = (Number) em.createNativeQuery(
                "select count(*) from row_failure where run_id = ?1 and not replayed").setParameter(1, run).getSingleResult();
        return count.longValue();
    }
}
