package io.voipconfig.config.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.GateResult;
import io.voipconfig.common.phone.PhoneDirectory;
import io.voipconfig.common.phone.PhoneGate;
import io.voipconfig.common.phone.PhoneRequest;
import io.voipconfig.common.phoneauth.ClientAddress;
import io.voipconfig.common.phoneservice.PhoneHttp;
import io.voipconfig.common.settings.RenderException;
import io.voipconfig.common.useragent.YealinkUserAgent;
import io.voipconfig.config.config.ConfigServiceConfig;
import io.voipconfig.config.messaging.ActivityPublisher;
import io.voipconfig.config.service.ConfigFiles;
import io.voipconfig.config.service.PhoneFile;
import io.voipconfig.config.service.RenderedFile;

/**
 * The phone-facing routes, on the Vert.x router directly: the hot path of a reboot storm, with no JAX-RS layer
 * between the socket and the cache. Paths that are not phone files never reach this handler (Quarkus answers 404).
 */
@ApplicationScoped
public class ProvisioningRoutes {

    private static final Logger LOG = Logger.getLogger(ProvisioningRoutes.class);
    private static final String SERVICE = "config-service";

    private final PhoneGate gate;
    private final PhoneDirectory directory;
    private final ConfigFiles files;
    private final ClientAddress clientAddress;
    private final ActivityPublisher activity;
    private final MeterRegistry registry;
    private final String retryAfter;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public ProvisioningRoutes(PhoneGate gate, PhoneDirectory directory, ConfigFiles files, ClientAddress clientAddress,
            ActivityPublisher activity, MeterRegistry registry, ConfigServiceConfig config) {
        this.gate = gate;
        this.directory = directory;
        this.files = files;
        this.clientAddress = clientAddress;
        this.activity = activity;
        this.registry = registry;
        this.retryAfter = Long.toString(config.throttle().blockFor().toSeconds());
    }

    void routes(@Observes Router router) {
        router.routeWithRegex(HttpMethod.GET, PhoneFile.ROUTE_REGEX).handler(this::handle);
        router.routeWithRegex(HttpMethod.HEAD, PhoneFile.ROUTE_REGEX).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        long start = System.nanoTime();
        HttpServerRequest req = rc.request();
        Optional<PhoneFile> parsed = PhoneFile.parse(req.path());
        if (parsed.isEmpty()) { // encoded or dot segments, a multicast MAC, ...: not a phone file
            PhoneHttp.plain(req.response(), 404);
            record("invalid", "NOT_FOUND", start);
            return;
        }
        PhoneFile file = parsed.get();
        String ip = clientAddress.resolve(req.remoteAddress() == null ? null : req.remoteAddress().hostAddress(),
                req.getHeader("X-Forwarded-For"));
        String ua = req.getHeader(HttpHeaders.USER_AGENT);
        PhoneRequest phone = new PhoneRequest(req.method().name(), req.uri(), file.mac(), file.orgSlug(), ua,
                req.getHeader(HttpHeaders.AUTHORIZATION), ip);
        Context ctx = Vertx.currentContext();

        if (file.kind() == PhoneFile.Kind.CA_PEM && file.orgSlug().isPresent()) {
            // A CA certificate is public and the phone fetches it before it trusts us: no credentials needed when
            // the URL names the organization.
            directory.organizationBySlug(file.orgSlug().get())
                    .whenComplete((org, failure) -> PhoneHttp.onContext(ctx, () -> {
                        if (failure != null) {
                            error(rc, file, phone, failure, start);
                            return;
                        }
                        Optional<String> orgId = org.map(o -> o.id().toString());
                        Optional<String> pem = org.map(o -> o.caCertificate()).filter(s -> s != null && !s.isBlank());
                        if (pem.isEmpty()) {
                            finish(rc, file, phone, Optional.empty(), orgId, 404, Outcome.NOT_FOUND, null,
                                    "no CA certificate",
                                    start);
                        } else {
                            send(rc, file, phone, YealinkUserAgent.parse(ua), orgId, Optional.empty(),
                                    RenderedFile.of(pem.get().getBytes(StandardCharsets.UTF_8), RenderedFile.PEM),
                                    start);
                        }
                    }));
            return;
        }

        // Everything cached (the common case in a storm) completes synchronously on this event loop.
        gate.check(phone, file.perDevice())
                .thenCompose(result -> result instanceof GateResult.Allowed allowed
                        ? files.file(file, allowed).handle((f, e) -> {
                            Throwable cause = e instanceof CompletionException && e.getCause() != null
                                    ? e.getCause()
                                    : e;
                            if (cause instanceof RenderException) {
                                return new Served(result, Optional.empty(), cause.getMessage());
                            }
                            if (cause != null) {
                                throw new CompletionException(cause);
                            }
                            return new Served(result, f, null);
                        })
                        : CompletableFuture.completedFuture(new Served(result, Optional.empty(), null)))
                .whenComplete((served, failure) -> PhoneHttp.onContext(ctx, () -> {
                    if (failure != null) {
                        error(rc, file, phone, failure, start);
                    } else {
                        respond(rc, file, phone, served, start);
                    }
                }));
    }

    private record Served(GateResult gate, Optional<RenderedFile> file, String renderError) {
    }

    private void respond(RoutingContext rc, PhoneFile file, PhoneRequest phone, Served served, long start) {
        HttpServerResponse res = rc.response();
        if (served.gate() instanceof GateResult.Denied d) {
            if (d.status() == 401) {
                d.challenges().forEach(c -> res.headers().add("WWW-Authenticate", c));
            } else if (d.status() == 429) {
                res.putHeader("Retry-After", retryAfter);
            }
            PhoneHttp.plain(res, d.status());
            finishActivity(file, phone, d.userAgent(), d.mac(), d.organizationId(), d.status(), d.outcome(), null,
                    d.detail(), start);
            return;
        }
        GateResult.Allowed a = (GateResult.Allowed) served.gate();
        Optional<String> org = Optional.of(a.org().id().toString());
        if (served.renderError() != null) {
            PhoneHttp.plain(res, 503);
            LOG.warnf("cannot render %s for organization %s: %s", file.label(), a.org().slug(), served.renderError());
            finishActivity(file, phone, a.userAgent(), a.mac(), org, 503, Outcome.RENDER_ERROR, null,
                    served.renderError(), start);
            return;
        }
        if (served.file().isEmpty()) {
            PhoneHttp.plain(res, 404);
            finishActivity(file, phone, a.userAgent(), a.mac(), org, 404, Outcome.NOT_FOUND, null, "no such file",
                    start);
            return;
        }
        send(rc, file, phone, a.userAgent(), org, a.mac(), served.file().get(), start);
    }

    private void send(RoutingContext rc, PhoneFile file, PhoneRequest phone, Optional<YealinkUserAgent> ua,
            Optional<String> org, Optional<MacAddress> mac, RenderedFile body, long start) {
        HttpServerResponse res = rc.response();
        res.putHeader(HttpHeaders.ETAG, body.etag());
        res.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        String inm = rc.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (inm != null && PhoneHttp.matches(inm, body.etag())) {
            res.setStatusCode(304).end();
            finishActivity(file, phone, ua, mac, org, 304, Outcome.NOT_MODIFIED, body.md5(), null, start);
            return;
        }
        res.putHeader(HttpHeaders.CONTENT_TYPE, body.contentType());
        if (rc.request().method() == HttpMethod.HEAD) {
            res.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.body().length));
            res.setStatusCode(200).end();
        } else {
            res.setStatusCode(200).end(Buffer.buffer(body.body()));
        }
        finishActivity(file, phone, ua, mac, org, 200, Outcome.SUCCESS, body.md5(), null, start);
    }

    private void finish(RoutingContext rc, PhoneFile file, PhoneRequest phone, Optional<MacAddress> mac,
            Optional<String> org, int status, Outcome outcome, String md5, String detail, long start) {
        PhoneHttp.plain(rc.response(), status);
        finishActivity(file, phone, YealinkUserAgent.parse(phone.userAgent()), mac, org, status, outcome, md5, detail,
                start);
    }

    private void error(RoutingContext rc, PhoneFile file, PhoneRequest phone, Throwable failure, long start) {
        LOG.errorf(failure, "failed to serve %s", file.label());
        if (!rc.response().ended()) {
            PhoneHttp.plain(rc.response(), 503);
        }
        finishActivity(file, phone, YealinkUserAgent.parse(phone.userAgent()), file.mac(), Optional.empty(), 503,
                Outcome.SERVER_ERROR, null, failure.getClass().getSimpleName(), start);
    }

    private void finishActivity(PhoneFile file, PhoneRequest phone, Optional<YealinkUserAgent> ua,
            Optional<MacAddress> mac, Optional<String> org, int status, Outcome outcome, String md5, String detail,
            long start) {
        record(file.label(), outcome.name(), start);
        activity.publish(new ProvisioningActivity(UUID.randomUUID(), Instant.now(), SERVICE, org.orElse(null),
                mac.map(MacAddress::value).orElse(null), phone.clientIp(), PhoneHttp.truncate(phone.userAgent(), 512),
                ua.map(YealinkUserAgent::model).orElse(null), ua.map(YealinkUserAgent::firmware).orElse(null),
                file.path(),
                outcome, status, md5, detail));
    }

    private void record(String file, String outcome, long start) {
        timers.computeIfAbsent(file + "|" + outcome, k -> Timer.builder("voipconfig.phone.requests")
                .description("Phone requests by file kind and outcome").tag("service", SERVICE).tag("file", file)
                .tag("outcome", outcome).publishPercentileHistogram(false).register(registry))
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

}
