package io.voipconfig.rps.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Runs the reconciliation periodically ({@code voipconfig.reconcile.every}); a run due while another replica's (or an
 * operator's) is in flight is skipped.
 */
@ApplicationScoped
public class ReconcileSchedule {

    private static final Logger LOG = Logger.getLogger(ReconcileSchedule.class);

    private final ReconcileRuns runs;

    public ReconcileSchedule(ReconcileRuns runs) {
        this.runs = runs;
    }

    @Scheduled(every = "${voipconfig.reconcile.every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return runs.reconcileAll(false).replaceWithVoid()
                .onFailure(RunRefused.class).invoke(e -> LOG.infof("scheduled reconciliation skipped: %s",
                        e.getMessage()))
                .onFailure(e -> !(e instanceof RunRefused))
                .invoke(e -> LOG.warnf("scheduled reconciliation failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
