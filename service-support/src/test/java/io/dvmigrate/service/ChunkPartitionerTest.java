package io.dvmigrate.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvmigrate.contracts.ChunkId;
import io.dvmigrate.contracts.Pass;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

class ChunkPartitionerTest {
    private static final String TOPIC = "dvm.records.mapped";
    private final ChunkPartitioner partitioner = new ChunkPartitioner();
    private final Cluster cluster = clusterWith(6);

    @Test
    void dealsATablesChunksOverEveryPartitionInTurn() {
        UUID run = UUID.randomUUID();
        int[] perPartition = new int[6];
        List<Integer> order = new ArrayList<>();
        for (int chunk = 0; chunk < 600; chunk++) {
            int partition = partitionOf(new ChunkId(run, "account", Pass.DATA, chunk).key());
            perPartition[partition]++;
            order.add(partition);
        }
        // two instances sharing partitions 0-2 and 3-5 get exactly half each
        assertThat(perPartition).containsOnly(100);
        assertThat(order.get(1)).isEqualTo((order.get(0) + 1) % 6);
    }

    @Test
    void tablesStartOnDifferentPartitions() {
        UUID run = UUID.randomUUID();
        Set<Integer> firsts = new java.util.HashSet<>();
        for (String table : List.of("account", "contact", "lead", "opportunity", "incident", "task", "email", "note")) {
            firsts.add(partitionOf(new ChunkId(run, table, Pass.DATA, 0).key()));
        }
        assertThat(firsts).hasSizeGreaterThan(1);
    }

    @Test
    void otherKeysAreHashedStablyWithinRange() {
        List<Integer> partitions = IntStream.range(0, 100).mapToObj(i -> partitionOf("not-a-chunk-" + i)).toList();
        assertThat(partitions).allMatch(p -> p >= 0 && p < 6);
        assertThat(partitionOf("run/table/DATA/x")).isEqualTo(partitionOf("run/table/DATA/x"));
        assertThat(partitioner.partition(TOPIC, null, null, null, null, cluster)).isBetween(0, 5);
    }

    private int partitionOf(String key) {
        return partitioner.partition(TOPIC, key, key.getBytes(StandardCharsets.UTF_8), null, null, cluster);
    }

    private static Cluster clusterWith(int partitions) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = IntStream.range(0, partitions)
                .mapToObj(p -> new PartitionInfo(TOPIC, p, node, new Node[] {node}, new Node[] {node})).toList();
        return new Cluster("test", List.of(node), infos, Set.of(), Set.of());
    }
}
