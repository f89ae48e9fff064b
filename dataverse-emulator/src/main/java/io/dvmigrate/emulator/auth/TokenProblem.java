package io.dvmigrate.emulator.auth;

/**
 * Why a bearer token is refused: the Dataverse 401 name ({@code MissingCrmAuthenticationToken},
 * {@code ExpiredAuthTicket}, {@code InvalidAuthTicket}, {@code UnauthorizedAccess}) and the detail.
 */
public final class TokenProblem extends Exception {
    private final String name;

    public TokenProblem(String name, String detail) {
        super(detail);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
