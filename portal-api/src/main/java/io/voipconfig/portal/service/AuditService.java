package io.voipconfig.portal.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.portal.model.AuditEntry;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.AuditRepository;
import io.voipconfig.portal.repository.Where;
import io.voipconfig.portal.security.Caller;

/**
 * The admin audit trail (docs/portal-api.md, "Audit trail"): an entry for every write the API accepted, kept for
 * {@code voipconfig.audit.retention}, listed per organization and, for the operator, platform-wide.
 */
@ApplicationScoped
public class AuditService {

    private static final Logger LOG = Logger.getLogger(AuditService.class);

    /** The last segment of a POST route that acts on a resource instead of creating one, and its action. */
    public static final Map<String, String> ROUTE_VERBS = Map.of("move", "move", "transfer", "transfer", "dismiss",
            "dismiss", "rotation", "rotate", "resync", "resync", "import", "import", "invitation", "invite");

    /** What {@code action} may be filtered by: create, update, delete and the verbs. */
    public static final Set<String> ACTIONS = Stream.concat(Stream.of("create", "update", "delete"),
            ROUTE_VERBS.values().stream()).collect(Collectors.toCollection(TreeSet::new));

    private final AuditRepository entries;
    private final OrganizationService organizations;
    private final PortalConfig.Audit config;
    private final Counter failures;

    public AuditService(AuditRepository entries, OrganizationService organizations, PortalConfig config,
            MeterRegistry registry) {
        this.entries = entries;
        this.organizations = organizations;
        this.config = config.audit();
        this.failures = Counter.builder("voipconfig.audit.failures")
                .description("Accepted writes whose audit entry could not be stored (each is logged instead)")
                .register(registry);
    }

    /**
     * Stores the entry of a write that has committed. When the database refuses it the write stands (undoing it is
     * impossible, and a retried request would repeat it): the entry goes to the log at ERROR and is counted.
     */
    public Uni<Void> record(AuditEntry e) {
        return entries.insert(e, OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention()))
                .onFailure().recoverWithUni(failure -> {
                    failures.increment();
                    LOG.errorf("audit entry not stored (%s): %s %s by %s (%s) from %s, fields %s", failure.toString(),
                            e.operation(), e.resource(), e.username(), e.role(), e.clientIp(), e.fields());
                    return Uni.createFrom().voidItem();
                });
    }

    /** The organization a write's path names, read before the write (which may delete it). */
    public Uni<Optional<AuditRepository.OrganizationRef>> organization(String ref) {
        return entries.organization(ref);
    }

    /** The partner a write's path names. */
    public Uni<Optional<UUID>> partner(String ref) {
        return entries.partner(ref);
    }

    /** Filters shared by both lists. */
    public record Filter(String username, String action, OffsetDateTime from, OffsetDateTime to) {
    }

    public Uni<Page<AuditEntry>> list(Caller caller, String orgRef, PageRequest page, Filter filter) {
        Where where = conditions(filter);
        return organizations.visible(caller, orgRef).flatMap(org -> page(where.and("organization_id =", org.id), page));
    }

    /** Every entry: organizations', partners' and the platform's. For the operator (the resource says so). */
    public Uni<Page<AuditEntry>> listAll(PageRequest page, Filter filter) {
        return page(conditions(filter), page);
    }

    private Uni<Page<AuditEntry>> page(Where where, PageRequest page) {
        return entries.count(where)
                .flatMap(total -> entries.page(where, page).map(items -> Page.of(items, page, total)));
    }

    /** The filters given, checked (a bad one is a 400 before anything is read). */
    private static Where conditions(Filter f) {
        Where where = new Where();
        if (f.username() != null && !f.username().isBlank()) {
            where.and("username =", f.username().strip());
        }
        if (f.action() != null && !f.action().isBlank()) {
            if (!ACTIONS.contains(f.action())) {
                throw ApiException.invalid("action", "one of " + ACTIONS);
            }
            where.and("action =", f.action());
        }
        if (f.from() != null) {
            where.and("at >=", f.from());
        }
        if (f.to() != null) {
            where.and("at <", f.to());
        }
        return where;
    }
}
