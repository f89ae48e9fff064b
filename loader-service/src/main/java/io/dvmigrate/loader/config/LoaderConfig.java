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
}
