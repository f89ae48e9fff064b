package io.dvmigrate.dataverse.write;

import java.util.Map;

/** The condition of a single-row write ({@code If-Match} / {@code If-None-Match}). */
public record Precondition(Map<String, String> headers) {

    /** Upsert: update if the row exists, create it otherwise. */
    public static final Precondition NONE = new Precondition(Map.of());
    /** Update only ({@code If-Match: *}): a missing row is a 404, never a create. */
    public static final Precondition EXISTS = new Precondition(Map.of("If-Match", "*"));
    /** Create only ({@code If-None-Match: *}): an existing row is a 412, never an update. */
    public static final Precondition NOT_EXISTS = new Precondition(Map.of("If-None-Match", "*"));

    /** Optimistic concurrency: only if the row still has this {@code @odata.etag}. */
    public static Precondition ifMatch(String etag) {
        return new Precondition(Map.of("If-Match", etag));
    }
}
