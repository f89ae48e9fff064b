package io.dvmigrate.orchestrator.run;

import io.dvmigrate.contracts.Json;
import io.dvmigrate.contracts.Pass;
import io.dvmigrate.contracts.RunEvent.RowDifference;
import io.dvmigrate.contracts.RunEvent.RowFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The chunk ledger and what hangs off it: each chunk is recorded once (its key is the table's primary key), so a
 * redelivered event changes nothing; dead-lettered rows and verify mismatches are recorded the same way.
 */
@ApplicationScoped
public class Ledger {
    private final EntityManager em;

    public Ledger(EntityManager em) {
        this.em = em;
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

    /** A replayed row that now went through: it no longer counts as a known failure. */
    public void clearFailures(UUID run, String table, Collection<String> rowIds) {
        if (rowIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("update row_failure set replayed = true where run_id = ?1 and table_name = ?2 and row_id in (?3)")
                .setParameter(1, run).setParameter(2, table).setParameter(3, rowIds).executeUpdate();
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
