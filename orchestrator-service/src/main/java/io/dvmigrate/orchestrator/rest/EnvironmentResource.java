package io.dvmigrate.orchestrator.rest;

import io.dvmigrate.dataverse.ConnectionCheck;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.orchestrator.environment.EnvironmentResolver;
import io.dvmigrate.orchestrator.store.EnvironmentEntity;
import io.dvmigrate.service.DataverseConnections;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dataverse environments: where they are and which application user connects; secrets only as references. */
@Path("/api/environments")
@Tag(name = "Environments", description = "Registered Dataverse environments (secrets as env:/file: references only)")
public class EnvironmentResource {
    private static final Pattern SECRET_REFERENCE = Pattern.compile("^(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)$");

    private final DataverseConnections connections;

    public EnvironmentResource(DataverseConnections connections) {
        this.connections = connections;
    }

    /** What an environment is, as the API reads and writes it. */
    public record EnvironmentView(String name, String url, String tenant, String clientId, String secret, String authority, String trustCertificate, List<ApplicationUserView> applicationUsers) {
    }

    /** An additional application user. */
    public record ApplicationUserView(String clientId, String secret) {
    }

    /** What testing the connection found. */
    public record ConnectionTestView(String environment, String outcome, boolean ok, String detail, String userId) {
    }

    @GET
    @Operation(summary = "List registered environments")
    public List<EnvironmentView> list() {
        return EnvironmentEntity.<EnvironmentEntity>listAll().stream().map(EnvironmentResource::view).toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Read an environment")
    public EnvironmentView get(@PathParam("name") String name) {
        return view(find(name));
    }

    @POST
    @Transactional
    @Operation(summary = "Register an environment", description = "The secret must be a reference: env:VARIABLE or"
            + " file:PATH, resolved by each service in its own environment.")
    public Response create(EnvironmentView body) {
        if (body.name() == null || body.name().isBlank()) {
            throw new BadRequestException("name: required");
        }
        if (EnvironmentEntity.byName(body.name()).isPresent()) {
            throw new ConflictException("an environment named '" + body.name() + "' exists already");
        }
        EnvironmentEntity entity = new EnvironmentEntity();
        entity.id = UUID.randomUUID();
        entity.name = body.name();
        entity.createdAt = OffsetDateTime.now();
        apply(entity, body);
        entity.persist();
        return Response.created(URI.create("/api/environments/" + entity.name)).entity(view(entity)).build();
    }

    @PUT
    @Path("{name}")
    @Transactional
    @Operation(summary = "Change an environment")
    public EnvironmentView update(@PathParam("name") String name, EnvironmentView body) {
        EnvironmentEntity entity = find(name);
        apply(entity, body);
        return view(entity);
    }

    @DELETE
    @Path("{name}")
    @Transactional
    @Operation(summary = "Forget an environment")
    public Response delete(@PathParam("name") String name) {
        find(name).delete();
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/test")
    @Operation(summary = "Test the connection", description = "Acquires a token, calls WhoAmI and reads the user"
            + " table; answers ok or exactly what is wrong (secret unavailable, credentials rejected, unreachable,"
            + " missing privilege).")
    public ConnectionTestView test(@PathParam("name") String name) {
        DataverseClient client = connections.clientFor(EnvironmentResolver.of(find(name)));
        ConnectionCheck check = client.check("systemusers");
        return new ConnectionTestView(name, check.outcome().name().toLowerCase(), check.isOk(), check.detail(),
                check.identity().map(id -> id.userId()).orElse(null));
    }

    private static EnvironmentEntity find(String name) {
        return EnvironmentEntity.byName(name)
                .orElseThrow(() -> new NotFoundException("no environment named '" + name + "'"));
    }

    private static void apply(EnvironmentEntity entity, EnvironmentView body) {
        requireReference("secret", body.secret());
        entity.url = required("url", body.url());
        entity.tenant = required("tenant", body.tenant());
        entity.clientId = required("clientId", body.clientId());
        entity.secretRef = body.secret();
        entity.authority = body.authority();
        entity.trustCertificate = body.trustCertificate();
        List<ApplicationUserView> users = body.applicationUsers() == null ? List.of() : body.applicationUsers();
        for (int i = 0; i < users.size(); i++) {
            requireReference("applicationUsers[" + i + "].secret", users.get(i).secret());
        }
        entity.applicationUsers = users.stream()
                .map(u -> new EnvironmentEntity.ApplicationUser(u.clientId(), u.secret())).toList();
        entity.updatedAt = OffsetDateTime.now();
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field + ": required");
        }
        return value;
    }

    private static void requireReference(String field, String value) {
        if (value == null || !SECRET_REFERENCE.matcher(value).matches()) {
            throw new BadRequestException(field + ": must be a secret reference (env:VARIABLE or file:PATH),"
                    + " never the secret itself");
        }
    }

    private static EnvironmentView view(EnvironmentEntity entity) {
        List<ApplicationUserView> users = entity.applicationUsers == null ? List.of()
                : entity.applicationUsers.stream().map(u -> new ApplicationUserView(u.clientId(), u.secretRef())).toList();
        return new EnvironmentView(entity.name, entity.url, entity.tenant, entity.clientId, entity.secretRef,
                entity.authority, entity.trustCertificate, users);
    }
}
