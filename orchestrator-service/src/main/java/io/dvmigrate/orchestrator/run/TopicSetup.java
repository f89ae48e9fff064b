package io.dvmigrate.orchestrator.run;

import io.dvmigrate.orchestrator.config.OrchestratorConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the topics the services talk through, with their configured partition counts, before anything is sent.
 * Existing topics are left as they are.
 */
@ApplicationScoped
public class TopicSetup {
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final OrchestratorConfig config;
    private final Map<String, Object> kafka;

    public TopicSetup(OrchestratorConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) throws InterruptedException, ExecutionException, TimeoutException {
        OrchestratorConfig.Topics topics = config.topics();
        List<NewTopic> wanted = List.of(
                topic(topics.extractCommands(), topics.commandPartitions(), topics.replicationFactor()),
                topic(topics.recordsExtracted(), topics.recordPartitions(), topics.replicationFactor()),
                topic(topics.recordsMapped(), topics.recordPartitions(), topics.replicationFactor()),
                topic(topics.runEvents(), topics.eventPartitions(), topics.replicationFactor()),
                topic(topics.deadLetter(), topics.recordPartitions(), topics.replicationFactor()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                    LOG.infof("created topic %s", created.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // a consumer's subscription raced us to it: the broker's default partition count applies
                    LOG.warnf("topic %s was created by the broker before us; check its partition count", created.getKey());
                }
            }
        }
    }

    private static NewTopic topic(String name, int partitions, short replicas) {
        // messages up to 8 MB: twice the largest chunk (4 MB of row JSON, which may not compress), and a dead letter
        // carries a whole row with its error
        return new NewTopic(name, partitions, replicas).configs(Map.of("max.message.bytes", "8388608"));
    }
}
