package io.voipconfig.phonebook.rest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.GateResult;
import io.voipconfig.phonebook.config.PhonebookServiceConfig;
import io.voipconfig.phonebook.service.PhonebookStore;
import io.voipconfig.phonebook.service.PhonebookStore.Book;
import io.voipconfig.phonebook.service.PhonebookStore.Contact;
import io.voipconfig.phonebook.service.PhonebookStore.Cursor;
import io.voipconfig.phonebook.service.PhonebookXml;
import io.voipconfig.phonebook.service.PhonebookXml.Dialect;
import io.voipconfig.phonebook.service.StreamsPerAddress;
import io.voipconfig.phoneservice.CacheBudget;
import io.voipconfig.phoneservice.PhoneCall;
import io.voipconfig.phoneservice.PhoneCalls;
import io.voipconfig.phoneservice.PhoneHttp;

/**
 * {@code GET|HEAD /phonebook/pb-<type>-<id>.xml} (also under {@code /o/<slug>/}), on the Vert.x router directly.
 *
 * <p>A phonebook is served only to an authenticated phone whose device belongs to the phonebook's organization and is
 * linked to it; anything else is 404 with an activity event saying why. Small phonebooks are rendered once per version
 * and dialect and kept; large ones are streamed page by page, so memory stays flat whatever their size, and no
 * database connection waits on a slow phone. The ETag is the phonebook's version (bytes are a function of it), so a 304 needs no rendering.
 */
@ApplicationScoped
public class PhonebookRoutes {

    static final String ROUTE_REGEX = "^(?:/o/[^/]{1,63})?/phonebook/[^/]{1,64}$";
    static final Pattern PATH = Pattern
            .compile(
                    "(?:/o/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?))?/phonebook/pb-([a-z]{1,16})-([1-9][0-9]{0,17})\\.xml");
    static final String CONTENT_TYPE = "application/xml; charset=utf-8";
    private static final int CHUNK = 64 * 1024;

    record CacheKey(long id, long version, Dialect dialect) {
    }

    record Body(byte[] bytes, String md5) {
    }

    private final PhoneCalls calls;
    private final PhonebookStore store;
    private final PhonebookServiceConfig.Phonebooks settings;
    private final Cache<CacheKey, Body> cache;
    private final StreamsPerAddress streams;
    /** Phonebook versions known to be too large to keep: their streams count towards the per-address limit. */
    private final Cache<CacheKey, Boolean> large = Caffeine.newBuilder().maximumSize(10_000).build();

    public PhonebookRoutes(PhoneCalls calls, PhonebookStore store, PhonebookServiceConfig config, CacheBudget budget,
            MeterRegistry registry) {
        this.streams = new StreamsPerAddress(config.phonebooks().maxStreamsPerAddress());
        this.calls = calls;
        this.store = store;
        this.settings = config.phonebooks();
        this.cache = Caffeine.newBuilder().maximumWeight(settings.cacheTotalBytes().orElse(budget.filesBytes()))
                .weigher((CacheKey k, Body b) -> b.bytes().length).recordStats().build();
        CacheBudget.monitor(registry, "phonebook.bodies", cache);
    }

    void routes(@Observes Router router) {
        calls.route(router, ROUTE_REGEX, this::handle);
    }

    void handle(RoutingContext rc) {
        calls.beginOnPath(rc, PATH, "phonebook").ifPresent(on -> handle(rc.request(), on.call(), on.path()));
    }

    private void handle(HttpServerRequest req, PhoneCall call, Matcher m) {
        Optional<Dialect> dialect = Dialect.of(m.group(2));
        if (dialect.isEmpty()) {
            call.finish(404, Outcome.NOT_FOUND, Optional.empty(), Optional.empty(), null,
                    "unknown phonebook type '" + m.group(2) + "' (yealink or directory)");
            return;
        }
        long id = Long.parseLong(m.group(3));
        String q = req.getParam("q");
        if (q != null && (q.isBlank() || q.equals("#SEARCH"))) {
            q = null; // the phone sent its search URL without a term
        }
        if (q != null && q.length() > 64) {
            call.finish(400, Outcome.BAD_REQUEST, Optional.empty(), Optional.empty(), null, "search term too long");
            return;
        }
        String search = q;
        call.authenticate(true, (a, ctx) -> allowed(call, a, id, dialect.get(), search));
    }

    private void allowed(PhoneCall call, GateResult.Allowed a, long id, Dialect dialect, String q) {
        Optional<String> org = Optional.of(a.org().id().toString());
        MacAddress mac = a.mac().orElseThrow(); // the gate answers 404 for a request without a device
        store.book(id, mac).subscribe().with(found -> {
            if (found.isEmpty() || !found.get().organizationId().equals(a.org().id())) {
                call.finish(404, Outcome.NOT_FOUND, org, a.mac(), null,
                        "no phonebook " + id + " in this organization");
                return;
            }
            Book book = found.get();
            if (!book.deviceAllowed()) {
                call.finish(404, Outcome.FORBIDDEN, org, a.mac(), null,
                        "device " + mac.value() + " may not read phonebook " + id);
                return;
            }
            String etag = etag(book.id(), book.version(), dialect, q);
            HttpServerResponse res = call.rc().response();
            res.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
            Body cached = q == null ? cache.getIfPresent(new CacheKey(id, book.version(), dialect)) : null;
            if (PhoneHttp.matches(call.rc().request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
                res.putHeader(HttpHeaders.ETAG, etag);
                res.setStatusCode(304).end();
                call.activity(304, Outcome.NOT_MODIFIED, org, a.mac(), cached == null ? null : cached.md5(), null);
                return;
            }
            if (cached != null) {
                send(call, org, a.mac(), etag, cached);
            } else if (q != null) {
                store.search(id, q, settings.searchLimit()).subscribe().with(
                        contacts -> send(call, org, a.mac(), etag, render(book, dialect, contacts)),
                        e -> call.error(org, e));
            } else {
                stream(call, org, a.mac(), book, dialect);
            }
        }, e -> call.error(org, e));
    }

    private static Body render(Book book, Dialect dialect, List<Contact> contacts) {
        StringBuilder out = new StringBuilder();
        PhonebookXml xml = new PhonebookXml(dialect, book.name(), out);
        xml.start();
        contacts.forEach(c -> xml.entry(c.name(), c.group(), c.phones()));
        xml.end();
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        return new Body(bytes, HexFormat.of().formatHex(md5().digest(bytes)));
    }

    private void send(PhoneCall call, Optional<String> org, Optional<MacAddress> mac, String etag, Body body) {
        HttpServerResponse res = call.rc().response();
        res.putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
        if (call.rc().request().method() == HttpMethod.HEAD) {
            res.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.bytes().length)).setStatusCode(200).end();
        } else {
            res.setStatusCode(200).end(Buffer.buffer(body.bytes()));
        }
        call.activity(200, Outcome.SUCCESS, org, mac, body.md5(), null);
    }

    /**
     * Streams the phonebook {@value PhonebookStore#BATCH} contacts per query, writing 64 KiB chunks and waiting for
     * the socket to drain; keeps the bytes for the cache only while they fit. No connection is held while waiting on
     * the phone: each page is one statement that also reads the phonebook's version, and a page of another version
     * (the phonebook changed meanwhile) cuts the connection, so the phone never keeps a file mixed from two versions
     * and asks again. At most {@code max-streams-per-address} streams of phonebooks too large to keep per client
     * address at once; more get 429.
     */
    private void stream(PhoneCall call, Optional<String> org, Optional<MacAddress> mac, Book book, Dialect dialect) {
        String address = call.phone().clientIp();
        HttpServerResponse res = call.rc().response();
        CacheKey key = new CacheKey(book.id(), book.version(), dialect);
        // Only phonebooks too large to keep count: the first fetches of a small one's new version stream too, and a
        // site's phones behind one address may all ask at once after a change.
        boolean counted = large.getIfPresent(key) != null;
        if (counted && !streams.tryOpen(address)) {
            res.putHeader(HttpHeaders.RETRY_AFTER, "10");
            call.finish(429, Outcome.THROTTLED, org, mac, null, "too many phonebook streams from this address");
            return;
        }
        boolean head = call.rc().request().method() == HttpMethod.HEAD;
        Stream s = new Stream(res, head, md5(), new StringBuilder(), key);
        store.page(book.id(), null).flatMap(first -> {
            if (first.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            long v = first.get().version();
            res.putHeader(HttpHeaders.ETAG, etag(book.id(), v, dialect, null))
                    .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE).setChunked(!head).setStatusCode(200);
            PhonebookXml xml = new PhonebookXml(dialect, book.name(), s.out);
            xml.start();
            return pages(book.id(), v, first.get().contacts(), xml, s).map(x -> {
                xml.end();
                return true;
            }).call(x -> flush(s, true))
                    .invoke(x -> {
                        if (s.keeping) {
                            byte[] bytes = s.kept.toByteArray();
                            cache.put(new CacheKey(book.id(), v, dialect),
                                    new Body(bytes, HexFormat.of().formatHex(md5().digest(bytes))));
                        }
                    });
        }).eventually(() -> {
            if (counted) {
                streams.close(address);
            }
        }).subscribe().with(found -> {
            if (!found) {
                call.finish(404, Outcome.NOT_FOUND, org, mac, null, "phonebook " + book.id() + " was deleted");
                return;
            }
            res.end();
            call.activity(200, Outcome.SUCCESS, org, mac, HexFormat.of().formatHex(s.digest.digest()), null);
        }, e -> call.error(org, e));
    }

    /** One stream's state: where it writes, what it has written (MD5, and the bytes while they may be cached). */
    private final class Stream {

        final HttpServerResponse res;
        final boolean head;
        final MessageDigest digest;
        final StringBuilder out;
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        final CacheKey key;
        boolean keeping = true;

        Stream(HttpServerResponse res, boolean head, MessageDigest digest, StringBuilder out, CacheKey key) {
            this.key = key;
            this.res = res;
            this.head = head;
            this.digest = digest;
            this.out = out;
        }
    }

    /** The phonebook changed between two pages of a stream: the phone must not keep what it got. */
    static final class PhonebookChangedWhileStreamed extends IllegalStateException {

        PhonebookChangedWhileStreamed(long id) {
            super("phonebook " + id + " changed while it was streamed");
        }
    }

    /** Writes {@code contacts}, then reads and writes the pages after them while the phonebook is at {@code version}. */
    private Uni<Void> pages(long id, long version, List<Contact> contacts, PhonebookXml xml, Stream s) {
        for (Contact c : contacts) {
            xml.entry(c.name(), c.group(), c.phones());
        }
        Uni<Void> written = s.out.length() >= CHUNK ? flush(s, false) : Uni.createFrom().voidItem();
        if (contacts.size() < PhonebookStore.BATCH) {
            return written;
        }
        Contact last = contacts.get(contacts.size() - 1);
        return written.flatMap(v -> store.page(id, new Cursor(last.group(), last.name(), last.id())))
                .flatMap(next -> {
                    if (next.isEmpty() || next.get().version() != version) {
                        return Uni.createFrom().failure(new PhonebookChangedWhileStreamed(id));
                    }
                    return pages(id, version, next.get().contacts(), xml, s);
                });
    }

    /** Writes what is buffered; completes when the socket can take more. Fails if the phone went away. */
    private Uni<Void> flush(Stream s, boolean last) {
        StringBuilder out = s.out;
        HttpServerResponse res = s.res;
        if (out.length() == 0) {
            return Uni.createFrom().voidItem();
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        out.setLength(0);
        s.digest.update(bytes);
        if (s.keeping) {
            if (s.kept.size() + bytes.length <= settings.cacheMaxBytes()) {
                s.kept.writeBytes(bytes);
            } else {
                s.keeping = false;
                s.kept.reset();
                large.put(s.key, Boolean.TRUE);
            }
        }
        if (s.head) {
            return Uni.createFrom().voidItem();
        }
        if (res.closed()) {
            return Uni.createFrom().failure(new IllegalStateException("the phone closed the connection"));
        }
        res.write(Buffer.buffer(bytes));
        if (!res.writeQueueFull() || last) {
            return Uni.createFrom().voidItem();
        }
        // a phone that goes away while the stream waits on it ends the stream (and frees its slot) instead of leaving it
        return Uni.createFrom().emitter(em -> {
            res.drainHandler(v -> em.complete(null));
            res.closeHandler(v -> em.fail(new IllegalStateException("the phone closed the connection")));
        });
    }

    static String etag(long id, long version, Dialect dialect, String q) {
        String base = "pb" + id + "-" + version + "-" + dialect.urlName();
        if (q != null) {
            base += "-q" + HexFormat.of().formatHex(md5().digest(q.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        }
        return "\"" + base + "\"";
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
