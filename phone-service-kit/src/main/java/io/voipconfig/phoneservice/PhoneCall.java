package io.voipconfig.phoneservice;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import org.jboss.logging.Logger;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.GateResult;
import io.voipconfig.common.phone.OrgView;
import io.voipconfig.common.phone.PhoneRequest;
import io.voipconfig.common.useragent.YealinkUserAgent;

/**
 * One phone request to a phone-facing service, from its arrival to its activity event: the {@link PhoneRequest} for the
 * gate, terse refusals, and exactly one activity event (and one meter record) however it ends. Started by
 * {@link PhoneCalls#begin}; everything after the gate's answer runs on the request's event loop.
 */
public final class PhoneCall {

    private static final Logger LOG = Logger.getLogger(PhoneCall.class);

    private final RoutingContext rc;
    private final PhoneRequest phone;
    private final String path;
    private final String file;
    private final long start = System.nanoTime();
    private final PhoneCalls calls;
    private Long configVersion;
    private GateResult.Allowed allowed;

    PhoneCall(RoutingContext rc, PhoneRequest phone, String file, PhoneCalls calls) {
        this.rc = rc;
        this.phone = phone;
        this.path = PhoneHttp.truncate(rc.request().path(), 255);
        this.file = file;
        this.calls = calls;
    }

    public PhoneRequest phone() {
        return phone;
    }

    public RoutingContext rc() {
        return rc;
    }

    public HttpServerResponse response() {
        return rc.response();
    }

    public String path() {
        return path;
    }

    /**
     * Asks the gate and continues on the request's event loop: a refusal or a failure is answered here, an allowed
     * phone goes on to {@code allowed} (with that event loop's context, for later hops back onto it).
     */
    public void authenticate(boolean deviceRequired, BiConsumer<GateResult.Allowed, Context> allowed) {
        Context ctx = Vertx.currentContext();
        calls.gate().check(phone, deviceRequired).whenComplete((result, failure) -> PhoneHttp.onContext(ctx, () -> {
            if (failure != null) {
                error(Optional.empty(), failure);
            } else if (result instanceof GateResult.Denied d) {
                denied(d);
            } else {
                this.allowed = (GateResult.Allowed) result;
                allowed.accept(this.allowed, ctx);
            }
        }));
    }

    /**
     * The organization the {@code /o/{slug}/} prefix names as seen under the request's host name, for what needs no
     * credentials; absent when unknown or another partner's. Such a request stays unauthenticated: its activity is a
     * security event, never the device's presence.
     */
    public CompletableFuture<Optional<OrgView>> pinnedOrganization() {
        return calls.gate().pinnedOrganization(phone);
    }

    /** The gate's refusal: its status, challenges or Retry-After, and its activity event. */
    private void denied(GateResult.Denied d) {
        HttpServerResponse res = rc.response();
        if (d.status() == 401) {
            d.challenges().forEach(c -> res.headers().add("WWW-Authenticate", c));
        } else if (d.status() == 429) {
            res.putHeader("Retry-After", calls.retryAfterSeconds());
        }
        finish(d.status(), d.outcome(), d.organizationId(), d.mac(), null, d.detail());
    }

    /** A terse plain-text answer and its activity event. */
    public void finish(int status, Outcome outcome, Optional<String> org, Optional<MacAddress> mac, String md5,
            String detail) {
        PhoneHttp.plain(rc.response(), status);
        activity(status, outcome, org, mac, md5, detail);
    }

    /** A failure: 503 if nothing was sent yet; a reset connection if the body had begun (never a truncated file). */
    public void error(Optional<String> org, Throwable failure) {
        HttpServerResponse res = rc.response();
        if (res.headWritten()) {
            LOG.warnf("%s cut short: %s", path, failure.toString());
            res.reset();
            activity(500, Outcome.SERVER_ERROR, org, Optional.empty(), null, failure.getClass().getSimpleName());
            return;
        }
        LOG.errorf(failure, "failed to serve %s", path);
        finish(503, Outcome.SERVER_ERROR, org, Optional.empty(), null, failure.getClass().getSimpleName());
    }

    /**
     * Marks the answer as the device's configuration rendered from data up to {@code version} (the newest aggregate
     * version among its inputs); the activity event carries it, so portal-api can tell whether the phone is current.
     */
    public PhoneCall renderedFrom(long version) {
        this.configVersion = version;
        return this;
    }

    /**
     * The one activity event of this request (for a 429, only the first of its address and limit in the window); the
     * device is the one named, else the path's, else the User-Agent's.
     * An answer to a phone that used older credentials (a rotation, a move) says so when it has no other detail.
     */
    public void activity(int status, Outcome outcome, Optional<String> org, Optional<MacAddress> mac, String md5,
            String detail) {
        calls.record(file, outcome.name(), System.nanoTime() - start);
        if (outcome == Outcome.THROTTLED && !calls.firstRefusal(phone.clientIp(), detail)) {
            return; // one event per address, limit and window (PhoneThrottle#firstRefusal)
        }
        Optional<YealinkUserAgent> ua = YealinkUserAgent.parse(phone.userAgent());
        Optional<MacAddress> who = mac.or(phone::pathMac).or(() -> ua.flatMap(YealinkUserAgent::mac));
        boolean served = outcome == Outcome.SUCCESS || outcome == Outcome.NOT_MODIFIED;
        String note = detail != null || allowed == null ? detail : allowed.credentials().note();
        calls.activity().publish(new ProvisioningActivity(UUID.randomUUID(), Instant.now(), calls.service(),
                org.orElse(null), who.map(MacAddress::value).orElse(null), phone.clientIp(),
                PhoneHttp.truncate(phone.userAgent(), 512), ua.map(YealinkUserAgent::model).orElse(null),
                ua.map(YealinkUserAgent::firmware).orElse(null), path, outcome, status, md5, note,
                served ? configVersion : null,
                served && allowed != null ? allowed.credentialsGeneration() : null, allowed != null));
    }
}
