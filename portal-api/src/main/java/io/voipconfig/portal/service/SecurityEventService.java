package io.voipconfig.portal.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.portal.model.SecurityEvent;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.SecurityEventRepository;
import io.voipconfig.portal.repository.Where;
import io.voipconfig.portal.security.Caller;

/**
 * Security events (docs/portal-api.md, "Security events"): the phone requests the gate did not allow, counted per
 * minute, organization, address and outcome as they come in from the activity topic, kept for
 * {@code voipconfig.security-events.retention}; listed per organization, and platform-wide for the operator.
 */
@ApplicationScoped
public class SecurityEventService {

    private static final Pattern IP = Pattern.compile("[0-9a-fA-F:.]{1,45}");

    private final SecurityEventRepository events;
    private final OrganizationService organizations;
    private final PortalConfig.SecurityEvents config;

    public SecurityEventService(SecurityEventRepository events, OrganizationService organizations,
            PortalConfig config) {
        this.events = events;
        this.organizations = organizations;
        this.config = config.securityEvents();
    }

    /** Counts {@code batch} in {@code tx} and drops what has outlived the retention. */
    public Uni<Void> record(SqlConnection tx, List<ProvisioningActivity> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return events.count(tx, batch).flatMap(v -> events.deleteBefore(tx,
                OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention()))).replaceWithVoid();
    }

    /** Filters shared by both lists. */
    public record Filter(String clientIp, String outcome, OffsetDateTime from, OffsetDateTime to) {
    }

    public Uni<Page<SecurityEvent>> list(Caller caller, String orgRef, PageRequest page, Filter filter) {
        Where where = conditions(filter);
        return organizations.visible(caller, orgRef).flatMap(org -> page(where.and("organization_id =", org.id), page));
    }

    /** Every organization's, and those no organization could be tied to. For the operator (the resource says so). */
    public Uni<Page<SecurityEvent>> listAll(PageRequest page, Filter filter) {
        return page(conditions(filter), page);
    }

    private Uni<Page<SecurityEvent>> page(Where where, PageRequest page) {
        return events.count(where)
                .flatMap(total -> events.page(where, page).map(items -> Page.of(items, page, total)));
    }

    /** The filters given, checked (a bad one is a 400 before anything is read). */
    private static Where conditions(Filter f) {
        Where where = new Where();
        if (f.clientIp() != null && !f.clientIp().isBlank()) {
            if (!IP.matcher(f.clientIp().strip()).matches()) {
                throw ApiException.invalid("clientIp", "an IPv4 or IPv6 address");
            }
            where.and("client_ip =", f.clientIp().strip());
        }
        if (f.outcome() != null && !f.outcome().isBlank()) {
            if (Arrays.stream(Outcome.values()).noneMatch(o -> o.name().equals(f.outcome()))) {
                throw ApiException.invalid("outcome", "one of " + Arrays.toString(Outcome.values()));
            }
            where.and("outcome =", f.outcome());
        }
        if (f.from() != null) {
            where.and("minute >=", f.from());
        }
        if (f.to() != null) {
            where.and("minute <", f.to());
        }
        return where;
    }
}
