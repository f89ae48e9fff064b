package io.dvmigrate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealInfrastructure.class)
class RealInfrastructureTest {

    @Test
    void brokerStoresAndDeliversRecordsThroughAConsumerGroup(RealInfrastructure.KafkaBootstrap kafka) throws Exception {
        String topic = "probe-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < 100 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(record.value());
                }
            }
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 100).mapToObj(i -> "v" + i).toList());
    }

    @Test
    void databaseIsARealPostgresql17(TestInfrastructure.Database db) throws Exception {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            connection.createStatement().execute("create table probe(id int primary key, name text)");
            connection.createStatement().execute("insert into probe values (1, 'one'), (2, 'two')");
            ResultSet count = connection.createStatement().executeQuery("select count(*) from probe");
            count.next();
            assertThat(count.getInt(1)).isEqualTo(2);
            ResultSet version = connection.createStatement().executeQuery("show server_version_num");
            version.next();
            assertThat(version.getInt(1)).isGreaterThanOrEqualTo(170000);
        }
    }

    @Test
    void sameInstancesAreSharedWithinTheJvm() {
        assertThat(TestInfrastructure.kafkaBootstrap()).isSameAs(TestInfrastructure.kafkaBootstrap());
        assertThat(TestInfrastructure.database()).isSameAs(TestInfrastructure.database());
    }
}
