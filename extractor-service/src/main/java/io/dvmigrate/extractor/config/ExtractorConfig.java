package io.dvmigrate.extractor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The extractor's settings ({@code dvm.extractor.*}). */
@ConfigMapping(prefix = "dvm.extractor")
public interface ExtractorConfig {
    /** Rows per OData page ({@code Prefer: odata.maxpagesize}); memory holds one page per table being read. */
    @WithDefault("5000")
    int pageSize();

    /** Chunks per table being encoded or waiting for the broker's acknowledgement before reading pauses. */
    @WithDefault("8")
    int chunksInFlight();

    /** Threads that encode chunks (JSON, LZ4) and hand them to the producer, shared by the tables being read. */
    @WithDefault("2")
    int encoderThreads();

    /** Target rows checked against the source in one query (deletes and verify). */
    @WithDefault("50")
    int existenceBatch();
}
