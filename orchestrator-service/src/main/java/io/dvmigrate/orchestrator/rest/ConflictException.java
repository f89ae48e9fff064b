package io.dvmigrate.orchestrator.rest;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/** 409: the resource exists already. */
public class ConflictException extends ClientErrorException {
    public ConflictException(String message) {
        super(message, Response.Status.CONFLICT);
    }
}
