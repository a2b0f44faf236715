package io.voipconfig.portal.rest;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.voipconfig.common.phoneauth.ClientAddress;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.portal.model.AuditEntry;
import io.voipconfig.portal.rest.dto.DeviceDto;
import io.voipconfig.portal.rest.dto.OrganizationDto;
import io.voipconfig.portal.rest.dto.PartnerDto;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.AuditService;

/**
 * Records every write the API accepted in the audit trail (docs/portal-api.md, "Audit trail"): before the write,
 * what its path names (the organization may not exist after it); after it, when the answer is a success, who, what
 * and from where. Reads, dry runs, refused and failed writes record nothing.
 */
public class AuditFilters {

    private static final String TARGET = AuditFilters.class.getName() + ".target";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    /** Whose the write is: a partner's, an organization's (and its partner's), or nobody's (the platform). */
    private record Target(UUID partnerId, UUID organizationId, String organizationSlug) {
    }

    private final AuditService audit;
    private final Caller caller;
    private final ClientAddress addresses;

    public AuditFilters(AuditService audit, Caller caller, PortalConfig config) {
        this.audit = audit;
        this.caller = caller;
        this.addresses = new ClientAddress(config.audit().trustedProxies().orElse(List.of()));
    }

    @ServerRequestFilter
    public Uni<Void> target(ContainerRequestContext request) {
        if (!audited(request)) {
            return Uni.createFrom().voidItem();
        }
        String org = request.getUriInfo().getPathParameters().getFirst("orgId");
        String partner = request.getUriInfo().getPathParameters().getFirst("partnerId");
        if (org != null) {
            return audit.organization(org).invoke(found -> found.ifPresent(o -> request.setProperty(TARGET,
                    new Target(o.partnerId(), o.id(), o.slug())))).replaceWithVoid();
        }
        if (partner != null) {
            return audit.partner(partner).invoke(found -> found
                    .ifPresent(p -> request.setProperty(TARGET, new Target(p, null, null)))).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response,
            ResourceInfo resource, HttpServerRequest http) {
        int status = response.getStatus();
        if (!audited(request) || status < 200 || status >= 300 || resource.getResourceMethod() == null) {
            return Uni.createFrom().voidItem();
        }
        String operation = request.getMethod() + " " + template(resource);
        String path = request.getUriInfo().getPath();
        String location = response.getHeaderString("Location");
        String written = location == null ? path : URI.create(location).getPath();
        @SuppressWarnings("unchecked")
        List<String> fields = (List<String>) Optional.ofNullable(request.getProperty(AuditedFields.PROPERTY))
                .orElse(List.of());
        String client = addresses.resolve(http.remoteAddress().hostAddress(), http.getHeader("X-Forwarded-For"));
        return target(request, response.getEntity()).flatMap(t -> audit.record(new AuditEntry(null, null,
                caller.subject(), caller.name(), caller.role(), t.partnerId(), t.organizationId(),
                t.organizationSlug(), action(request.getMethod(), operation, status), operation, written, fields,
                status, client)));
    }

    /** The path's target, else the one the answer names (a created organization or partner, a transferred MAC). */
    private Uni<Target> target(ContainerRequestContext request, Object entity) {
        if (request.getProperty(TARGET) instanceof Target t) {
            return Uni.createFrom().item(t);
        }
        if (entity instanceof OrganizationDto.Organization o) {
            return Uni.createFrom().item(new Target(o.partnerId(), o.id(), o.slug()));
        }
        if (entity instanceof PartnerDto.Partner p) {
            return Uni.createFrom().item(new Target(p.id(), null, null));
        }
        if (entity instanceof DeviceDto.Device d && d.organizationId() != null) {
            return audit.organization(d.organizationId().toString())
                    .map(found -> found.map(o -> new Target(o.partnerId(), o.id(), o.slug()))
                            .orElse(new Target(null, d.organizationId(), null)));
        }
        return Uni.createFrom().item(new Target(null, null, null));
    }

    private boolean audited(ContainerRequestContext request) {
        return !READS.contains(request.getMethod()) && request.getUriInfo().getPath().startsWith("/api/v1/")
                && !"true".equals(request.getUriInfo().getQueryParameters().getFirst("dryRun"))
                && !caller.isAnonymous();
    }

    static String action(String method, String operation, int status) {
        return switch (method) {
            case "DELETE" -> "delete";
            case "PUT" -> status == 201 ? "create" : "update";
            default ->
                AuditService.ROUTE_VERBS.getOrDefault(operation.substring(operation.lastIndexOf('/') + 1), "create");
        };
    }

    /** The route as the OpenAPI document writes it: {@code /api/v1/organizations/{orgId}/devices/{mac}}. */
    static String template(ResourceInfo resource) {
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        Method method = resource.getResourceMethod();
        Path own = method.getAnnotation(Path.class);
        String path = (type == null ? "" : type.value()) + (own == null ? "" : "/" + own.value());
        return path.replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }
}
