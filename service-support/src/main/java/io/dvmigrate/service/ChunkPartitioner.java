package io.dvmigrate.service;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * Deals a table's chunks out over the partitions in turn: chunk {@code n} of a table goes to partition
 * {@code (start + n) mod count}, the start picked by the table's hash. Hashing each chunk's key instead leaves some
 * partitions with more of a table than others, and since instances of a service split the partitions between them,
 * a table would finish only when the busiest instance does. Keys that do not end in a chunk number are hashed as
 * Kafka's default partitioner does.
 * <p>
 * Configured on the chunk channels: {@code mp.messaging.outgoing.<channel>.partitioner.class}.
 */
public final class ChunkPartitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int count = cluster.partitionCountForTopic(topic);
        String text = key instanceof String s ? s : keyBytes == null ? "" : new String(keyBytes, StandardCharsets.UTF_8);
        int slash = text.lastIndexOf('/');
        int number = slash < 0 ? -1 : chunkNumber(text.substring(slash + 1));
        if (number < 0) {
            return Utils.toPositive(Utils.murmur2(text.getBytes(StandardCharsets.UTF_8))) % count;
        }
        int start = Utils.toPositive(Utils.murmur2(text.substring(0, slash).getBytes(StandardCharsets.UTF_8)));
        return (int) ((start + (long) number) % count);
    }

    private static int chunkNumber(String text) {
        try {
            return text.isEmpty() ? -1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}
