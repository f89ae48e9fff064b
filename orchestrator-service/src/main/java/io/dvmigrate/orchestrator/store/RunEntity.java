package io.dvmigrate.orchestrator.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One run of a migration, with the plan as it was when it started. The plan and environment columns are loaded only
 * when read: every run event locks this row, and most events never need them.
 */
@Entity
@Table(name = "run")
public class RunEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "migration_id")
    public UUID migrationId;
    public String status;
    public String trigger;
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "plan_yaml")
    public String planYaml;
    @Basic(fetch = FetchType.LAZY)
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "compiled_plan")
    public JsonNode compiledPlan;
    @Basic(fetch = FetchType.LAZY)
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode source;
    @Basic(fetch = FetchType.LAZY)
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode target;
    public String error;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    public static List<RunEntity> active() {
        return list("status in ?1", List.of(RunStatus.PLANNING.label(), RunStatus.RUNNING.label(), RunStatus.VERIFYING.label()));
    }

    /** The run with its plan and environments read, for use after the transaction (null when there is none). */
    public static RunEntity findWithPlan(UUID id) {
        RunEntity run = findById(id);
        if (run != null) {
            Objects.hash(run.planYaml, run.compiledPlan, run.source, run.target); // reads the lazy columns now
        }
        return run;
    }

    public RunStatus runStatus() {
        return RunStatus.of(status);
    }
}
