package io.voipconfig.portal.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.portal.repository.ActivityPartitionRepository;
import io.voipconfig.portal.repository.ActivityPartitionRepository.Partition;

/**
 * Activity retention by whole days: every replica keeps today's and the next {@value #DAYS_AHEAD} days' partitions
 * ready and, one replica at a time, drops the days older than {@code voipconfig.activity.retention}
 * (docs/portal-api.md, "Activity"). Ingest asks {@link #prepare} first: it leaves out events already past the retention (their day is, or
 * is about to be, dropped) and creates the partition of any other day the batch needs.
 */
@ApplicationScoped
public class ActivityPartitionService {

    private static final Logger LOG = Logger.getLogger(ActivityPartitionService.class);
    static final int DAYS_AHEAD = 2;

    private final ActivityPartitionRepository partitions;
    private final Duration retention;
    private final Duration interval;
    /** Days whose partition this replica knows to be attached: ingest checks the catalog only for the others. */
    private final Set<LocalDate> ready = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean maintaining = new AtomicBoolean();
    private final Counter expired;
    private final Counter dropped;

    public ActivityPartitionService(ActivityPartitionRepository partitions, PortalConfig config,
            MeterRegistry registry) {
        this.partitions = partitions;
        this.retention = config.activity().retention();
        this.interval = config.activity().maintenanceInterval();
        this.expired = Counter.builder("voipconfig.activity.expired")
                .description("Activity events not stored because they were older than the retention")
                .register(registry);
        this.dropped = Counter.builder("voipconfig.activity.partitions.dropped")
                .description("Days of activity dropped by this replica's retention runs").register(registry);
    }

    /** The UTC day an instant falls in: the partition that holds it. */
    public static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Whether a day lies wholly before the retention window, so that its partition goes. */
    public boolean expired(LocalDate day, Instant now) {
        return !day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(now.minus(retention));
    }

    /** The events of a batch worth storing, once the partitions of their days exist. */
    public Uni<List<ProvisioningActivity>> prepare(List<ProvisioningActivity> batch, Instant now) {
        List<ProvisioningActivity> kept = batch.stream().filter(a -> !expired(day(a.time()), now)).toList();
        if (kept.size() < batch.size()) {
            expired.increment(batch.size() - kept.size());
        }
        List<LocalDate> missing = kept.stream().map(a -> day(a.time())).distinct().filter(d -> !ready.contains(d))
                .sorted().toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().item(kept);
        }
        return partitions.create(missing).invoke(() -> ready.addAll(missing)).replaceWith(kept);
    }

    /** After a failed store: a partition this replica knew may be gone, so the retry looks again. */
    public void forget() {
        ready.clear();
    }

    /** What one maintenance run did; {@code ran} is false when another replica held the maintenance lock. */
    public record Maintenance(boolean ran, List<LocalDate> dropped) {
    }

    /** Creates the coming days' partitions, then drops the expired ones unless another replica is doing so. */
    public Uni<Maintenance> maintain(Instant now) {
        LocalDate today = day(now);
        List<LocalDate> upcoming = new ArrayList<>();
        for (int n = 0; n <= DAYS_AHEAD; n++) {
            upcoming.add(today.plusDays(n));
        }
        List<LocalDate> removed = new ArrayList<>();
        return partitions.create(upcoming).invoke(() -> ready.addAll(upcoming))
                .flatMap(v -> partitions.underMaintenanceLock(conn -> partitions.list().flatMap(all -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Partition p : all) {
                        if (expired(p.day(), now)) {
                            chain = chain.flatMap(x -> partitions.drop(conn, p).invoke(() -> {
                                ready.remove(p.day());
                                removed.add(p.day());
                                dropped.increment();
                            }));
                        }
                    }
                    return chain;
                })))
                .map(ran -> new Maintenance(ran, List.copyOf(removed)));
    }

    void schedule(@Observes StartupEvent event, Vertx vertx) {
        run();
        vertx.setPeriodic(interval.toMillis(), id -> run());
    }

    private void run() {
        if (!maintaining.compareAndSet(false, true)) {
            return; // the previous run is still waiting for a detach
        }
        maintain(Instant.now()).eventually(() -> maintaining.set(false)).subscribe().with(
                m -> {
                    if (!m.dropped().isEmpty()) {
                        LOG.infof("activity retention dropped the days %s", m.dropped());
                    }
                },
                e -> LOG.warnf("activity partition maintenance failed, next try in %s: %s", interval, e.toString()));
    }
}
