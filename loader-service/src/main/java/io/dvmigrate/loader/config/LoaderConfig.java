package io.dvmigrate.loader.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The loader's settings ({@code dvm.loader.*}). */
@ConfigMapping(prefix = "dvm.loader")
public interface LoaderConfig {
    /** Target rows fetched in one query by the verify pass. */
    @WithDefault("50")
    int verifyBatch();

    /** Differing rows per chunk whose differing columns are reported one by one. */
    @WithDefault("20")
    int verifySample();

    /**
     * Requests to one target in flight from this instance, per application user of the target: each user brings its
     * own service-protection budget, so a second user gets as many requests in flight as the first has alone. A chunk
     * counts for the bulk requests it is written with at once. The {@code loads} worker pool
     * ({@code smallrye.messaging.worker.loads.max-concurrency}) caps the chunks held at once, and so the memory.
     */
    @WithDefault("16")
    int requestsPerUser();

    /**
     * Megabytes of decoded chunks this instance holds at once; the rest wait compressed. With 4 MB chunks, 16 of them:
     * four users' worth of {@link #requestsPerUser()} at four requests a chunk.
     */
    @WithDefault("64")
    int chunkMemoryMb();
}
