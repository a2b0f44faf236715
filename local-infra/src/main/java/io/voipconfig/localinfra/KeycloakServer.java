package io.voipconfig.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keycloak from its Maven Central distribution ({@code org.keycloak:keycloak-quarkus-dist}, unpacked by the build into
 * {@code ~/.cache/voipconfig}), started as a child process in dev mode with the {@code voipconfig} realm imported.
 *
 * <p>Tests and the local launcher use identical build flags ({@link #BUILD_FLAGS}); any difference would make each
 * re-augment the shared distribution in turn (+20 s per start).
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "voipconfig";
    public static final String VERSION = "26.7.3";
    static final List<String> BUILD_FLAGS = List.of("--db=dev-mem", "--cache=local");

    private final Process process;
    private final int port;

    private KeycloakServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param port 0 for any free port
     * @param logFile where Keycloak's output goes
     */
    public static KeycloakServer start(int port, Path realmFile, Path logFile, Duration timeout) {
        Path dist = distribution();
        if (!Files.isExecutable(dist.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak distribution not found at " + dist
                    + "; it is unpacked by './mvnw package' (module local-infra or deploy/local)");
        }
        int httpPort = port > 0 ? port : FreePorts.next();
        try {
            Path importDir = dist.resolve("data/import");
            Files.createDirectories(importDir);
            try (Stream<Path> old = Files.list(importDir)) {
                old.forEach(f -> f.toFile().delete());
            }
            Files.copy(realmFile, importDir.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(logFile.toAbsolutePath().getParent());

            List<String> cmd = new ArrayList<>(List.of(dist.resolve("bin/kc.sh").toString(), "start-dev"));
            cmd.addAll(BUILD_FLAGS);
            cmd.addAll(List.of("--http-port=" + httpPort, "--http-management-port=" + FreePorts.next(),
                    "--import-realm", "--log-level=WARN"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().put("JAVA_HOME", javaHome().toString());
            pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            KeycloakServer server = new KeycloakServer(pb.start(), httpPort);
            server.awaitRealm(timeout, logFile);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start", e);
        }
    }

    /** {@code http://localhost:<port>}. */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The OIDC issuer of the voipconfig realm. */
    public String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(20));
    }

    private void awaitRealm(Duration timeout, Path logFile) {
        try {
            ChildProcesses.awaitHttpOk(process, URI.create(realmUrl() + "/.well-known/openid-configuration"), timeout,
                    "Keycloak", logFile);
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
    }

    /** {@code -Dkeycloak.dist}, {@code KEYCLOAK_DIST}, else {@code ~/.cache/voipconfig/keycloak-<version>}. */
    public static Path distribution() {
        return Optional.ofNullable(System.getProperty("keycloak.dist"))
                .or(() -> Optional.ofNullable(System.getenv("KEYCLOAK_DIST")))
                .map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".cache", "voipconfig", "keycloak-" + VERSION));
    }

    /**
     * Keycloak needs Java 21 or newer: {@code -Dkeycloak.java.home}, {@code KEYCLOAK_JAVA_HOME}, else the newest JDK 21+
     * under /usr/lib/jvm, else the running JVM (Keycloak {@value #VERSION} also starts on 17, unsupported).
     */
    static Path javaHome() {
        Optional<Path> explicit = Optional.ofNullable(System.getProperty("keycloak.java.home"))
                .or(() -> Optional.ofNullable(System.getenv("KEYCLOAK_JAVA_HOME"))).map(Path::of);
        if (explicit.isPresent()) {
            return explicit.get();
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                Optional<Path> newest = dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")))
                        .filter(d -> majorVersion(d) >= 21)
                        .max(Comparator.comparingInt(KeycloakServer::majorVersion));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                // fall through
            }
        }
        return Path.of(System.getProperty("java.home"));
    }

    private static int majorVersion(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring(line.indexOf('"') + 1);
                    return Integer.parseInt(v.split("[.\"]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
