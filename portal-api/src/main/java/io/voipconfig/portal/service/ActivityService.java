package io.voipconfig.portal.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.portal.model.Activity;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.ActivityRepository;
import io.voipconfig.portal.repository.BulkWrites;
import io.voipconfig.portal.security.Caller;

/** Provisioning activity: stored from the activity topic, listed per organization. */
@ApplicationScoped
public class ActivityService {

    private final ActivityRepository activities;
    private final OrganizationService organizations;
    private final Outbox outbox;
    private final BulkWrites bulk;
    private final SecurityEventService securityEvents;
    private final ActivityPartitionService partitions;

    public ActivityService(ActivityRepository activities, OrganizationService organizations, Outbox outbox,
            BulkWrites bulk, SecurityEventService securityEvents, ActivityPartitionService partitions) {
        this.activities = activities;
        this.partitions = partitions;
        this.securityEvents = securityEvents;
        this.organizations = organizations;
        this.outbox = outbox;
        this.bulk = bulk;
    }

    public Uni<Page<Activity>> list(Caller caller, String orgRef, PageRequest page, String mac, String outcome,
            OffsetDateTime from, OffsetDateTime to) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE organization_id = $1");
        if (mac != null && !mac.isBlank()) {
            args.add(DeviceService.pathMac(mac).value());
            where.append(" AND mac = $").append(args.size() + 1);
        }
        if (outcome != null && !outcome.isBlank()) {
            if (Arrays.stream(Outcome.values()).noneMatch(o -> o.name().equals(outcome))) {
                throw ApiException.invalid("outcome", "one of " + Arrays.toString(Outcome.values()));
            }
            args.add(outcome);
            where.append(" AND outcome = $").append(args.size() + 1);
        }
        if (from != null) {
            args.add(from);
            where.append(" AND occurred_at >= $").append(args.size() + 1);
        }
        if (to != null) {
            args.add(to);
            where.append(" AND occurred_at < $").append(args.size() + 1);
        }
        return organizations.visible(caller, orgRef).flatMap(org -> {
            List<Object> all = new ArrayList<>();
            all.add(org.id);
            all.addAll(args);
            return activities.count(where.toString(), all)
                    .flatMap(total -> activities.page(where.toString(), all, page)
                            .map(items -> Page.of(items, page, total)));
        });
    }

    /**
     * Stores a batch: the requests the gate allowed idempotently (event id is the key), moving each device's last-seen
     * and delivered MD5s forward, never backward: redelivered or late events change nothing that a newer one already
     * set. The others (no or wrong credentials, unknown MACs, throttled, the CA certificate) only add to the security
     * events: anyone can send any MAC and User-Agent without credentials, so they never reach a device's status. A
     * device that used its organization's current credentials for the first time is announced (event
     * {@code device.credentials-used}), so every phone-facing replica refuses its previous ones from then on.
     * Allowed requests older than the activity retention are left out (their day's partition is dropped).
     */
    public Uni<Integer> store(List<ProvisioningActivity> batch) {
        List<ProvisioningActivity> refused = batch.stream().filter(a -> !a.authenticated()).toList();
        return partitions.prepare(batch.stream().filter(ProvisioningActivity::authenticated).toList(), Instant.now())
                .flatMap(allowed -> store(refused, allowed))
                .onFailure().invoke(partitions::forget)
                .replaceWith(batch.size());
    }

    private Uni<Void> store(List<ProvisioningActivity> refused, List<ProvisioningActivity> allowed) {
        return outbox.bulkTransaction(tx -> securityEvents.record(tx, refused)
                .flatMap(v -> activities.store(tx, allowed)).flatMap(used -> used.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : bulk.nextVersions(tx, used.size()).flatMap(versions -> {
                            List<DomainEvent> events = new ArrayList<>();
                            for (int i = 0; i < used.size(); i++) {
                                ActivityRepository.CredentialsUsed u = used.get(i);
                                events.add(Outbox.event(EventType.DEVICE_CREDENTIALS_USED, u.mac(), u.organizationId(),
                                        u.partnerId(), versions.get(i), null));
                            }
                            return outbox.appendAll(tx, events);
                        })))
                .replaceWithVoid();
    }
}
