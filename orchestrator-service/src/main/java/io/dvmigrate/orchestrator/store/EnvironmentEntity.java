package io.dvmigrate.orchestrator.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A registered Dataverse environment. Secrets are references ({@code env:}, {@code file:}), never values. */
@Entity
@Table(name = "environment")
public class EnvironmentEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String url;
    public String tenant;
    @Column(name = "client_id")
    public String clientId;
    @Column(name = "secret_ref")
    public String secretRef;
    public String authority;
    @Column(name = "trust_certificate")
    public String trustCertificate;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "application_users")
    public List<ApplicationUser> applicationUsers;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** An additional application user: its client id and secret reference. */
    public record ApplicationUser(String clientId, String secretRef) {
    }

    public static Optional<EnvironmentEntity> byName(String name) {
        return find("name", name).firstResultOptional();
    }
}
