package io.dvmigrate.orchestrator.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One table (or many-to-many relationship) in one pass of a run: its status and its counts. */
@Entity
@Table(name = "table_run")
public class TableRunEntity extends PanacheEntityBase {
    /** Waiting → Extracting → Loaded, or Failed; Skipped when an earlier failure means it will not run. */
    public enum Status { Waiting, Extracting, Loading, Loaded, Failed, Skipped }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "run_id")
    public UUID runId;
    @Column(name = "table_name")
    public String tableName;
    public String pass;
    public String status;
    @Column(name = "estimated_rows")
    public long estimatedRows;
    @Column(name = "chunks_expected")
    public Integer chunksExpected;
    @Column(name = "chunks_done")
    public int chunksDone;
    @Column(name = "rows_extracted")
    public long rowsExtracted;
    @Column(name = "rows_written")
    public long rowsWritten;
    @Column(name = "rows_failed")
    public long rowsFailed;
    @Column(name = "rows_deleted")
    public long rowsDeleted;
    @Column(name = "rows_matched")
    public long rowsMatched;
    @Column(name = "rows_missing")
    public long rowsMissing;
    @Column(name = "rows_extra")
    public long rowsExtra;
    @Column(name = "rows_differing")
    public long rowsDiffering;
    public String error;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    public Status state() {
        return Status.valueOf(status);
    }

    public boolean isDone() {
        Status s = state();
        return s == Status.Loaded || s == Status.Failed || s == Status.Skipped;
    }

    public static List<TableRunEntity> ofRun(UUID runId) {
        return list("runId = ?1 order by id", runId);
    }

    public static Optional<TableRunEntity> of(UUID runId, String table, String pass) {
        return find("runId = ?1 and tableName = ?2 and pass = ?3", runId, table, pass).firstResultOptional();
    }
}
