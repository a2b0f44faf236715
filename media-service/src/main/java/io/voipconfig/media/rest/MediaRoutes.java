package io.voipconfig.media.rest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voipconfig.common.catalog.PhoneModel;
import io.voipconfig.common.catalog.PhoneModel.ScreenSize;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.phone.DeviceView;
import io.voipconfig.common.phone.GateResult;
import io.voipconfig.common.useragent.YealinkUserAgent;
import io.voipconfig.media.config.MediaServiceConfig;
import io.voipconfig.media.service.MediaStore;
import io.voipconfig.media.service.MediaStore.Meta;
import io.voipconfig.media.service.WallpaperFitter;
import io.voipconfig.phoneservice.CacheBudget;
import io.voipconfig.phoneservice.PhoneCall;
import io.voipconfig.phoneservice.PhoneCalls;
import io.voipconfig.phoneservice.PhoneHttp;

/**
 * {@code GET|HEAD /media/<name>} (also under {@code /o/<slug>/}): the media of the authenticated phone's organization.
 * Wallpapers are fitted to the phone's screen (its device's model, else the User-Agent's) and kept per size; the
 * original is served when no model is known. Small files are kept in memory; large ones are streamed from the
 * database in chunks. ETags, 304, HEAD and single byte ranges (206/416).
 */
@ApplicationScoped
public class MediaRoutes {

    static final String ROUTE_REGEX = "^(?:/o/[^/]{1,63})?/media/[^/]{1,200}$";
    static final Pattern PATH = Pattern
            .compile("(?:/o/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?))?/media/([A-Za-z0-9][A-Za-z0-9._-]{0,127})");

    record CacheKey(UUID organizationId, String name, long version, int width, int height) {
    }

    record Body(byte[] bytes, String contentType, String md5) {
    }

    private final PhoneCalls calls;
    private final MediaStore store;
    private final MediaServiceConfig.Media settings;
    private final Cache<CacheKey, Body> cache;
    private final Map<CacheKey, CompletableFuture<Optional<Body>>> inFlight = new ConcurrentHashMap<>();
    /** Wallpapers that cannot be fitted, with why: answered at once, never decoded again (until they change). */
    private final Cache<CacheKey, String> unusable = Caffeine.newBuilder().maximumSize(10_000).build();
    private final Counter loads;
    private final Counter refusedImages;

    public MediaRoutes(PhoneCalls calls, MediaStore store, MediaServiceConfig config, CacheBudget budget,
            MeterRegistry registry) {
        this.calls = calls;
        this.store = store;
        this.settings = config.media();
        this.cache = Caffeine.newBuilder().maximumWeight(settings.cacheTotalBytes().orElse(budget.filesBytes()))
                .weigher((CacheKey k, Body b) -> b.bytes().length).recordStats().build();
        CacheBudget.monitor(registry, "media.bodies", cache);
        this.loads = registry.counter("voipconfig.media.loads");
        this.refusedImages = registry.counter("voipconfig.media.unusable.images");
    }

    void routes(@Observes Router router) {
        calls.route(router, ROUTE_REGEX, this::handle);
    }

    void handle(RoutingContext rc) {
        calls.beginOnPath(rc, PATH, "media").ifPresent(on -> {
            String name = on.path().group(2);
            on.call().authenticate(false, (a, ctx) -> allowed(on.call(), a, name, ctx));
        });
    }

    private void allowed(PhoneCall call, GateResult.Allowed a, String name, Context ctx) {
        Optional<String> org = Optional.of(a.org().id().toString());
        store.meta(a.org().id(), name).subscribe().with(found -> {
            if (found.isEmpty()) {
                call.finish(404, Outcome.NOT_FOUND, org, a.mac(), null, "no media '" + name + "'");
                return;
            }
            Meta meta = found.get();
            Optional<String> modelName = a.device().map(DeviceView::model)
                    .or(() -> a.userAgent().map(YealinkUserAgent::model));
            store.catalog().whenComplete((catalog, failure) -> PhoneHttp.onContext(ctx, () -> {
                if (failure != null) {
                    call.error(org, failure);
                    return;
                }
                Optional<ScreenSize> screen = "WALLPAPER".equals(meta.kind())
                        ? modelName.flatMap(catalog::byName).flatMap(PhoneModel::screen)
                        : Optional.empty();
                serve(call, a, org, meta, screen, ctx);
            }));
        }, e -> call.error(org, e));
    }

    private void serve(PhoneCall call, GateResult.Allowed a, Optional<String> org, Meta meta,
            Optional<ScreenSize> screen,
            Context ctx) {
        String etag = "\"" + meta.sha256().substring(0, 32)
                + screen.map(s -> "-" + s.width() + "x" + s.height()).orElse("") + "\"";
        HttpServerResponse res = call.rc().response();
        res.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").putHeader("Accept-Ranges", "bytes");
        if (PhoneHttp.matches(call.rc().request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            res.putHeader(HttpHeaders.ETAG, etag).setStatusCode(304).end();
            call.activity(304, Outcome.NOT_MODIFIED, org, a.mac(), null, null);
            return;
        }
        CacheKey key = new CacheKey(meta.organizationId(), meta.name(), meta.version(),
                screen.map(ScreenSize::width).orElse(0), screen.map(ScreenSize::height).orElse(0));
        Body cached = cache.getIfPresent(key);
        String refusal = unusable.getIfPresent(key);
        if (refusal != null) {
            call.finish(404, Outcome.NOT_FOUND, org, a.mac(), null, "wallpaper unusable: " + refusal);
        } else if (cached != null) {
            send(call, a, org, etag, cached);
        } else if (screen.isEmpty() && meta.size() > settings.cacheMaxBytes()) {
            stream(call, a, org, etag, meta);
        } else {
            // One load per key at a time: a storm's first requests for a wallpaper size share one read and one fit
            // instead of each holding its own decoded image (which ran a 256 MB heap out of memory).
            CompletableFuture<Optional<Body>> mine = new CompletableFuture<>();
            CompletableFuture<Optional<Body>> loading = inFlight.putIfAbsent(key, mine);
            if (loading == null) {
                loading = mine;
                // A load that finished between the cache miss above and this claim has put its body already.
                Body loaded = cache.getIfPresent(key);
                if (loaded != null) {
                    mine.complete(Optional.of(loaded));
                } else {
                    load(meta, screen, ctx, mine);
                }
                mine.whenComplete((body, e) -> {
                    if (body != null && body.isPresent()) {
                        cache.put(key, body.get());
                    } else if (e instanceof WallpaperFitter.UnusableImage u) {
                        refusedImages.increment();
                        unusable.put(key, u.getMessage());
                    }
                    inFlight.remove(key, mine);
                });
            }
            loading.whenComplete((body, e) -> PhoneHttp.onContext(ctx, () -> {
                if (e instanceof WallpaperFitter.UnusableImage u) {
                    call.finish(404, Outcome.NOT_FOUND, org, a.mac(), null, "wallpaper unusable: " + u.getMessage());
                } else if (e != null) {
                    call.error(org, e);
                } else if (body.isEmpty()) {
                    call.finish(404, Outcome.NOT_FOUND, org, a.mac(), null, "media changed while read; ask again");
                } else {
                    send(call, a, org, etag, body.get());
                }
            }));
        }
    }

    /** Reads the media and, for a screen, fits it (on a worker thread); empty when it changed while read. */
    private void load(Meta meta, Optional<ScreenSize> screen, Context ctx, CompletableFuture<Optional<Body>> into) {
        loads.increment();
        store.content(meta).subscribe().with(bytes -> {
            if (bytes.isEmpty()) {
                into.complete(Optional.empty());
            } else if (screen.isEmpty()) {
                into.complete(Optional.of(new Body(bytes.get(), meta.contentType(), md5(bytes.get()))));
            } else {
                ScreenSize s = screen.get();
                ctx.owner().<Body>executeBlocking(() -> WallpaperFitter
                        .fit(bytes.get(), meta.contentType(), s.width(), s.height(), settings.maxImageSide())
                        .map(f -> new Body(f.bytes(), f.contentType(), md5(f.bytes())))
                        .orElseGet(() -> new Body(bytes.get(), meta.contentType(), md5(bytes.get()))), false)
                        .onComplete(done -> {
                            if (done.failed()) {
                                into.completeExceptionally(done.cause());
                            } else {
                                into.complete(Optional.of(done.result()));
                            }
                        });
            }
        }, into::completeExceptionally);
    }

    private void send(PhoneCall call, GateResult.Allowed a, Optional<String> org, String etag, Body body) {
        HttpServerResponse res = call.rc().response();
        long size = body.bytes().length;
        res.putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.CONTENT_TYPE, body.contentType());
        Optional<ByteRange> range = ByteRange.parse(call.rc().request().getHeader("Range"), size);
        if (range.isPresent() && range.get() == ByteRange.UNSATISFIABLE) {
            res.putHeader("Content-Range", "bytes */" + size);
            call.finish(416, Outcome.BAD_REQUEST, org, a.mac(), null, "unsatisfiable range");
            return;
        }
        boolean head = call.rc().request().method() == HttpMethod.HEAD;
        if (range.isPresent()) {
            ByteRange r = range.get();
            res.putHeader("Content-Range", "bytes " + r.start() + "-" + r.end() + "/" + size).setStatusCode(206);
            byte[] part = Arrays.copyOfRange(body.bytes(), (int) r.start(), (int) r.end() + 1);
            if (head) {
                res.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(r.length())).end();
            } else {
                res.end(Buffer.buffer(part));
            }
            call.activity(206, Outcome.SUCCESS, org, a.mac(), null, "bytes " + r.start() + "-" + r.end());
            return;
        }
        res.setStatusCode(200);
        if (head) {
            res.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(size)).end();
        } else {
            res.end(Buffer.buffer(body.bytes()));
        }
        call.activity(200, Outcome.SUCCESS, org, a.mac(), body.md5(), null);
    }

    /** A large original, chunk by chunk from the database, waiting for the socket to drain between chunks. */
    private void stream(PhoneCall call, GateResult.Allowed a, Optional<String> org, String etag, Meta meta) {
        HttpServerResponse res = call.rc().response();
        long size = meta.size();
        Optional<ByteRange> range = ByteRange.parse(call.rc().request().getHeader("Range"), size);
        res.putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.CONTENT_TYPE, meta.contentType());
        if (range.isPresent() && range.get() == ByteRange.UNSATISFIABLE) {
            res.putHeader("Content-Range", "bytes */" + size);
            call.finish(416, Outcome.BAD_REQUEST, org, a.mac(), null, "unsatisfiable range");
            return;
        }
        ByteRange r = range.orElse(new ByteRange(0, size - 1));
        res.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(r.length()));
        if (range.isPresent()) {
            res.putHeader("Content-Range", "bytes " + r.start() + "-" + r.end() + "/" + size).setStatusCode(206);
        } else {
            res.setStatusCode(200);
        }
        if (call.rc().request().method() == HttpMethod.HEAD) {
            res.end();
            call.activity(res.getStatusCode(), Outcome.SUCCESS, org, a.mac(), null, null);
            return;
        }
        MessageDigest digest = digest();
        chunks(meta, r.start(), r.end(), res, digest).subscribe().with(v -> {
            res.end();
            call.activity(res.getStatusCode(), Outcome.SUCCESS, org, a.mac(),
                    range.isPresent() ? null : HexFormat.of().formatHex(digest.digest()),
                    range.map(x -> "bytes " + x.start() + "-" + x.end()).orElse(null));
        }, e -> call.error(org, e));
    }

    private Uni<Void> chunks(Meta meta, long from, long to, HttpServerResponse res, MessageDigest digest) {
        if (from > to) {
            return Uni.createFrom().voidItem();
        }
        int length = (int) Math.min(settings.chunkBytes(), to - from + 1);
        return store.chunk(meta, from, length).flatMap(bytes -> {
            if (bytes.isEmpty() || bytes.get().length != length) {
                return Uni.createFrom().failure(new IllegalStateException("media changed while streaming"));
            }
            if (res.closed()) {
                return Uni.createFrom().failure(new IllegalStateException("the phone closed the connection"));
            }
            digest.update(bytes.get());
            res.write(Buffer.buffer(bytes.get()));
            Uni<Void> drained = res.writeQueueFull()
                    ? Uni.createFrom().emitter(em -> res.drainHandler(v -> em.complete(null)))
                    : Uni.createFrom().voidItem();
            return drained.flatMap(v -> chunks(meta, from + length, to, res, digest));
        });
    }

    static String md5(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
