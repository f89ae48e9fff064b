package io.dvmigrate.orchestrator.run;

import io.dvmigrate.contracts.Pass;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.jboss.logging.Logger;

/** What happened in a run, in order: the run log users download. Also logged, without row data or secrets. */
@ApplicationScoped
public class RunJournal {
    private static final Logger LOG = Logger.getLogger(RunJournal.class);

    private final EntityManager em;

    public RunJournal(EntityManager em) {
        this.em = em;
    }

    public void note(UUID run, String type, String table, Pass pass, Integer chunk, String message) {
        LOG.infof("run %s: %s", run, message);
        em.createNativeQuery("insert into run_event (run_id, type, table_name, pass, chunk, message) values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, run).setParameter(2, type).setParameter(3, table)
                .setParameter(4, pass == null ? null : pass.name()).setParameter(5, chunk).setParameter(6, message)
                .executeUpdate();
    }

    public void note(UUID run, String type, String message) {
        note(run, type, null, null, null, message);
    }
}
