package io.dvmigrate.orchestrator.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A saved migration: a plan with an owner, a refresh mode and a status that tells the user what to do next. */
@Entity
@Table(name = "migration")
public class MigrationEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String owner;
    @Column(name = "plan_yaml")
    public String planYaml;
    @Column(name = "refresh_cron")
    public String refreshCron;
    public String status;
    @Column(name = "status_detail")
    public String statusDetail;
    @Column(name = "last_run_id")
    public UUID lastRunId;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static Optional<MigrationEntity> byName(String name) {
        return find("name", name).firstResultOptional();
    }
}
