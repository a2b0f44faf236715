package io.voipconfig.config.rest;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.DeviceView;
import io.voipconfig.common.phone.GateResult;
import io.voipconfig.common.render.RenderedFile;
import io.voipconfig.common.settings.RenderException;
import io.voipconfig.config.service.ConfigFiles;
import io.voipconfig.config.service.PhoneFile;
import io.voipconfig.phoneservice.PhoneCall;
import io.voipconfig.phoneservice.PhoneCalls;
import io.voipconfig.phoneservice.PhoneHttp;

/**
 * The phone-facing routes, on the Vert.x router directly: the hot path of a reboot storm, with no JAX-RS layer
 * between the socket and the cache. Paths that are not phone files never reach this handler (Quarkus answers 404).
 * When everything is cached (the common case in a storm) the whole request completes synchronously on its event loop.
 */
@ApplicationScoped
public class ProvisioningRoutes {

    private static final Logger LOG = Logger.getLogger(ProvisioningRoutes.class);

    private final PhoneCalls calls;
    private final ConfigFiles files;

    public ProvisioningRoutes(PhoneCalls calls, ConfigFiles files) {
        this.calls = calls;
        this.files = files;
    }

    void routes(@Observes Router router) {
        calls.route(router, PhoneFile.ROUTE_REGEX, this::handle);
    }

    void handle(RoutingContext rc) {
        long start = System.nanoTime();
        HttpServerRequest req = rc.request();
        Optional<PhoneFile> parsed = PhoneFile.parse(req.path());
        if (parsed.isEmpty()) { // encoded or dot segments, a multicast MAC, ...: not a phone file
            PhoneHttp.plain(req.response(), 404);
            calls.record("invalid", Outcome.NOT_FOUND.name(), System.nanoTime() - start);
            return;
        }
        PhoneFile file = parsed.get();
        PhoneCall call = calls.begin(rc, file.orgSlug(), file.mac(), file.label());
        if (file.kind() == PhoneFile.Kind.CA_PEM && file.orgSlug().isPresent()) {
            caCertificate(call);
        } else {
            call.authenticate(file.perDevice(), (a, ctx) -> allowed(call, file, a, ctx));
        }
    }

    /**
     * A CA certificate is public and the phone fetches it before it trusts us: no credentials needed when the URL
     * names the organization.
     */
    private void caCertificate(PhoneCall call) {
        Context ctx = Vertx.currentContext();
        call.pinnedOrganization().whenComplete((org, failure) -> PhoneHttp.onContext(ctx, () -> {
            if (failure != null) {
                call.error(Optional.empty(), failure);
                return;
            }
            Optional<String> orgId = org.map(o -> o.id().toString());
            Optional<String> pem = org.map(o -> o.caCertificate()).filter(s -> s != null && !s.isBlank());
            if (pem.isEmpty()) {
                call.finish(404, Outcome.NOT_FOUND, orgId, Optional.empty(), null, "no CA certificate");
            } else {
                send(call, orgId, Optional.empty(),
                        RenderedFile.of(pem.get().getBytes(StandardCharsets.UTF_8), RenderedFile.PEM));
            }
        }));
    }

    private void allowed(PhoneCall call, PhoneFile file, GateResult.Allowed a, Context ctx) {
        Optional<String> org = Optional.of(a.org().id().toString());
        files.file(file, a).whenComplete((rendered, e) -> PhoneHttp.onContext(ctx, () -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RenderException) {
                LOG.warnf("cannot render %s for organization %s: %s", file.label(), a.org().slug(),
                        cause.getMessage());
                call.finish(503, Outcome.RENDER_ERROR, org, a.mac(), null, cause.getMessage());
            } else if (cause != null) {
                call.error(org, cause);
            } else if (rendered.isEmpty()) {
                call.finish(404, Outcome.NOT_FOUND, org, a.mac(), null, "no such file");
            } else {
                if (file.kind() == PhoneFile.Kind.MAC_CFG && file.variant() != PhoneFile.Variant.SECURITY_KEY) {
                    // the same versions the file was cached under (ConfigFiles.FileKey)
                    call.renderedFrom(Math.max(a.org().version(), a.device().map(DeviceView::version).orElse(0L)));
                }
                send(call, org, a.mac(), rendered.get());
            }
        }));
    }

    private void send(PhoneCall call, Optional<String> org, Optional<MacAddress> mac, RenderedFile body) {
        HttpServerResponse res = call.response();
        res.putHeader(HttpHeaders.ETAG, body.etag());
        res.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (PhoneHttp.matches(call.rc().request().getHeader(HttpHeaders.IF_NONE_MATCH), body.etag())) {
            res.setStatusCode(304).end();
            call.activity(304, Outcome.NOT_MODIFIED, org, mac, body.md5(), null);
            return;
        }
        res.putHeader(HttpHeaders.CONTENT_TYPE, body.contentType());
        if (call.rc().request().method() == HttpMethod.HEAD) {
            res.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.body().length));
            res.setStatusCode(200).end();
        } else {
            res.setStatusCode(200).end(Buffer.buffer(body.body()));
        }
        call.activity(200, Outcome.SUCCESS, org, mac, body.md5(), null);
    }
}
