package io.dvmigrate.orchestrator.rest;

import io.dvmigrate.contracts.plan.InvalidPlanException;
import io.dvmigrate.contracts.plan.PlanError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error the API answers is JSON that says what is wrong, and where for plans. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** The body of an error: a message, and for plans every mistake with its path. */
    public record ErrorBody(String error, List<PlanError> errors) {
    }

    @ServerExceptionMapper
    public Response invalidPlan(InvalidPlanException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.errors().size() + " mistakes in the plan", e.errors())).build();
    }

    /** Anything unexpected: logged with its stack, answered with its message so the caller knows what happened. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e) {
        if (e instanceof WebApplicationException web) {
            return webApplication(web);
        }
        LOG.error("request failed", e);
        return Response.status(Response.Status.INTERNAL_SERVER_ERROR).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("the orchestrator failed: " + e, List.of())).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        return Response.status(e.getResponse().getStatus()).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.getMessage(), List.of())).build();
    }
}
