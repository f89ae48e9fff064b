package io.dvmigrate.extractor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The extractor's settings ({@code dvm.extractor.*}). */
@ConfigMapping(prefix = "dvm.extractor")
public interface ExtractorConfig {
    /** Rows per OData page ({@code Prefer: odata.maxpagesize}); memory holds one page per table being read. */
    @WithDefault("5000")
    int pageSize();

    /** Chunks per table waiting for the broker's acknowledgement before reading pauses. */
    @WithDefault("8")
    int chunksInFlight();

    /** Target rows checked against the source in one query (deletes and verify). */
    @WithDefault("50")
    int existenceBatch();
}
