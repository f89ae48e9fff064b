package io.dvmigrate.emulator.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.emulator.environment.Application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The client-credentials grant of {@code /<tenant>/oauth2/v2.0/token} (and the v1 {@code resource} form),
 * answering like Entra ID: {@code token_type}, {@code expires_in}, {@code ext_expires_in}, {@code access_token};
 * errors as {@code {"error","error_description":"AADSTS…","error_codes",…}}.
 */
public final class TokenEndpoint {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TokenIssuer issuer;
    private final Function<String, Optional<Application>> applications;
    private final Predicate<String> environments;

    /**
     * @param applications finds a registered application by client id
     * @param environments says whether a resource URL names an environment of this emulator
     */
    public TokenEndpoint(TokenIssuer issuer, Function<String, Optional<Application>> applications,
                         Predicate<String> environments) {
        this.issuer = issuer;
        this.applications = applications;
        this.environments = environments;
    }

    /** The answer to one token request: status and JSON body. */
    public record Answer(int status, byte[] body) {
    }

    public Answer token(String tenant, Map<String, String> form, String authorization, String issuerUrl) {
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                clientId = decoded.substring(0, colon);
                secret = decoded.substring(colon + 1);
            }
        }
        String grant = form.getOrDefault("grant_type", "");
        if (!grant.equals("client_credentials")) {
            return error(400, "unsupported_grant_type", 70003, "AADSTS70003: The app requested an unsupported grant "
                    + "type '" + grant + "'. This token endpoint issues client_credentials tokens only.");
        }
        if (clientId == null || clientId.isBlank()) {
            return error(400, "invalid_request", 900144, "AADSTS900144: The request body must contain the following "
                    + "parameter: 'client_id'.");
        }
        Optional<Application> application = applications.apply(clientId).filter(a -> a.tenant().equals(tenant));
        if (application.isEmpty()) {
            return error(400, "unauthorized_client", 700016, "AADSTS700016: Application with identifier '" + clientId
                    + "' was not found in the directory '" + tenant + "'. This can happen if the application has not "
                    + "been installed by the administrator of the tenant or consented to by any user in the tenant.");
        }
        if (secret == null || !sameSecret(secret, application.get().secret())) {
            return error(401, "invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided. Ensure the "
                    + "secret being sent in the request is the client secret value, not the client secret ID, for a "
                    + "secret added to app '" + clientId + "'.");
        }
        String resource = resource(form);
        if (resource == null) {
            return error(400, "invalid_scope", 1002012, "AADSTS1002012: The provided value for scope is not valid. "
                    + "Client credential flows must have a scope value with /.default suffixed to the resource "
                    + "identifier (application ID URI).");
        }
        if (!environments.test(resource)) {
            return error(400, "invalid_resource", 500011, "AADSTS500011: The resource principal named " + resource
                    + " was not found in the tenant named " + tenant + ". This can happen if the application has not "
                    + "been installed by the administrator of the tenant or consented to by any user in the tenant.");
        }
        String token = issuer.issue(application.get(), resource, issuerUrl);
        long seconds = Math.max(1, issuer.lifetime().toSeconds());
        ObjectNode body = MAPPER.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", seconds);
        body.put("ext_expires_in", seconds);
        body.put("access_token", token);
        return new Answer(200, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The resource of {@code scope=<resource>/.default} (v2) or {@code resource=<resource>} (v1). */
    private static String resource(Map<String, String> form) {
        String scope = form.get("scope");
        if (scope != null) {
            for (String item : scope.split("\\s+")) {
                if (item.endsWith("/.default")) {
                    return trimSlash(item.substring(0, item.length() - "/.default".length()));
                }
            }
            return null;
        }
        String resource = form.get("resource");
        return resource == null ? null : trimSlash(resource);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean sameSecret(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static Answer error(int status, String error, int code, String description) {
        String trace = UUID.randomUUID().toString();
        ObjectNode body = MAPPER.createObjectNode();
        body.put("error", error);
        body.put("error_description", description + "\r\nTrace ID: " + trace + "\r\nCorrelation ID: "
                + UUID.randomUUID() + "\r\nTimestamp: " + DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        body.putArray("error_codes").add(code);
        body.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        body.put("trace_id", trace);
        body.put("correlation_id", UUID.randomUUID().toString());
        return new Answer(status, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The OIDC discovery document of a tenant; {@code issuer} is the authority it is served under. */
    public static byte[] discovery(String base, String tenant, String issuer) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("token_endpoint", base + tenant + "/oauth2/v2.0/token");
        body.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("client_secret_basic");
        body.put("jwks_uri", base + tenant + "/discovery/v2.0/keys");
        body.putArray("response_modes_supported").add("query").add("fragment").add("form_post");
        body.putArray("subject_types_supported").add("pairwise");
        body.putArray("id_token_signing_alg_values_supported").add("RS256");
        body.putArray("response_types_supported").add("code").add("id_token").add("code id_token").add("id_token token");
        body.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        body.put("issuer", issuer);
        body.put("request_uri_parameter_supported", false);
        body.put("authorization_endpoint", base + tenant + "/oauth2/v2.0/authorize");
        body.putArray("grant_types_supported").add("client_credentials");
        body.put("tenant_region_scope", (String) null);
        body.put("cloud_instance_name", "dvmigrate.local");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The JWKS document with the current signing key. */
    public static byte[] keys(SigningKey key) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode jwk = body.putArray("keys").addObject();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("kid", key.keyId());
        jwk.put("n", key.modulus());
        jwk.put("e", key.exponent());
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
