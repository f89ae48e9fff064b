package io.dvmigrate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a {@code @QuarkusTest} application at the shared real Kafka broker. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", TestInfrastructure.kafkaBootstrap());
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; TestInfrastructure stops it when the JVM ends
    }
}
