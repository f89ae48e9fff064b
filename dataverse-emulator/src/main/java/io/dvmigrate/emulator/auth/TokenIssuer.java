package io.dvmigrate.emulator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvmigrate.emulator.environment.Application;
import io.dvmigrate.emulator.environment.Ids;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Issues and checks the access tokens: RS256 JWTs shaped like Entra ID's (aud, iss, iat, nbf, exp, appid, azp,
 * oid, tid, ver). Validation checks the signature against the current key (rotating it invalidates every token
 * issued before), the expiry, and that the audience is the environment being called. Verified tokens are cached
 * until they expire or the key rotates, so a request costs one map lookup.
 */
public final class TokenIssuer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private volatile SigningKey key = SigningKey.generate();
    private volatile Duration lifetime;
    private final Map<String, Claims> verified = new ConcurrentHashMap<>();

    public TokenIssuer(Duration lifetime) {
        this.lifetime = lifetime;
    }

    public SigningKey key() {
        return key;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public void lifetime(Duration next) {
        this.lifetime = next;
    }

    /** A new signing key: tokens signed with the old one fail their signature check from now on. */
    public void rotate() {
        key = SigningKey.generate();
        verified.clear();
    }

    /** An access token for {@code application} to call {@code audience} (an environment URL). */
    public String issue(Application application, String audience, String issuer) {
        Instant now = Instant.now();
        long issued = now.getEpochSecond();
        ObjectNode header = MAPPER.createObjectNode();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("kid", key.keyId());
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("aud", audience);
        payload.put("iss", issuer);
        payload.put("iat", issued);
        payload.put("nbf", issued);
        payload.put("exp", issued + Math.max(1, lifetime.toSeconds()));
        payload.put("appid", application.clientId());
        payload.put("appidacr", "1");
        payload.put("azp", application.clientId());
        payload.put("idp", issuer);
        payload.put("idtyp", "app");
        String objectId = Ids.of("service-principal", application.tenant(), application.clientId()).toString();
        payload.put("oid", objectId);
        payload.put("sub", objectId);
        payload.put("tid", tenantId(application.tenant()).toString());
        payload.put("tenant", application.tenant());
        payload.put("uti", UUID.randomUUID().toString().replace("-", ""));
        payload.put("ver", "1.0");
        String content = encode(header) + "." + encode(payload);
        return content + "." + ENCODER.encodeToString(key.sign(content.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The GUID Entra would show as {@code tid} for a tenant name. */
    public static UUID tenantId(String tenant) {
        return Ids.of("tenant", tenant);
    }

    /**
     * Checks a bearer token for a call to an environment; {@code audienceMatches} says whether an audience names
     * that environment (its http or https URL).
     */
    public Claims validate(String token, Predicate<String> audienceMatches) throws TokenProblem {
        Claims claims = verified.get(token);
        if (claims == null) {
            claims = verify(token);
            verified.put(token, claims);
            if (verified.size() > 100_000) {
                verified.clear();
            }
        }
        if (!Instant.now().isBefore(claims.expires())) {
            verified.remove(token);
            throw new TokenProblem("ExpiredAuthTicket", "The access token expired at " + claims.expires() + ".");
        }
        if (!audienceMatches.test(claims.audience())) {
            throw new TokenProblem("UnauthorizedAccess", "The access token's audience '" + claims.audience()
                    + "' is not this environment.");
        }
        return claims;
    }

    private Claims verify(String token) throws TokenProblem {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new TokenProblem("InvalidAuthTicket", "The bearer token is not a JWT.");
        }
        try {
            JsonNode header = MAPPER.readTree(DECODER.decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                throw new TokenProblem("InvalidAuthTicket", "The token is not signed with RS256.");
            }
            byte[] content = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            if (!key.verify(content, DECODER.decode(parts[2]))) {
                throw new TokenProblem("InvalidAuthTicket", "The token's signature is not valid.");
            }
            JsonNode payload = MAPPER.readTree(DECODER.decode(parts[1]));
            return new Claims(payload.path("aud").asText(), payload.path("appid").asText(),
                    payload.path("tenant").asText(), Instant.ofEpochSecond(payload.path("exp").asLong(0)));
        } catch (IOException | IllegalArgumentException e) {
            throw new TokenProblem("InvalidAuthTicket", "The bearer token cannot be read.");
        }
    }

    private static String encode(ObjectNode node) {
        try {
            return ENCODER.encodeToString(MAPPER.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
