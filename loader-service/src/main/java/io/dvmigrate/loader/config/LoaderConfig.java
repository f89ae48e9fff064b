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
     * Chunks of one target written at once by this instance, per application user of the target: each user brings
     * its own service-protection budget, so a second user gets as many chunks in flight as the first has alone.
     * The {@code loads} worker pool ({@code smallrye.messaging.worker.loads.max-concurrency}) caps the total.
     */
    @WithDefault("16")
    int chunksPerUser();
}
