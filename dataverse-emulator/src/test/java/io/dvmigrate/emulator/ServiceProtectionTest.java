package io.dvmigrate.emulator;

import io.dvmigrate.emulator.protection.UserStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sliding-window limits with time compression, the 429s, per-user budgets, faults and stats. */
class ServiceProtectionTest {
    private static DataverseEmulator emulator;
    private static TestClient first;
    private static TestClient second;

    @BeforeAll
    static void start() {
        emulator = DataverseEmulator.builder().environment("env", "demo-schema").application("other", "other-secret").start();
        first = TestClient.of(emulator, "env");
        second = TestClient.of(emulator, "env", "other", "other-secret");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void off() {
        emulator.admin().limits(ServiceProtection.off());
        emulator.admin().resetStats();
    }

    @Test
    void theRequestCountTripsAfterTheLimitAndTheWindowSlides() throws Exception {
        emulator.admin().limits(ServiceProtection.parse("dataverse,requests=5,compress=300,pace=false"));
        for (int i = 0; i < 5; i++) {
            assertThat(first.get("WhoAmI").status()).isEqualTo(200);
        }
        TestClient.Response throttled = first.get("WhoAmI");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.errorCode()).isEqualTo("0x80072322");
        assertThat(throttled.errorMessage()).isEqualTo("Number of requests exceeded the limit of 5 over time window of 300 seconds.");
        assertThat(throttled.header("Retry-After")).isEqualTo("1");
        long wait = Long.parseLong(throttled.header("x-ms-retry-after-ms"));
        assertThat(wait).isBetween(1L, 1000L);
        assertThat(second.get("WhoAmI").status()).as("another user has its own budget").isEqualTo(200);
        Thread.sleep(wait + 20);
        assertThat(first.get("WhoAmI").status()).isEqualTo(200);
        UserStats stats = emulator.admin().stats("env", "dvm-local").orElseThrow();
        assertThat(stats.requests()).isEqualTo(6);
        assertThat(stats.throttledByRequests()).isEqualTo(1);
    }

    @Test
    void executionTimeIsModelledPerRecord() {
        emulator.admin().limits(ServiceProtection.parse("dataverse,execution-time=1s,record-cost=100ms,request-cost=10ms,compress=60,pace=false"));
        List<Map<String, Object>> targets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("@odata.type", "Microsoft.Dynamics.CRM.dvm_project");
            target.put("dvm_name", "Costly " + i);
            target.put("dvm_code", "COST-" + i);
            targets.add(target);
        }
        assertThat(first.post("dvm_projects/Microsoft.Dynamics.CRM.CreateMultiple", Map.of("Targets", targets)).status())
                .isEqualTo(200);
        TestClient.Response throttled = first.get("WhoAmI");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.errorCode()).isEqualTo("0x80072321");
        assertThat(throttled.errorMessage()).startsWith("Combined execution time of incoming requests exceeded limit of 1,000  milliseconds");
        assertThat(Long.parseLong(throttled.header("x-ms-retry-after-ms"))).isBetween(1L, 5000L);
        UserStats stats = emulator.admin().stats("env", "dvm-local").orElseThrow();
        assertThat(stats.rowsWritten()).isEqualTo(20);
        assertThat(stats.executionTime().toMillis()).isEqualTo(2010);
    }

    @Test
    void concurrencyIsLimitedAndResponsesArePaced() throws Exception {
        emulator.admin().limits(ServiceProtection.parse("dataverse,concurrency=2,request-cost=3s,compress=10"));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<CompletableFuture<TestClient.Response>> calls = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> first.get("WhoAmI"), pool));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<TestClient.Response> call : calls) {
                TestClient.Response response = call.get();
                statuses.add(response.status());
                if (response.status() == 429) {
                    assertThat(response.errorCode()).isEqualTo("0x80072326");
                    assertThat(response.errorMessage()).isEqualTo("Number of concurrent requests exceeded the limit of 2.");
                }
            }
            assertThat(statuses).contains(200, 429);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isLessThanOrEqualTo(2);
            assertThat((System.nanoTime() - started) / 1_000_000).as("paced by 3 s / 10").isGreaterThanOrEqualTo(290);
        } finally {
            pool.shutdown();
        }
        assertThat(emulator.admin().stats("env", "dvm-local").orElseThrow().peakConcurrency()).isEqualTo(2);
    }

    @Test
    void faultsFailDropAndDelay() {
        emulator.admin().limits(ServiceProtection.parse("off,fail-rate=1"));
        TestClient.Response failed = first.get("WhoAmI");
        assertThat(failed.status()).isEqualTo(503);
        emulator.admin().limits(ServiceProtection.parse("off,drop-rate=1"));
        assertThatThrownBy(() -> first.get("WhoAmI")).isInstanceOf(UncheckedIOException.class);
        emulator.admin().limits(ServiceProtection.parse("off,latency=250ms,dop-hint=3"));
        long started = System.nanoTime();
        TestClient.Response slow = first.get("WhoAmI");
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(250);
        assertThat(slow.header("x-ms-dop-hint")).isEqualTo("3");
        UserStats stats = emulator.admin().stats("env", "dvm-local").orElseThrow();
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.dropped()).as("the JDK client retries a dropped GET once").isBetween(1L, 2L);
    }

    @Test
    void theLimitsSpecParsesEveryKey() {
        ServiceProtection limits = ServiceProtection.parse(
                "dataverse,compress=30,record-cost=2ms,request-cost=20ms,dop-hint=8,latency=5ms,fail-rate=0.1,drop-rate=0.05");
        assertThat(limits.enabled()).isTrue();
        assertThat(limits.requestLimit()).isEqualTo(6000);
        assertThat(limits.concurrencyLimit()).isEqualTo(52);
        assertThat(limits.compression()).isEqualTo(30);
        assertThat(limits.failRate()).isEqualTo(0.1);
        assertThat(ServiceProtection.parse(limits.toSpec())).isEqualTo(limits);
        assertThat(limits.ceilingRowsPerSecond()).isEqualTo(30 * 4 / 0.002, org.assertj.core.data.Offset.offset(1e-6));
        assertThatThrownBy(() -> ServiceProtection.parse("dataverse,speed=9")).hasMessageContaining("unknown limits key 'speed'");
        assertThatThrownBy(() -> ServiceProtection.parse("dataverse,latency=5")).hasMessageContaining("needs a unit");
    }
}
