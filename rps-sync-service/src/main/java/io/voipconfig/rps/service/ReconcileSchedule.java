package io.voipconfig.rps.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Runs the reconciliation periodically ({@code voipconfig.reconcile.every}); one run at a time per replica. */
@ApplicationScoped
public class ReconcileSchedule {

    private static final Logger LOG = Logger.getLogger(ReconcileSchedule.class);

    private final Reconciler reconciler;

    public ReconcileSchedule(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Scheduled(every = "${voipconfig.reconcile.every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return reconciler.run(Optional.empty(), false).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("scheduled reconciliation failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
