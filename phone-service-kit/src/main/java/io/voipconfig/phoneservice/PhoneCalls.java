package io.voipconfig.phoneservice;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.PhoneGate;
import io.voipconfig.common.phone.PhoneRequest;
import io.voipconfig.common.phoneauth.ClientAddress;

/**
 * Starts each phone request's {@link PhoneCall} with what every phone-facing service's calls share: the client address
 * rules, the gate, the activity publisher and the request meter {@code voipconfig.phone.requests{service,file,outcome}}.
 */
@ApplicationScoped
public class PhoneCalls {

    private final PhoneGate gate;
    private final ClientAddress clientAddress;
    private final ActivityPublisher activity;
    private final MeterRegistry registry;
    private final String service;
    private final String retryAfterSeconds;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public PhoneCalls(PhoneGate gate, ClientAddress clientAddress, ActivityPublisher activity, MeterRegistry registry,
            PhoneServiceConfig config, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.gate = gate;
        this.clientAddress = clientAddress;
        this.activity = activity;
        this.registry = registry;
        this.service = service;
        this.retryAfterSeconds = Long.toString(config.throttle().blockFor().toSeconds());
    }

    /** Routes GET and HEAD of the paths matching {@code regex} (on the Vert.x router, before any JAX-RS layer). */
    public static void route(Router router, String regex, Handler<RoutingContext> handler) {
        router.routeWithRegex(HttpMethod.GET, regex).handler(handler);
        router.routeWithRegex(HttpMethod.HEAD, regex).handler(handler);
    }

    /**
     * @param slug the organization named by a {@code /o/<slug>/} prefix, if the path had one
     * @param pathMac the MAC the path names (a MAC file), if any
     * @param file what the request asks for, as the meter's {@code file} tag (a kind, never the raw path)
     */
    public PhoneCall begin(RoutingContext rc, Optional<String> slug, Optional<MacAddress> pathMac, String file) {
        HttpServerRequest req = rc.request();
        String peer = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
        String ip = clientAddress.resolve(peer, req.getHeader("X-Forwarded-For"));
        String host = clientAddress.host(peer, req.authority() == null ? null : req.authority().host(),
                req.getHeader("X-Forwarded-Host"));
        PhoneRequest phone = new PhoneRequest(req.method().name(), req.uri(), pathMac, slug,
                req.getHeader(HttpHeaders.USER_AGENT), req.getHeader(HttpHeaders.AUTHORIZATION), ip, host);
        return new PhoneCall(rc, phone, file, this);
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

    /** Counts and times one request (also those refused before they became a call, e.g. a malformed path). */
    public void record(String file, String outcome, long nanos) {
        timers.computeIfAbsent(file + "|" + outcome, k -> Timer.builder("voipconfig.phone.requests")
                .description("Phone requests by file kind and outcome").tag("service", service).tag("file", file)
                .tag("outcome", outcome).publishPercentileHistogram(false).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
