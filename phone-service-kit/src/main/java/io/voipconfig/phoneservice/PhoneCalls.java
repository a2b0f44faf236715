package io.voipconfig.phoneservice;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.PhoneGate;
import io.voipconfig.common.phone.PhoneRequest;
import io.voipconfig.common.phoneauth.ClientAddress;
import io.voipconfig.common.phoneauth.PhoneThrottle;

/**
 * Starts each phone request's {@link PhoneCall} with what every phone-facing service's calls share: the client address
 * rules, the gate, the activity publisher and the request meter {@code voipconfig.phone.requests{service,file,outcome}}.
 */
@ApplicationScoped
public class PhoneCalls {

    private static final String CLIENT_IP = "voipconfig.client-ip";

    private final PhoneGate gate;
    private final PhoneThrottle throttle;
    private final ClientAddress clientAddress;
    private final ActivityPublisher activity;
    private final MeterRegistry registry;
    private final String service;
    private final String retryAfterSeconds;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public PhoneCalls(PhoneGate gate, PhoneThrottle throttle, ClientAddress clientAddress, ActivityPublisher activity,
            MeterRegistry registry, PhoneServiceConfig config,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.gate = gate;
        this.throttle = throttle;
        this.clientAddress = clientAddress;
        this.activity = activity;
        this.registry = registry;
        this.service = service;
        this.retryAfterSeconds = Long.toString(config.throttle().blockFor().toSeconds());
    }

    /**
     * Routes GET and HEAD of the paths matching {@code regex} (on the Vert.x router, before any JAX-RS layer), behind
     * the address's own limits: every phone path, the CA certificate and malformed paths included, is refused with
     * 429 while its address is blocked or, without credentials, over its rate.
     */
    public void route(Router router, String regex, Handler<RoutingContext> handler) {
        router.routeWithRegex(HttpMethod.GET, regex).handler(this::admit).handler(handler);
        router.routeWithRegex(HttpMethod.HEAD, regex).handler(this::admit).handler(handler);
    }

    private void admit(RoutingContext rc) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        Optional<PhoneThrottle.Reason> refused = throttle.admit(clientIp(rc),
                authorization != null && !authorization.isBlank());
        if (refused.isEmpty()) {
            rc.next();
            return;
        }
        rc.response().putHeader("Retry-After", Long.toString(throttle.retryAfter(refused.get()).toSeconds()));
        begin(rc, Optional.empty(), Optional.empty(), "any").finish(429, Outcome.THROTTLED, Optional.empty(),
                Optional.empty(), null, refused.get().tag());
    }

    /** Resolved once per request (the admission and the call both need it). */
    private String clientIp(RoutingContext rc) {
        String ip = rc.get(CLIENT_IP);
        if (ip == null) {
            HttpServerRequest req = rc.request();
            String peer = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
            ip = clientAddress.resolve(peer, req.getHeader("X-Forwarded-For"));
            rc.put(CLIENT_IP, ip);
        }
        return ip;
    }

    /**
     * @param slug the organization named by a {@code /o/<slug>/} prefix, if the path had one
     * @param pathMac the MAC the path names (a MAC file), if any
     * @param file what the request asks for, as the meter's {@code file} tag (a kind, never the raw path)
     */
    public PhoneCall begin(RoutingContext rc, Optional<String> slug, Optional<MacAddress> pathMac, String file) {
        HttpServerRequest req = rc.request();
        String peer = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
        String ip = clientIp(rc);
        String host = clientAddress.host(peer, req.authority() == null ? null : req.authority().host(),
                req.getHeader("X-Forwarded-Host"));
        PhoneRequest phone = new PhoneRequest(req.method().name(), req.uri(), pathMac, slug,
                req.getHeader(HttpHeaders.USER_AGENT), req.getHeader(HttpHeaders.AUTHORIZATION), ip, host);
        return new PhoneCall(rc, phone, file, this);
    }

    /**
     * Begins the call for a request of a path that must match {@code path} (its group 1: the organization named by a
     * {@code /o/<slug>/} prefix, if any); one that does not match is answered 404.
     *
     * @return the call and the path's match, empty once answered
     */
    public Optional<CallOnPath> beginOnPath(RoutingContext rc, Pattern path, String file) {
        Matcher m = path.matcher(rc.request().path());
        boolean matches = m.matches();
        PhoneCall call = begin(rc, matches ? Optional.ofNullable(m.group(1)) : Optional.empty(), Optional.empty(),
                file);
        if (!matches) {
            call.finish(404, Outcome.NOT_FOUND, Optional.empty(), Optional.empty(), null, "not a " + file + " path");
            return Optional.empty();
        }
        return Optional.of(new CallOnPath(call, m));
    }

    /** A call begun by {@link #beginOnPath} and the groups of its path. */
    public record CallOnPath(PhoneCall call, Matcher path) {
    }

    PhoneGate gate() {
        return gate;
    }

    String retryAfterSeconds() {
        return retryAfterSeconds;
    }

    String service() {
        return service;
    }

    ActivityPublisher activity() {
        return activity;
    }

    boolean firstRefusal(String ip, String reason) {
        return throttle.firstRefusal(ip, reason);
    }

    /** Counts and times one request (also those refused before they became a call, e.g. a malformed path). */
    public void record(String file, String outcome, long nanos) {
        timers.computeIfAbsent(file + "|" + outcome, k -> Timer.builder("voipconfig.phone.requests")
                .description("Phone requests by file kind and outcome").tag("service", service).tag("file", file)
                .tag("outcome", outcome).publishPercentileHistogram(false).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
