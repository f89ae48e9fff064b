package io.dvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvmigrate.stack.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local stack keeps the stage services' per-message framework code (Kafka clients, SmallRye, Vert.x, metrics) with
 * the quick compiler: its late optimizing compilations cost the pipeline up to seconds of CPU per copy
 * (docs/PERFORMANCE.md). Checked in the running JVMs with {@code jcmd}: the directive is installed, and no Kafka client
 * method has been compiled by the optimizing compiler (level 4) although the services have been moving chunks.
 */
class StageCompilerDirectivesTest {

    @ParameterizedTest
    @ValueSource(strings = {"extractor", "transformer", "loader"})
    void aStageServiceKeepsKafkaClientCodeWithTheQuickCompiler(String service) {
        JavaProcess process = EndToEnd.stack().services().get(service).process();

        assertThat(process.jcmd("Compiler.directives_print"))
                .contains("org/apache/kafka/*.*", "io/smallrye/*.*", "Exclude:true");
        assertThat(process.jcmd("Compiler.codelist").lines()
                .filter(line -> line.contains("org.apache.kafka."))
                .filter(line -> line.split("\\s+")[1].equals("4")))
                .as("Kafka client methods compiled at level 4 in the %s", service)
                .isEmpty();
    }

    @Test
    void theOrchestratorHasNoDirectiveItRunsWithTheQuickCompilerAlone() {
        JavaProcess orchestrator = EndToEnd.stack().services().get("orchestrator").process();

        assertThat(orchestrator.jcmd("Compiler.directives_print")).doesNotContain("org/apache/kafka/*.*");
    }
}
