package io.dvmigrate.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The orchestrator's settings ({@code dvm.*}); every one has a default that suits a local run. */
@ConfigMapping(prefix = "dvm")
public interface OrchestratorConfig {
    Topics topics();

    Chunks chunks();

    /**
     * Topic names (set in application.properties, where the channels read them too) and partition counts; the
     * orchestrator creates missing topics at start.
     */
    interface Topics {
        String extractCommands();

        String recordsExtracted();

        String recordsMapped();

        String runEvents();

        String deadLetter();

        /** Partitions of the record topics: the most transformer and loader instances that share the work. */
        @WithDefault("6")
        int recordPartitions();

        /** Partitions of the command topic: the most extractor instances that share the work. */
        @WithDefault("3")
        int commandPartitions();

        @WithDefault("3")
        int eventPartitions();

        /** Replicas of each topic: 1 for a single broker, 3 on a production cluster. */
        @WithDefault("1")
        short replicationFactor();
    }

    /** How the extractor cuts tables into chunks (a plan's write.chunkSize overrides the rows). */
    interface Chunks {
        @WithDefault("500")
        int rows();

        /**
         * Upper bound of a chunk's row JSON: half the 8 MB message limit of our topics and broker, since mapping can
         * make a chunk larger than its source rows (lookups become {@code @odata.bind} paths) and rows that do not
         * compress cross Kafka at their full size.
         */
        @WithDefault("4194304")
        int bytes();
    }
}
