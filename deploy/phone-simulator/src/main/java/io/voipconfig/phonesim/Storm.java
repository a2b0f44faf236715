package io.voipconfig.phonesim;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * A fleet of simulated phones. Each phone does what a Yealink phone does after a factory reset: asks RPS (the
 * simulator's {@code /sim/where}) where to go, fetches the CA certificate, the boot file (401, then the credentials RPS
 * gave it — Digest or Basic, as challenged; the nonce is then reused with a counting {@code nc}, as firmware does), the
 * files the boot file includes (common file, MAC file), then every resource the MAC file names (phonebooks, wallpaper,
 * ringtone), and computes the MD5 of each. Phones start evenly over the ramp-up, at most {@code concurrency} at once.
 *
 * <p>Each phone remembers the provisioning server and credentials its last common file gave it
 * ({@code static.auto_provision.server.*}), as a Yealink phone applies them; {@link #rerun} lets the fleet check in as
 * phones in service do, with what they hold and without asking RPS again.
 */
public final class Storm implements AutoCloseable {

    /** What to run. */
    public record Options(
            int phones,
            int concurrency,
            Duration rampUp,
            Models models,
            String macPrefix,
            String rpsUrl,
            Duration timeout,
            StaticFiles statics) {

        /** Against the suite, keeping nothing (see {@link StaticFiles}). */
        public Options(int phones, int concurrency, Duration rampUp, Models models, String macPrefix, String rpsUrl,
                Duration timeout) {
            this(phones, concurrency, rampUp, models, macPrefix, rpsUrl, timeout, StaticFiles.none());
        }
    }

    /** A finished pass: statistics, and per phone the MD5 of every file it fetched (null: the phone failed). */
    public record Pass(Stats stats, Map<Integer, Map<String, String>> files, double seconds) {

        public long completed() {
            return stats.completed.sum();
        }

        public long failed() {
            return stats.failed.sum();
        }

        public long requests() {
            return stats.requests.sum();
        }

        /**
         * Phones that completed both passes with different files (any MD5 changed, a file more or less). A phone
         * that failed in either pass is not counted: it keeps its configuration and asks again; {@link #failed()}
         * counts it.
         */
        public long wouldReboot(Pass before) {
            long n = 0;
            for (int i = 0; i < files.size(); i++) {
                if (differs(i, before)) {
                    n++;
                }
            }
            return n;
        }

        /** Phone {@code i} completed this pass and {@code before} with different files. */
        private boolean differs(int i, Pass before) {
            Map<String, String> now = files.get(i);
            Map<String, String> then = before.files.get(i);
            return now != null && then != null && !now.equals(then);
        }

        /**
         * What {@link #wouldReboot} counted, phone by phone (at most {@code limit}): which file appeared, disappeared
         * or changed its MD5 — what a test needs to say when a phone would reboot.
         */
        public List<String> differences(Pass before, int limit) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < files.size() && out.size() < limit; i++) {
                if (differs(i, before)) {
                    Map<String, String> now = files.get(i);
                    Map<String, String> then = before.files.get(i);
                    List<String> what = new ArrayList<>();
                    then.forEach((url, md5) -> {
                        if (!now.containsKey(url)) {
                            what.add("no longer fetched " + url);
                        } else if (!now.get(url).equals(md5)) {
                            what.add("MD5 of " + url + " " + md5 + " -> " + now.get(url));
                        }
                    });
                    now.keySet().stream().filter(url -> !then.containsKey(url))
                            .forEach(url -> what.add("newly fetched " + url));
                    out.add("phone " + i + ": " + String.join("; ", what));
                }
            }
            return out;
        }
    }

    /** A phone gave up: why, in a few words. */
    static final class PhoneFailure extends RuntimeException {

        PhoneFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    record Reply(int status, List<String> challenges, Buffer body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INCLUDE = Pattern.compile("(?m)^include:config\\s+\"([^\"]+)\"");
    private static final Pattern RESOURCE = Pattern.compile(
            "(?m)^(remote_phonebook\\.data\\.\\d+\\.url|wallpaper_upload\\.url|ringtone\\.url)\\s*=\\s*(\\S+)\\s*$");

    private static final Pattern SERVER = Pattern.compile(
            "(?m)^static\\.auto_provision\\.server\\.(url|username|password)\\s*=\\s*(\\S*)\\s*$");

    /** What a phone holds from its last common file: where it checks in, with which credentials. */
    public record Held(String url, String username, String password) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final Options o;
    private final Map<Integer, Held> held = new ConcurrentHashMap<>();

    public Storm(Options o) {
        this.o = o;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) o.timeout().toMillis()).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(o.concurrency()).setMaxWaitQueueSize(-1));
    }

    /** Runs every phone once as after a factory reset (RPS first); {@code progress} sees the statistics meanwhile. */
    public Pass run(Consumer<Stats> onStart) throws InterruptedException {
        return run(onStart, false);
    }

    /**
     * Runs every phone once as a phone in service checks in: at the server and with the credentials it holds from its
     * last common file, never asking RPS (nor fetching the CA certificate it already trusts). A phone that holds
     * nothing fails.
     */
    public Pass rerun(Consumer<Stats> onStart) throws InterruptedException {
        return run(onStart, true);
    }

    /** What each phone holds now (by index), from the common files of the passes so far. */
    public Map<Integer, Held> held() {
        return Map.copyOf(held);
    }

    private Pass run(Consumer<Stats> onStart, boolean inService) throws InterruptedException {
        Stats stats = new Stats();
        onStart.accept(stats);
        Map<Integer, Map<String, String>> files = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(o.concurrency());
        CountDownLatch done = new CountDownLatch(o.phones());
        long t0 = System.nanoTime();
        long ramp = o.rampUp().toNanos();
        for (int i = 0; i < o.phones(); i++) {
            long due = t0 + (o.phones() <= 1 ? 0 : ramp * i / (o.phones() - 1));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            slots.acquire();
            int index = i;
            // Each phone runs on an event loop from its first request on: a request made from this thread could see
            // its response's body read before the chain had asked for it (a 200 with an empty body, now and then).
            vertx.getOrCreateContext().runOnContext(v -> (inService ? inService(index, stats) : phone(index, stats))
                    .onComplete(ar -> {
                        if (ar.succeeded()) {
                            files.put(index, ar.result());
                            stats.phoneDone();
                        } else {
                            stats.phoneFailed(ar.cause() instanceof PhoneFailure
                                    ? ar.cause().getMessage()
                                    : reason(ar.cause()));
                        }
                        slots.release();
                        done.countDown();
                    }));
        }
        done.await();
        Map<Integer, Map<String, String>> ordered = new HashMap<>();
        for (int i = 0; i < o.phones(); i++) {
            ordered.put(i, files.get(i));
        }
        return new Pass(stats, ordered, (System.nanoTime() - t0) / 1e9);
    }

    /** One phone in service: from its boot file at the server it holds to its last resource. */
    Future<Map<String, String>> inService(int i, Stats stats) {
        Held h = held.get(i);
        if (h == null) {
            return Future.failedFuture(new PhoneFailure("holds no server: never provisioned"));
        }
        PhoneSession s = new PhoneSession(client, o.timeout(),
                Models.userAgent(o.models().modelOf(i), Models.mac(o.macPrefix(), i)),
                stats);
        s.user = h.username();
        s.password = h.password();
        Map<String, String> md5s = new LinkedHashMap<>();
        return files(i, s, o.statics().url(h.url()), md5s).map(v -> md5s);
    }

    /** One phone, from RPS to its last resource; the MD5 per file URL. */
    Future<Map<String, String>> phone(int i, Stats stats) {
        String mac = Models.mac(o.macPrefix(), i);
        PhoneSession s = new PhoneSession(client, o.timeout(), Models.userAgent(o.models().modelOf(i), mac), stats);
        Map<String, String> md5s = new LinkedHashMap<>();
        long asked = System.nanoTime();
        return s.send(o.rpsUrl() + "/sim/where?mac=" + mac, null, "rps", asked).compose(r -> {
            if (r.status() != 200) {
                return Future.failedFuture(new PhoneFailure("rps: HTTP " + r.status()));
            }
            stats.file("rps", (System.nanoTime() - asked) / 1000);
            JsonNode where;
            try {
                where = JSON.readTree(r.body().getBytes());
            } catch (IOException e) {
                return Future.failedFuture(new PhoneFailure("rps: unreadable answer"));
            }
            String given = where.path("url").asText("");
            if (!given.startsWith("http://") && !given.startsWith("https://")) {
                String body = r.body().toString(StandardCharsets.UTF_8);
                return Future.failedFuture(new PhoneFailure("rps: no server URL in the answer ("
                        + (body.isEmpty() ? "empty body" : body.substring(0, Math.min(80, body.length()))) + ")"));
            }
            String base = o.statics().url(given);
            s.user = where.path("authName").asText(null);
            s.password = where.path("password").asText(null);
            String certificate = where.path("certificateUrl").asText(null);
            Future<Void> step = certificate == null || certificate.isBlank()
                    ? Future.succeededFuture()
                    : fetched(s, o.statics().url(certificate), "ca", false, md5s).mapEmpty();
            return step.compose(v -> files(i, s, base, md5s)).map(v -> md5s);
        });
    }

    /**
     * The boot file at {@code base}, the files it includes, then every resource the MAC file names; what the common
     * file says of the provisioning server is what phone {@code i} holds from then on.
     */
    private Future<Void> files(int i, PhoneSession s, String base, Map<String, String> md5s) {
        return fetched(s, base + "y000000000000.boot", "boot", true, md5s).compose(boot -> {
            List<String> includes = new ArrayList<>();
            Matcher m = INCLUDE.matcher(boot.toString(StandardCharsets.UTF_8));
            while (m.find()) {
                includes.add(m.group(1));
            }
            Future<Void> chain = Future.succeededFuture();
            List<String> resources = new ArrayList<>();
            for (String file : includes) {
                String url = URI.create(base).resolve(file).toString();
                String kind = file.startsWith("y000000") ? "common" : "mac";
                chain = chain.compose(x -> fetched(s, url, kind, true, md5s).map(body -> {
                    if (kind.equals("common")) {
                        hold(i, body.toString(StandardCharsets.UTF_8));
                    }
                    if (kind.equals("mac")) {
                        Matcher rm = RESOURCE.matcher(body.toString(StandardCharsets.UTF_8));
                        while (rm.find()) {
                            resources.add(rm.group(1) + " " + rm.group(2));
                        }
                    }
                    return null;
                }));
            }
            return chain.compose(x -> {
                Future<Void> all = Future.succeededFuture();
                for (String res : resources) {
                    String key = res.substring(0, res.indexOf(' '));
                    String url = o.statics().url(res.substring(res.indexOf(' ') + 1));
                    String kind = key.startsWith("remote_phonebook")
                            ? "phonebook"
                            : key.startsWith("wallpaper") ? "wallpaper" : "ringtone";
                    all = all.compose(y -> fetched(s, url, kind, true, md5s).mapEmpty());
                }
                return all;
            });
        });
    }

    /** Fetches {@code url}, notes its MD5 and keeps its body when the storm keeps what it was served. */
    private Future<Buffer> fetched(PhoneSession s, String url, String kind, boolean auth, Map<String, String> md5s) {
        return s.fetch(url, kind, auth).map(body -> {
            byte[] bytes = body.getBytes();
            md5s.put(url, Digest.md5(bytes));
            o.statics().keep(url, s.userAgent, bytes);
            return body;
        });
    }

    /** Keeps what a common file says of the provisioning server (an encrypted one says nothing readable). */
    private void hold(int i, String common) {
        Map<String, String> server = new HashMap<>();
        Matcher m = SERVER.matcher(common);
        while (m.find()) {
            server.put(m.group(1), m.group(2));
        }
        if (server.containsKey("url") && server.containsKey("username") && server.containsKey("password")) {
            held.put(i, new Held(server.get("url"), server.get("username"), server.get("password")));
        }
    }

    /**
     * An error as a failure reason: its class, and its message unless that names the request (a timeout's does), so
     * that the reasons of a storm stay a handful of lines.
     */
    static String reason(Throwable e) {
        String name = e.getClass().getSimpleName();
        String message = e.getMessage();
        return message == null || name.contains("Timeout") ? name : name + " (" + message + ")";
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
