package io.dvmigrate.cli.bench;

import io.dvmigrate.cli.stack.EmulatorEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rows written to one emulated environment, read from the emulator's stats once a second while a copy runs: the
 * series behind the rows/s chart. The emulator counts every row it stores, whoever writes it, so the pipeline and
 * the direct copy are measured by the same yardstick.
 */
final class ThroughputSampler implements AutoCloseable {
    private final EmulatorEndpoint emulator;
    private final String environment;
    private final List<Long> totals = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-sampler");
        thread.setDaemon(true);
        return thread;
    });

    ThroughputSampler(EmulatorEndpoint emulator, String environment) {
        this.emulator = emulator;
        this.environment = environment;
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        try {
            long written = emulator.stat("rowsWritten", environment);
            synchronized (totals) {
                totals.add(written);
            }
        } catch (RuntimeException e) {
            // a missed sample shows as a flat second; the copy's own figures do not depend on it
        }
    }

    /** Rows per second, second by second, trimmed of the idle seconds before the first row and after the last. */
    List<Long> rowsPerSecond() {
        List<Long> rates = new ArrayList<>();
        synchronized (totals) {
            for (int i = 1; i < totals.size(); i++) {
                rates.add(totals.get(i) - totals.get(i - 1));
            }
        }
        int first = 0;
        while (first < rates.size() && rates.get(first) == 0) {
            first++;
        }
        int last = rates.size();
        while (last > first && rates.get(last - 1) == 0) {
            last--;
        }
        return List.copyOf(rates.subList(first, last));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
