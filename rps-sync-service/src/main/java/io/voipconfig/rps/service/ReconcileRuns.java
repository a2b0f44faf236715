package io.voipconfig.rps.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.rpssync.ReconciliationReport;
import io.voipconfig.rps.config.RpsSyncConfig;

/**
 * The one way a reconciliation starts (internal API and schedule alike): at most one run in flight per scope — an
 * organization (its resync or dry run) or the whole installation — across every replica, and per organization at most
 * one resync every {@code voipconfig.reconcile.resync-interval} and one dry run every {@code dry-run-interval}, so that
 * no organization can queue work behind the RPS call rate all organizations share. A run asked for while another of
 * its scope is in flight, or too soon, fails with {@link RunRefused} and changes nothing.
 *
 * <p>The state is the table {@code rps_run} (one row per scope and kind), written under a transaction-scoped advisory
 * lock per scope, so that two replicas admitting runs of one scope at once admit one. Times come from the injected
 * clock.
 */
@ApplicationScoped
public class ReconcileRuns {

    private static final Logger LOG = Logger.getLogger(ReconcileRuns.class);

    /** The scope of a reconciliation of every organization. */
    static final String ALL = "all";

    public enum Kind {

        RESYNC("resync"),
        DRY_RUN("dry run"),
        RECONCILE("reconciliation"),
        RECONCILE_DRY_RUN("reconciliation dry run");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private final Pool pool;
    private final Reconciler reconciler;
    private final Clock clock;
    private final RpsSyncConfig.Reconcile config;
    private final MeterRegistry registry;

    public ReconcileRuns(Pool pool, Reconciler reconciler, Clock clock, RpsSyncConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.reconciler = reconciler;
        this.clock = clock;
        this.config = config.reconcile();
        this.registry = registry;
    }

    /** Repairs the organization's mirror now. */
    public Uni<ReconciliationReport> resync(UUID organizationId) {
        return guarded(organizationId.toString(), Kind.RESYNC,
                () -> reconciler.run(Optional.of(organizationId), false));
    }

    /** What a resync of the organization would change, changing nothing. */
    public Uni<ReconciliationReport> dryRun(UUID organizationId) {
        return guarded(organizationId.toString(), Kind.DRY_RUN,
                () -> reconciler.run(Optional.of(organizationId), true));
    }

    /** Every organization (the schedule, an operator); one at a time, without a rate limit of its own. */
    public Uni<ReconciliationReport> reconcileAll(boolean dryRun) {
        return guarded(ALL, dryRun ? Kind.RECONCILE_DRY_RUN : Kind.RECONCILE,
                () -> reconciler.run(Optional.empty(), dryRun));
    }

    private Uni<ReconciliationReport> guarded(String scope, Kind kind, Supplier<Uni<ReconciliationReport>> run) {
        UUID runId = UUID.randomUUID();
        return pool.withTransaction(c -> admit(c, scope, kind, runId))
                .onFailure(RunRefused.class).invoke(e -> registry.counter("voipconfig.rps.runs.refused", "kind",
                        kind.name().toLowerCase(), "reason", ((RunRefused) e).reason().name().toLowerCase())
                        .increment())
                .flatMap(admitted -> run.get().onTermination().call(() -> release(scope, kind, runId)));
    }

    private Uni<Void> admit(SqlConnection c, String scope, Kind kind, UUID runId) {
        Instant now = clock.instant();
        return c.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of("rps_run:" + scope))
                .flatMap(locked -> c.preparedQuery("SELECT kind, started_at, lease_until, finished_at FROM rps_run"
                        + " WHERE scope = $1").execute(Tuple.of(scope)))
                .flatMap(rows -> {
                    refusal(rows, scope, kind, now).ifPresent(refused -> {
                        throw refused;
                    });
                    return c.preparedQuery("INSERT INTO rps_run (scope, kind, run_id, started_at, lease_until)"
                            + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, kind) DO UPDATE SET"
                            + " run_id = EXCLUDED.run_id, started_at = EXCLUDED.started_at,"
                            + " lease_until = EXCLUDED.lease_until, finished_at = NULL")
                            .execute(Tuple.of(scope, kind.name(), runId, utc(now), utc(now.plus(config.lease()))))
                            .replaceWithVoid();
                });
    }

    /** Why a run of this kind may not start now, if it may not. */
    private Optional<RunRefused> refusal(RowSet<Row> rows, String scope, Kind kind, Instant now) {
        String of = ALL.equals(scope) ? "every organization" : "organization " + scope;
        for (Row r : rows) {
            Kind running = Kind.valueOf(r.getString("kind"));
            Instant started = r.getOffsetDateTime("started_at").toInstant();
            if (r.getValue("finished_at") == null && r.getOffsetDateTime("lease_until").toInstant().isAfter(now)) {
                return Optional.of(new RunRefused(RunRefused.Reason.RUNNING, "a " + running.label + " of " + of
                        + " is running (started " + started + "); one run at a time per organization", null));
            }
            Duration interval = interval(kind);
            if (running == kind && started.plus(interval).isAfter(now)) {
                Duration wait = Duration.between(now, started.plus(interval));
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                return Optional.of(new RunRefused(RunRefused.Reason.RATE_LIMITED, "one " + kind.label
                        + " per organization every " + interval.toSeconds() + " s; the next one for " + of
                        + " may start in " + seconds + " s", Duration.ofSeconds(seconds)));
            }
        }
        return Optional.empty();
    }

    private Duration interval(Kind kind) {
        return switch (kind) {
            case RESYNC -> config.resyncInterval();
            case DRY_RUN -> config.dryRunInterval();
            case RECONCILE, RECONCILE_DRY_RUN -> Duration.ZERO;
        };
    }

    /** Ends the run however it ended (the lease covers a release that does not get through). */
    private Uni<Void> release(String scope, Kind kind, UUID runId) {
        return pool.preparedQuery("UPDATE rps_run SET finished_at = $4 WHERE scope = $1 AND kind = $2 AND run_id = $3")
                .execute(Tuple.of(scope, kind.name(), runId, utc(clock.instant()))).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("the %s of %s was not released (its lease ends it): %s",
                        kind.label, scope, e.toString()))
                .onFailure().recoverWithNull();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
