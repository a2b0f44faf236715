package io.voipconfig.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import io.voipconfig.localinfra.ChildProcesses;
import io.voipconfig.localinfra.FreePorts;
import io.voipconfig.localinfra.KeycloakTokens;
import io.voipconfig.localinfra.ProjectFiles;

/**
 * The whole suite as {@code deploy/local/run.sh} starts it (real PostgreSQL, Kafka, Keycloak, every service as its
 * own process, or its container image when {@code VOIPCONFIG_IMAGES} is set), started once per test JVM and shared by
 * the test classes that need it; and the calls they make to it: the admin API with a realm token, a phone's fetch.
 */
final class LocalSuite {

    private LocalSuite() {
    }

    static Process launcher;
    static Map<String, Integer> ports = new HashMap<>();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String realm;

    /** Starts the suite unless this JVM already did; it stops when the JVM exits. */
    static synchronized void start() throws Exception {
        if (launcher != null) {
            return;
        }
        // Free ports are chosen before the processes bind them; should another process take one meanwhile, the
        // launcher fails fast, and a second attempt with new ports settles it.
        for (int attempt = 1; attempt <= 2; attempt++) {
            if (tryStart(attempt == 2)) {
                break;
            }
        }
        realm = "http://localhost:" + ports.get("KEYCLOAK") + "/realms/voipconfig";
        Runtime.getRuntime().addShutdownHook(new Thread(LocalSuite::stopQuietly, "stop-local-suite"));
    }

    static boolean tryStart(boolean last) throws Exception {
        Path root = ProjectFiles.find("deploy/local/run.sh").getParent().getParent().getParent();
        Path data = Files.createTempDirectory("voipconfig-e2e");
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("PORTAL_API", "CONFIG_SERVICE", "PHONEBOOK_SERVICE", "MEDIA_SERVICE",
                "RPS_SYNC_SERVICE", "RPS_SIMULATOR", "KEYCLOAK", "POSTGRES", "KAFKA", "KAFKA_CONTROLLER",
                "PORTAL_API_MANAGEMENT", "CONFIG_SERVICE_MANAGEMENT", "PHONEBOOK_SERVICE_MANAGEMENT",
                "MEDIA_SERVICE_MANAGEMENT", "RPS_SYNC_SERVICE_MANAGEMENT", "RPS_SIMULATOR_MANAGEMENT")) {
            int port = FreePorts.next();
            ports.put(name, port);
            env.put(name + "_PORT", Integer.toString(port));
        }
        env.put("VOIPCONFIG_DATA_DIR", data.toString());
        env.put("QUARKUS_LOG_CATEGORY__IO_VOIPCONFIG__LEVEL", "DEBUG"); // the services inherit it: logs say what happened
        Path log = root.resolve("deploy/local/target/e2e-launcher.log");
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-XX:+UseSerialGC", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Dvoipconfig.root=" + root, "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        launcher = pb.start();
        try {
            Awaitility.await("the suite").atMost(Duration.ofMinutes(6)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(500)).pollInSameThread()
                    .failFast("the launcher exited", () -> !launcher.isAlive())
                    .until(() -> Files.readString(log).contains("Voipconfig is running"));
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            String output = Files.readString(log);
            stopSuite();
            if (last) {
                throw new IllegalStateException("the suite did not start:\n" + output);
            }
            System.err.println("the suite did not start, trying again with other ports:\n" + output);
            return false;
        }
        return true;
    }

    /** Stops the suite (a test that runs a suite of its own first stops this one: 2 cores do not run two). */
    static synchronized void stopSuite() throws Exception {
        if (launcher != null) {
            // SIGTERM: the launcher's shutdown hook stops every child; anything left is killed after a minute
            ChildProcesses.stop(launcher, Duration.ofSeconds(60));
            launcher = null;
            ports.clear();
        }
    }

    private static void stopQuietly() {
        try {
            stopSuite();
        } catch (Exception e) {
            System.err.println("stopping the suite: " + e);
        }
    }

    static String portal() {
        return "http://localhost:" + ports.get("PORTAL_API");
    }

    static String config() {
        return "http://localhost:" + ports.get("CONFIG_SERVICE");
    }

    static HttpResponse<String> api(String method, String path, String user, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(portal() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + KeycloakTokens.user(realm, user, user))
                .header("Content-Type", "application/json");
        b = json == null
                ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A phone's fetch: without credentials first, then with Digest MD5 for the challenge it got. */
    static HttpResponse<String> phoneFetch(String path, String userAgent, String user, String password)
            throws Exception {
        return phoneFetch(URI.create(config() + path), userAgent, user, password);
    }

    static HttpResponse<String> phoneFetch(URI url, String userAgent, String user, String password) throws Exception {
        String path = url.getRawPath();
        HttpRequest.Builder b = HttpRequest.newBuilder(url).header("User-Agent", userAgent)
                .timeout(Duration.ofSeconds(10));
        HttpResponse<String> challenge = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(challenge.statusCode()).isEqualTo(401);
        String header = challenge.headers().allValues("WWW-Authenticate").stream()
                .filter(h -> h.startsWith("Digest") && !h.contains("SHA-256")).findFirst().orElseThrow();
        String realmName = param(header, "realm");
        String nonce = param(header, "nonce");
        String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
        String ha1 = md5(user + ":" + realmName + ":" + password);
        String ha2 = md5("GET:" + path);
        String response = md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2);
        String auth = "Digest username=\"" + user + "\", realm=\"" + realmName + "\", nonce=\"" + nonce
                + "\", uri=\"" + path + "\", algorithm=MD5, response=\"" + response
                + "\", qop=auth, nc=00000001, cnonce=\"" + cnonce + "\"";
        return HTTP.send(b.header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String param(String header, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(header);
        assertThat(m.find()).as(name + " in " + header).isTrue();
        return m.group(1);
    }

    static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
