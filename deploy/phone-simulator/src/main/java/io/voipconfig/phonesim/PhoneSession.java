package io.voipconfig.phonesim;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * One simulated phone's HTTP state: its User-Agent, credentials, and the challenge (and nonce count) per server, as
 * firmware keeps them — a nonce is reused with a counting {@code nc} until the server challenges again.
 */
public final class PhoneSession {

    private final HttpClient client;
    private final Duration timeout;
    final String userAgent;
    final Stats stats;
    String user;
    String password;
    final Map<String, Digest.Challenge> challenges = new HashMap<>();
    final Map<String, AtomicInteger> counts = new HashMap<>();

    PhoneSession(HttpClient client, Duration timeout, String userAgent, Stats stats) {
        this.client = client;
        this.timeout = timeout;
        this.userAgent = userAgent;
        this.stats = stats;
    }

    /** GET a file the way the phone does; fails with the kind and the status when it does not end in 200. */
    Future<Buffer> fetch(String url, String kind, boolean auth) {
        long start = System.nanoTime();
        URI uri = URI.create(url);
        String server = uri.getHost() + ":" + uri.getPort();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Digest.Challenge known = auth ? challenges.get(server) : null;
        String header = known == null ? null : authorize(server, known, path);
        return send(url, header, kind, start).compose(r -> {
            if (r.status() != 401 || !auth || user == null) {
                return Future.succeededFuture(r);
            }
            Digest.Challenge c = Digest.choose(Digest.parse(r.challenges()));
            if (c == null) {
                return Future.failedFuture(new Storm.PhoneFailure(kind + ": 401 without a usable challenge"));
            }
            challenges.put(server, c);
            counts.put(server, new AtomicInteger());
            return send(url, authorize(server, c, path), kind, start);
        }).compose(r -> {
            if (r.status() != 200) {
                return Future.failedFuture(new Storm.PhoneFailure(kind + ": HTTP " + r.status()));
            }
            stats.file(kind, (System.nanoTime() - start) / 1000);
            return Future.succeededFuture(r.body());
        });
    }

    private String authorize(String server, Digest.Challenge c, String path) {
        return Digest.authorization(c, "GET", path, user, password, counts.get(server).incrementAndGet());
    }

    Future<Storm.Reply> send(String url, String authorization, String kind, long start) {
        stats.request();
        Future<Storm.Reply> reply;
        try {
            RequestOptions req = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                    .setIdleTimeout(timeout.toMillis()).putHeader("User-Agent", userAgent);
            if (authorization != null) {
                req.putHeader("Authorization", authorization);
            }
            reply = client.request(req).compose(r -> r.send()).compose(resp -> resp.body()
                    .map(body -> new Storm.Reply(resp.statusCode(), resp.headers().getAll("WWW-Authenticate"), body)));
        } catch (RuntimeException e) {
            reply = Future.failedFuture(e);
        }
        return reply.recover(e -> Future.failedFuture(e instanceof Storm.PhoneFailure
                ? e
                : new Storm.PhoneFailure(kind + ": " + Storm.reason(e))));
    }
}
