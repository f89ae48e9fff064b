package io.dvmigrate.cli.bench;

import java.util.List;
import java.util.Map;

/**
 * One copy of the generated tables, measured: how many rows landed, over how long (the data pass only: planning and
 * verification are not part of a copy's speed), what failed, what the target throttled, and what it cost.
 *
 * @param rows        rows written to the target
 * @param seconds     from the first table's start to the last table's end
 * @param failedRows  rows the target refused (dead letters)
 * @param throttled   429 answers the emulator gave, over every environment and application user
 * @param peakRssMb   peak resident memory per service process (empty for the in-process direct copy)
 * @param cpuSeconds  CPU time each process of the stack (and {@code bench}, this one) used during the copy
 * @param throughput  rows written to the target per second, second by second from the start
 */
record Measurement(long rows, double seconds, long failedRows, long throttled, Map<String, Long> peakRssMb,
        Map<String, Double> cpuSeconds, List<Long> throughput) {

    double rowsPerSecond() {
        return seconds <= 0 ? 0 : rows / seconds;
    }
}
