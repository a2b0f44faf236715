package io.voipconfig.local;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.voipconfig.local.DemoData.DemoDevice;
import io.voipconfig.localinfra.KeycloakTokens;
import io.voipconfig.phonesim.Digest;

/**
 * The abuse proof (issue 18): starts the whole suite with its demo data, lets Acme's five phones (the victims) fetch
 * their MAC file, phonebook and wallpaper in a loop, and runs one attack or fault at a time beside them: an image bomb,
 * password guessing from the address three of Acme's phones share (carrier NAT), forged presence, a Digest replay,
 * a viewer looking for the file's MD5, slow phonebook readers, a resync flood, health and metrics asked of the
 * public ports, and a broker outage. Each prints one
 * line: what the attacker got, and what it cost the victims (requests refused, p99 latency against the baseline phase
 * of the same run). Exit status 0 only when every defence held and no victim's request was refused.
 *
 * <p>The phone-facing services trust {@code X-Forwarded-For} from 127.0.0.1 here, as they do from the ingress in a
 * cluster, so that phones and attackers come from addresses of their own; the throttle limits are the production ones.
 * usage: {@code AbuseProof [--rounds N]}, or {@code bench/abuse-proof.sh}.
 *
 * <p>Over 400 lines: a benchmark script in Java, as {@link RpsProof} — each attack and the check of its defence read
 * best next to each other in one place.
 */
public final class AbuseProof {

    /** Three of Acme's phones share the attacker's address; two are elsewhere. */
    static final String SHARED_ADDRESS = "203.0.113.7";
    private static final String OTHER_ADDRESS = "198.51.100.20";
    private static final String READER_ADDRESS = "192.0.2.77";
    private static final String ATTACKER = "mallory";
    private static final String ATTACKER_PASSWORD = "mallory-provisioning";
    private static final String ATTACKER_MAC = "001565dd0001";

    /** What the victims saw during one phase. */
    record Cost(int requests, int refused, long p99Millis, Map<Integer, Integer> refusedBy) {
    }

    /** One attack's line. */
    record Line(String attack, String attackerGot, boolean defenceHeld, Cost victims) {

        boolean passed() {
            return defenceHeld && victims.refused() == 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final int rounds;
    private Launcher suite;
    private final Map<String, String> firstMacFiles = new LinkedHashMap<>();

    private AbuseProof(int rounds) {
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger(AbuseProof.class.getName());
        int rounds = 20;
        if (args.length == 2 && args[0].equals("--rounds") && args[1].matches("[1-9]\\d{0,3}")) {
            rounds = Integer.parseInt(args[1]);
        } else if (args.length != 0) {
            System.err.println("usage: AbuseProof [--rounds N]   (victim rounds per phase, 1..9999)");
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("voipconfig.root", ".")).toAbsolutePath().normalize();
        List<Line> lines = run(root, rounds);
        System.out.println(render(lines));
        boolean ok = lines.stream().allMatch(Line::passed);
        System.out.println(ok ? "every defence held; no victim request refused" : "FAILED: see the lines marked !");
        System.exit(ok ? 0 : 1);
    }

    /** Starts a suite of its own, runs every attack beside the victims, stops the suite. */
    static List<Line> run(Path root, int rounds) throws Exception {
        AbuseProof proof = new AbuseProof(rounds);
        try {
            return proof.run(root);
        } finally {
            if (proof.suite != null) {
                proof.suite.close();
            }
        }
    }

    private List<Line> run(Path root) throws Exception {
        Map<String, Integer> ports = SuitePorts.free();
        // Production throttle limits (the local run lifts the unauthenticated rate for simulated storms from one
        // address).
        Map<String, String> phoneFacing = Map.of("VOIPCONFIG_PHONE_AUTH_TRUSTED_PROXIES", "127.0.0.1",
                "VOIPCONFIG_THROTTLE_UNAUTHENTICATED_PER_ADDRESS", "1200");
        suite = Launcher.startSuite(root, Files.createTempDirectory("voipconfig-abuse-proof"), ports,
                Map.of("config-service", phoneFacing, "media-service", phoneFacing, "phonebook-service", phoneFacing));
        seedAttacker();
        for (DemoDevice d : DemoData.DEVICES) {
            firstMacFiles.put(d.mac(), body(victim(d).fetchDigest("/" + d.mac() + ".cfg", DemoData.PROVISIONING_USER,
                    DemoData.PROVISIONING_PASSWORD)));
        }
        victimsDuring(() -> {
        }); // warm-up: the first requests of each path run before the JIT compiled it
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("baseline (no attack)", "-", true, victimsDuring(() -> {
        })));
        for (Attack attack : List.<Attack>of(this::imageBomb, this::guessingBehindASharedAddress,
                this::forgedPresence, this::digestReplay, this::viewerLooksForTheMd5, this::slowPhonebookReaders,
                this::resyncFlood, this::operationalEndpoints, this::brokerOutage)) {
            lines.add(attack.run());
            System.out.println("  * " + lines.get(lines.size() - 1));
        }
        return lines;
    }

    /** The attacker's organization: its own credentials, one phone, a phonebook too large to keep (about 4 MB). */
    private void seedAttacker() {
        PortalClient api = api("partner");
        api.post("/api/v1/organizations", Map.of("slug", ATTACKER, "name", "Mallory Ltd", "provisioning",
                Map.of("username", ATTACKER, "password", ATTACKER_PASSWORD, "authMode", "DIGEST"))).expect(201);
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            contacts.add(Map.of("name", "Contact number " + i, "group", "Group " + i % 10, "phones",
                    List.of(String.valueOf(100000 + i))));
        }
        long book = api.post("/api/v1/organizations/" + ATTACKER + "/phonebooks", Map.of("name", "Large",
                "contacts", contacts)).expect(201).json().get("id").asLong();
        api.post("/api/v1/organizations/" + ATTACKER + "/devices", Map.of("mac", ATTACKER_MAC, "model", "T46U",
                "label", "Mallory's phone", "phonebookIds", List.of(book))).expect(201);
    }

    private Line imageBomb() throws Exception {
        BufferedImage huge = new BufferedImage(16_000, 16_000, BufferedImage.TYPE_BYTE_BINARY);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(huge, "png", png);
        long heapBefore = heapMiB("media-service");
        Map<Integer, Integer> answers = new TreeMap<>();
        Cost cost = victimsDuring(() -> {
            for (int i = 0; i < 5; i++) {
                answers.merge(api("partner").putFile("/api/v1/organizations/" + ATTACKER + "/media/bomb-" + i
                        + ".png", "bomb.png", "image/png", png.toByteArray()).status(), 1, Integer::sum);
            }
        });
        long heapAfter = heapMiB("media-service");
        boolean held = answers.keySet().stream().allMatch(s -> s == 413 || s == 422);
        return new Line(String.format("image bomb (%d KiB PNG, 16000x16000)", png.size() / 1024),
                "uploads " + answers + String.format("; media-service heap %d -> %d MiB", heapBefore, heapAfter),
                held, cost);
    }

    private Line guessingBehindASharedAddress() throws Exception {
        Phone attacker = new Phone(suite.url("config-service"), ua(ATTACKER_MAC), SHARED_ADDRESS);
        Map<Integer, Integer> answers = new TreeMap<>();
        Cost cost = victimsDuring(() -> {
            for (int i = 0; i < 30; i++) {
                answers.merge(attacker.fetchDigest("/" + ATTACKER_MAC + ".cfg", ATTACKER, "guess-" + i).statusCode(), 1,
                        Integer::sum);
            }
        });
        return new Line("30 wrong passwords from the victims' address", "answers " + answers,
                answers.getOrDefault(200, 0) == 0 && answers.containsKey(429), cost);
    }

    private Line forgedPresence() throws Exception {
        Map<Integer, Integer> answers = new TreeMap<>();
        Cost cost = victimsDuring(() -> {
            Phone forger = new Phone(suite.url("config-service"), "EvilAgent<script>", "192.0.2.66");
            for (int i = 0; i < 300; i++) {
                DemoDevice d = DemoData.DEVICES.get(i % DemoData.DEVICES.size());
                answers.merge(forger.get("/" + d.mac() + ".cfg", Map.of()).statusCode(), 1,
                        Integer::sum);
            }
        });
        List<String> rewritten = new ArrayList<>();
        for (DemoDevice d : DemoData.DEVICES) {
            String status = api("acme-viewer").get(devicePath(d) + "/status").expect(200).body();
            if (!status.contains(d.userAgent()) || status.contains("EvilAgent")) {
                rewritten.add(d.mac());
            }
        }
        return new Line("300 requests without credentials, forged User-Agent",
                "answers " + answers + "; statuses rewritten: " + rewritten.size(), rewritten.isEmpty(), cost);
    }

    private Line digestReplay() throws Exception {
        DemoDevice d = DemoData.DEVICES.get(0);
        String path = "/" + d.mac() + ".cfg";
        Phone phone = victim(d);
        HttpResponse<byte[]> challenge = phone.get(path, Map.of());
        String answer = Phone.answer(challenge, path, DemoData.PROVISIONING_USER, DemoData.PROVISIONING_PASSWORD, 1);
        int first = phone.get(path, Map.of("Authorization", answer)).statusCode();
        Map<Integer, Integer> answers = new TreeMap<>();
        Cost cost = victimsDuring(() -> {
            for (String from : List.of("192.0.2.99", SHARED_ADDRESS, OTHER_ADDRESS)) {
                Phone replayer = new Phone(suite.url("config-service"), d.userAgent(), from);
                for (int i = 0; i < 10; i++) {
                    answers.merge(replayer.get(path, Map.of("Authorization", answer)).statusCode(), 1,
                            Integer::sum);
                }
            }
        });
        return new Line("a captured answer sent again 30 times", "original " + first + ", replays " + answers,
                first == 200 && !answers.containsKey(200), cost);
    }

    private Line viewerLooksForTheMd5() throws Exception {
        List<String> found = new ArrayList<>();
        Cost cost = victimsDuring(() -> {
            for (DemoDevice d : DemoData.DEVICES) {
                String md5 = Digest.md5(firstMacFiles.get(d.mac()).getBytes(StandardCharsets.UTF_8));
                String seen = api("acme-viewer").get(devicePath(d) + "/status").expect(200).body()
                        + api("acme-viewer").get(devicePath(d) + "/preview").expect(200).body();
                if (seen.contains(md5) || seen.contains("sip-" + d.extension() + "-demo")) {
                    found.add(d.mac());
                }
            }
        });
        return new Line("a viewer reads status and preview for the MD5",
                "MAC files whose MD5 or SIP password a viewer can read: " + found.size(), found.isEmpty(), cost);
    }

    private Line slowPhonebookReaders() throws Exception {
        // From an address of its own: the guessing above blocked the attacker's user name at the shared one.
        String macFile = body(new Phone(suite.url("config-service"), ua(ATTACKER_MAC), READER_ADDRESS)
                .fetchDigest("/" + ATTACKER_MAC + ".cfg", ATTACKER, ATTACKER_PASSWORD));
        URI book = URI.create(urlSetting(macFile, "/phonebook/"));
        Phone reader = new Phone(book.getScheme() + "://" + book.getAuthority(), ua(ATTACKER_MAC), READER_ADDRESS);
        // Read once to the end, as its phone would: the service now knows this version is too large to keep.
        int whole = body(reader.fetchDigest(book.getRawPath(), ATTACKER, ATTACKER_PASSWORD)).length();
        List<Socket> readers = new ArrayList<>();
        Map<String, Integer> answers = new TreeMap<>();
        try {
            Cost cost = victimsDuring(() -> {
                HttpResponse<byte[]> challenge = reader.get(book.getRawPath(), Map.of());
                for (int i = 1; i <= 20; i++) {
                    Socket s = new Socket();
                    s.setReceiveBufferSize(4096);
                    s.connect(new InetSocketAddress(book.getHost(), book.getPort()), 5000);
                    readers.add(s);
                    String auth = Phone.answer(challenge, book.getRawPath(), ATTACKER, ATTACKER_PASSWORD, i);
                    OutputStream out = s.getOutputStream();
                    out.write(("GET " + book.getRawPath() + " HTTP/1.1\r\nHost: " + book.getAuthority()
                            + "\r\nUser-Agent: " + ua(ATTACKER_MAC) + "\r\nX-Forwarded-For: " + READER_ADDRESS
                            + "\r\nAuthorization: " + auth + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    answers.merge(statusLine(s.getInputStream()), 1, Integer::sum); // then never read on
                }
            });
            boolean held = answers.getOrDefault("HTTP/1.1 200 OK", 0) <= 8;
            return new Line("20 phonebook streams never read",
                    String.format("a %d KiB phonebook; streams %s", whole / 1024, answers), held, cost);
        } finally {
            for (Socket s : readers) {
                s.close();
            }
        }
    }

    private Line resyncFlood() throws Exception {
        Map<Integer, Integer> answers = new TreeMap<>();
        int[] acme = new int[1];
        Cost cost = victimsDuring(() -> {
            for (int i = 0; i < 30; i++) {
                answers.merge(api("partner").post("/api/v1/organizations/" + ATTACKER + "/rps/resync", Map.of())
                        .status(), 1, Integer::sum);
            }
            acme[0] = api("partner").post("/api/v1/organizations/acme/rps/resync", Map.of()).status();
        });
        long accepted = answers.entrySet().stream().filter(e -> e.getKey() < 300).mapToLong(Map.Entry::getValue)
                .sum();
        return new Line("30 resyncs of one organization", "answers " + answers + "; Acme's resync then " + acme[0],
                accepted <= 1 && acme[0] < 300, cost);
    }

    /** What an ingress's catch-all would pass on: health and metrics asked of the phone and API ports. */
    private Line operationalEndpoints() throws Exception {
        Map<Integer, Integer> answers = new TreeMap<>();
        Cost cost = victimsDuring(() -> {
            for (String service : List.of("config-service", "phonebook-service", "media-service", "portal-api")) {
                for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready")) {
                    answers.merge(status(suite.url(service) + path), 1, Integer::sum);
                }
            }
        });
        return new Line("health and metrics asked of the public ports", "answers " + answers,
                answers.keySet().equals(Set.of(404)), cost);
    }

    private Line brokerOutage() throws Exception {
        DemoDevice d = DemoData.DEVICES.get(1);
        String marker = "ntp-" + System.nanoTime() + ".example";
        int[] ready = new int[1];
        int[] write = new int[1];
        Cost cost = victimsDuring(() -> {
            suite.stopKafka();
            ready[0] = status(suite.managementUrl("config-service") + "/q/health/ready");
            PortalClient api = api("partner");
            Map<String, Object> device = JSON.convertValue(api.get(devicePath(d)).expect(200).json(),
                    Map.class);
            device.put("settings", Map.of("local_time.ntp_server2", marker));
            write[0] = api.put(devicePath(d), device).status();
        });
        suite.startKafka();
        long t0 = System.nanoTime();
        boolean arrived = false;
        while (!arrived && System.nanoTime() - t0 < Duration.ofMinutes(2).toNanos()) {
            arrived = body(victim(d).fetchDigest("/" + d.mac() + ".cfg", DemoData.PROVISIONING_USER,
                    DemoData.PROVISIONING_PASSWORD)).contains(marker);
            if (!arrived) {
                Thread.sleep(250); // a benchmark's poll, bounded above
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Line("Kafka stopped while phones fetch", String.format(
                "config-service readiness %d; a device change during it %d, on the phone %s after the broker's return",
                ready[0], write[0], arrived ? String.format("%.1f s", seconds) : "NEVER"),
                ready[0] == 200 && write[0] == 200 && arrived, cost);
    }

    /**
     * Runs {@code attack} while Acme's phones fetch their MAC file, phonebook and wallpaper; the phones go on until
     * the attack ended and each did {@link #rounds} rounds (at most 3 minutes).
     */
    private Cost victimsDuring(Action attack) throws Exception {
        AtomicBoolean attackDone = new AtomicBoolean();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> refused = Collections.synchronizedMap(new TreeMap<>());
        ExecutorService pool = Executors.newFixedThreadPool(DemoData.DEVICES.size());
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        try {
            List<Future<?>> phones = new ArrayList<>();
            for (DemoDevice d : DemoData.DEVICES) {
                phones.add(pool.submit(() -> {
                    Phone phone = victim(d);
                    String macFile = firstMacFiles.get(d.mac());
                    List<URI> files = new ArrayList<>(List.of(URI.create(suite.url("config-service") + "/"
                            + d.mac() + ".cfg"), URI.create(urlSetting(macFile, "/phonebook/"))));
                    if (macFile.contains("/media/")) {
                        files.add(URI.create(urlSetting(macFile, "/media/")));
                    }
                    for (int round = 0; (round < rounds || !attackDone.get())
                            && System.nanoTime() < deadline; round++) {
                        for (URI file : files) {
                            long t = System.nanoTime();
                            int status = new Phone(file.getScheme() + "://" + file.getAuthority(),
                                    d.userAgent(), phone.clientIp).fetchDigest(file.getRawPath(),
                                            DemoData.PROVISIONING_USER, DemoData.PROVISIONING_PASSWORD)
                                    .statusCode();
                            latencies.add((System.nanoTime() - t) / 1_000_000);
                            if (status != 200) {
                                refused.merge(status, 1, Integer::sum);
                            }
                        }
                    }
                    return null;
                }));
            }
            try {
                attack.run();
            } finally {
                attackDone.set(true);
            }
            for (Future<?> f : phones) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.99));
        return new Cost(sorted.size(), refused.values().stream().mapToInt(Integer::intValue).sum(), p99, refused);
    }

    /** One attack and the check of its defence. */
    @FunctionalInterface
    interface Attack {

        Line run() throws Exception;
    }

    /** What the attacker does while the victims fetch: runs to its end, may throw. */
    @FunctionalInterface
    interface Action {

        void run() throws Exception;
    }

    /** A phone as the proof drives it: its User-Agent, the address it comes from, 401 then Digest. */
    record Phone(String base, String userAgent, String clientIp) {

        HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                    .header("User-Agent", userAgent).header("X-Forwarded-For", clientIp);
            headers.forEach(b::header);
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<byte[]> fetchDigest(String path, String user, String password) throws Exception {
            HttpResponse<byte[]> challenge = get(path, Map.of());
            return challenge.statusCode() != 401
                    ? challenge
                    : get(path, Map.of("Authorization", answer(challenge, path, user, password, 1)));
        }

        /** The answer to the challenge's MD5 nonce with count {@code nc}. */
        static String answer(HttpResponse<?> challenge, String path, String user, String password, int nc) {
            return Digest.authorization(Digest.choose(Digest.parse(challenge.headers().allValues("WWW-Authenticate"))),
                    "GET", path, user, password, nc);
        }
    }

    static String render(List<Line> lines) {
        long baseline = Math.max(1, lines.get(0).victims().p99Millis());
        StringBuilder b = new StringBuilder("\nAbuse proof: attacks against a running suite, and what they cost Acme's"
                + " five phones (MAC file, phonebook, wallpaper in a loop; three behind the attacker's address)\n");
        b.append(String.format("  %-52s %8s %8s %9s  %s%n", "attack", "victims", "refused", "p99 ms", "attacker got"));
        for (Line l : lines) {
            Cost c = l.victims();
            b.append(String.format("%s %-52s %8d %8d %5d %4s  %s%n", l.passed() ? " " : "!",
                    l.attack(), c.requests(), c.refused(), c.p99Millis(),
                    String.format("%.1fx", (double) c.p99Millis() / baseline).replace(".0x", "x"),
                    l.attackerGot() + (c.refused() > 0 ? "; victims refused " + c.refusedBy() : "")));
        }
        return b.toString();
    }

    private Phone victim(DemoDevice d) {
        int index = DemoData.DEVICES.indexOf(d);
        return new Phone(suite.url("config-service"), d.userAgent(), index < 3 ? SHARED_ADDRESS : OTHER_ADDRESS);
    }

    private static String devicePath(DemoDevice d) {
        return "/api/v1/organizations/" + DemoData.ACME_SLUG + "/devices/" + d.mac();
    }

    private static String ua(String mac) {
        return "Yealink SIP-T46U 108.86.0.90 " + mac.replaceAll("(..)(?!$)", "$1:");
    }

    /** The URL of the first setting whose value names {@code part}. */
    static String urlSetting(String file, String part) {
        return file.lines().map(l -> l.substring(l.indexOf('=') + 1).strip())
                .filter(v -> v.startsWith("http") && v.contains(part)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no URL with " + part + " in\n" + file));
    }

    private static String body(HttpResponse<byte[]> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("a phone got " + r.statusCode() + " for " + r.uri());
        }
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\r' && line.length() < 100; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    /** The heap a service uses now (the sum of its heap pools), from its Prometheus metrics. */
    private long heapMiB(String service) throws Exception {
        String metrics = HTTP
                .send(HttpRequest.newBuilder(URI.create(suite.managementUrl(service) + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return (long) metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum() >> 20;
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private PortalClient api(String user) {
        return new PortalClient(suite.url("portal-api"), KeycloakTokens.user(suite.realmUrl(), user, user));
    }
}
