package io.dvmigrate.orchestrator.run;

import io.dvmigrate.orchestrator.store.MigrationEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Scheduled refreshes: a migration whose plan says {@code refresh: {cron: ...}} (Unix cron, UTC) starts a run on
 * that schedule. A scheduled run is skipped while the previous one is still going.
 */
@ApplicationScoped
public class RefreshSchedule {
    private static final Logger LOG = Logger.getLogger(RefreshSchedule.class);

    private final Scheduler scheduler;
    private final RunService runs;

    public RefreshSchedule(Scheduler scheduler, RunService runs) {
        this.scheduler = scheduler;
        this.runs = runs;
    }

    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> MigrationEntity.<MigrationEntity>list("refreshCron is not null")
                .forEach(m -> apply(m.name, m.refreshCron)));
    }

    /** Schedules (or, with no cron, unschedules) a migration's refresh. */
    public void apply(String migration, String cron) {
        unschedule(migration);
        if (cron == null) {
            return;
        }
        scheduler.newJob(jobId(migration))
                .setCron(cron)
                .setConcurrentExecution(io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> {
                    LOG.infof("scheduled refresh of migration %s", migration);
                    runs.start(migration, "schedule");
                })
                .schedule();
    }

    public void unschedule(String migration) {
        scheduler.unscheduleJob(jobId(migration));
    }

    private static String jobId(String migration) {
        return "refresh:" + migration;
    }
}
