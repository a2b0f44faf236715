package io.voipconfig.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.voipconfig.localinfra.ChildProcesses;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.localinfra.KafkaBroker;
import io.voipconfig.localinfra.KeycloakServer;
import io.voipconfig.localinfra.KeycloakTokens;
import io.voipconfig.localinfra.PostgresServer;

/**
 * Runs the whole suite on one machine: PostgreSQL, Kafka, Keycloak, the RPS simulator and the five services, with
 * demo data. Started by {@code deploy/local/run.sh}; Ctrl-C stops everything.
 */
public final class Launcher {

    private final Path root;
    private final Path dataDir;
    private final Map<String, Integer> ports;
    private final Map<String, Map<String, String>> serviceEnv;
    private final List<ServiceProcess> services = new ArrayList<>();
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;

    private Launcher(Path root, Path dataDir, Map<String, Integer> ports, Map<String, Map<String, String>> serviceEnv) {
        this.root = root;
        this.dataDir = dataDir;
        this.ports = ports;
        this.serviceEnv = serviceEnv;
    }

    /**
     * Starts the suite in this JVM for a tool that drives it (the RPS proof): {@code ports} names every port as
     * {@link #main} does, {@code serviceEnv} adds environment variables per service. {@link #close()} stops it.
     */
    static Launcher startSuite(Path root, Path dataDir, Map<String, Integer> ports,
            Map<String, Map<String, String>> serviceEnv) throws Exception {
        Launcher l = new Launcher(root, dataDir, ports, serviceEnv);
        try {
            l.start();
        } catch (Exception | Error e) {
            l.stop();
            throw e;
        }
        return l;
    }

    String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    /** Where a service answers health and metrics. */
    String managementUrl(String service) {
        return "http://localhost:" + ports.get(service + "-management");
    }

    String realmUrl() {
        return keycloak.realmUrl();
    }

    String ownerJdbcUrl() {
        return postgres.jdbcUrl();
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** SIGKILLs a service, as a crash would. */
    synchronized void kill(String name) {
        service(name).kill();
    }

    /** Starts a killed service again and waits until it is ready. */
    void restart(String name, Duration timeout) {
        ServiceProcess again;
        synchronized (this) {
            ServiceProcess old = service(name);
            again = old.restart();
            services.set(services.indexOf(old), again);
        }
        again.awaitReady(timeout);
    }

    /** Takes the broker away, as an outage does; {@link #startKafka()} brings it back on its ports with its log. */
    synchronized void stopKafka() {
        kafka.close();
    }

    synchronized void startKafka() {
        kafka = KafkaBroker.start(ports.get("kafka"), ports.get("kafka-controller"), dataDir.resolve("kafka"), true);
    }

    private ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Stops everything started. */
    void close() {
        stop();
    }

    public static void main(String[] args) throws Exception {
        // Initialize logging once, on this thread, before anything starts in parallel: SLF4J (PostgreSQL) and the
        // JBoss LogManager (Kafka) initializing concurrently can deadlock in class initialization.
        java.util.logging.Logger.getLogger(Launcher.class.getName());
        org.slf4j.LoggerFactory.getLogger(Launcher.class);
        Path root = Path.of(System.getProperty("voipconfig.root", ".")).toAbsolutePath().normalize();
        Path dataDir = Path.of(env("VOIPCONFIG_DATA_DIR", root.resolve("deploy/local/.data").toString()))
                .toAbsolutePath();
        boolean reset = false;
        for (String a : args) {
            switch (a) {
                case "--reset" -> reset = true;
                case "--help", "-h" -> {
                    System.out.println("usage: deploy/local/run.sh [--reset] [--rebuild]   (see README.md)");
                    return;
                }
                default -> {
                    System.err.println("unknown option " + a + "; try --help");
                    System.exit(2);
                }
            }
        }
        Map<String, Integer> ports = SuitePorts.fromEnvironment();

        Launcher launcher = new Launcher(root, dataDir, ports, Map.of());
        launcher.checkPortsFree();
        if (reset) {
            launcher.reset();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "voipconfig-stop"));
        try {
            launcher.start();
        } catch (RuntimeException e) {
            System.err.println("\nStart failed: " + e.getMessage());
            System.exit(1);
        }
        launcher.watch();
    }

    private void start() throws Exception {
        long t0 = System.nanoTime();
        Path logs = dataDir.resolve("logs");
        Files.createDirectories(logs);
        LocalKeys secrets = LocalKeys.loadOrCreate(dataDir.resolve("secret-keys.properties"));

        step("starting PostgreSQL, Kafka and Keycloak");
        CompletableFuture<KeycloakServer> kc = CompletableFuture.supplyAsync(() -> KeycloakServer.start(
                ports.get("keycloak"), root.resolve("deploy/keycloak/voipconfig-realm.json"),
                logs.resolve("keycloak.log"),
                Duration.ofMinutes(4)));
        CompletableFuture<KafkaBroker> kf = CompletableFuture.supplyAsync(() -> KafkaBroker.start(ports.get("kafka"),
                ports.get("kafka-controller"), dataDir.resolve("kafka"), true).createTopics(4));
        postgres = PostgresServer.start(ports.get("postgresql"), dataDir.resolve("pgdata"));
        step("PostgreSQL ready on " + postgres.port());
        kafka = kf.join();
        step("Kafka ready on " + kafka.bootstrapServers());

        Map<String, String> common = new HashMap<>();
        common.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        common.put("VOIPCONFIG_SECRETS_ACTIVE_KEY", secrets.active());
        common.put("VOIPCONFIG_SECRETS_KEYS", secrets.keys());
        common.put("VOIPCONFIG_PHONE_AUTH_NONCE_KEY", secrets.nonceKey());
        // The simulator's phones all come from 127.0.0.1, a whole fleet behind one address: its reboot storms send far
        // more requests without credentials (each phone's first challenge, its CA certificate) than the rate a real
        // address gets (docs/security.md, "Guessing and lockout"). The failure limits stay as in production.
        common.put("VOIPCONFIG_THROTTLE_UNAUTHENTICATED_PER_ADDRESS", "1000000000");

        common.put("VOIPCONFIG_URLS_PROVISIONING", "http://localhost:" + ports.get("config-service"));
        common.put("VOIPCONFIG_URLS_PHONEBOOK", "http://localhost:" + ports.get("phonebook-service"));
        common.put("VOIPCONFIG_URLS_MEDIA", "http://localhost:" + ports.get("media-service"));
        String realm = "http://localhost:" + ports.get("keycloak") + "/realms/" + KeycloakServer.REALM;

        // portal-api first: it applies the migrations the others rely on.
        ServiceProcess portal = launch("portal-api", DatabaseRoles.OWNER, common, Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(),
                "QUARKUS_OIDC_AUTH_SERVER_URL", realm,
                "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", "portal-api-dev-secret",
                "QUARKUS_REST_CLIENT_RPS_SYNC_URL", "http://localhost:" + ports.get("rps-sync-service")));
        portal.awaitReady(Duration.ofMinutes(2));
        step("portal-api ready, schema migrated");
        launch("config-service", DatabaseRoles.CONFIG_SERVICE, common, Map.of());
        launch("phonebook-service", DatabaseRoles.PHONEBOOK_SERVICE, common, Map.of());
        launch("media-service", DatabaseRoles.MEDIA_SERVICE, common, Map.of());
        launch("rps-sync-service", DatabaseRoles.RPS_SYNC_SERVICE, common, Map.of(
                "QUARKUS_OIDC_AUTH_SERVER_URL", realm,
                "VOIPCONFIG_RPS_BASE_URL", "http://localhost:" + ports.get("rps-simulator"),
                "VOIPCONFIG_RPS_ACCESS_KEY_ID", "local-access-key",
                "VOIPCONFIG_RPS_ACCESS_KEY_SECRET", "local-access-secret"));
        launch("rps-simulator", null, Map.of(), Map.of());
        keycloak = kc.join();
        step("Keycloak ready on " + keycloak.baseUrl());
        // The demo data goes through the API like any SPA change: validated, and published through the outbox.
        step(DemoData.seed(client(portal, "operator"), client(portal, "partner"), client(portal, "umbrella-admin"))
                ? "demo data created through portal-api"
                : "demo data already present");
        for (ServiceProcess s : services) {
            s.awaitReady(Duration.ofMinutes(2));
            step(s.name + " ready on " + s.url());
        }
        printSummary(Duration.ofNanos(System.nanoTime() - t0));
    }

    /** portal-api as a demo realm user (password = user name). */
    private PortalClient client(ServiceProcess portal, String user) {
        return new PortalClient(portal.url(), KeycloakTokens.user(keycloak.realmUrl(), user, user));
    }

    private ServiceProcess launch(String name, String dbRole, Map<String, String> common, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(common);
        env.putAll(extra);
        env.putAll(serviceEnv.getOrDefault(name, Map.of()));
        if (dbRole != null) {
            env.put("QUARKUS_DATASOURCE_USERNAME", dbRole);
            env.put("QUARKUS_DATASOURCE_PASSWORD", DatabaseRoles.devPassword(dbRole));
        }
        Path module = name.equals("rps-simulator") ? root.resolve("deploy/rps-simulator") : root.resolve(name);
        Integer management = ports.get(name + "-management");
        if (management == null) {
            throw new IllegalArgumentException("no port " + name + "-management given");
        }
        ServiceProcess p = ServiceProcess.start(name, module.resolve("target/quarkus-app"), ports.get(name),
                management, env, dataDir.resolve("logs"));
        services.add(p);
        return p;
    }

    private void printSummary(Duration took) {
        DemoData.DemoDevice phone = DemoData.DEVICES.get(0);
        StringBuilder b = new StringBuilder();
        b.append("\n Voipconfig is running (started in ").append(took.toSeconds())
                .append(" s). Ctrl-C stops everything.\n\n");
        b.append(String.format(" %-18s %-42s %s%n", "component", "URL", "port (management: health, metrics)"));
        b.append(" ").append("-".repeat(70)).append('\n');
        for (ServiceProcess s : services) {
            b.append(String.format(" %-18s %-42s %d (%d)%n", s.name, s.url(), s.port, s.managementPort));
        }
        b.append(String.format(" %-18s %-42s %d%n", "keycloak", keycloak.realmUrl(), keycloak.port()));
        b.append(String.format(" %-18s %-42s %d%n", "postgresql", postgres.reactiveUrl(), postgres.port()));
        b.append(String.format(" %-18s %-42s %d%n", "kafka", kafka.bootstrapServers(), kafka.port()));
        b.append("\n Logins (demo only)\n");
        b.append("   operator / operator         operator (every partner and organization)\n");
        b.append("   partner / partner           partner-admin of the default partner ('acme')\n");
        b.append("   umbrella-admin / (same)     partner-admin of 'umbrella' ('umbrella-hq')\n");
        b.append("   acme-admin / acme-admin     org-admin of 'acme'\n");
        b.append("   acme-viewer / acme-viewer   org-viewer of 'acme'\n");
        b.append("   admin / admin               Keycloak administration console\n");
        b.append("   phones of 'acme'            ").append(DemoData.PROVISIONING_USER).append(" / ")
                .append(DemoData.PROVISIONING_PASSWORD).append(" (HTTP Digest)\n");
        b.append("\n Console:   ").append(services.get(0).url()).append("/console/  (sign in with a login above)");
        b.append("\n Admin API: ").append(services.get(0).url()).append("/api/v1  (OpenAPI: ")
                .append(services.get(0).url()).append("/q/openapi; token: see README.md)\n");
        b.append("\n Demo phones: ");
        DemoData.DEVICES.forEach(d -> b.append(d.model()).append(' ').append(d.mac()).append("  "));
        b.append("\n\n Fetch the ").append(phone.model()).append("'s configuration as the phone does:\n");
        b.append("   curl -i --digest -u ").append(DemoData.PROVISIONING_USER).append(':')
                .append(DemoData.PROVISIONING_PASSWORD).append(" -A '").append(phone.userAgent()).append("' \\\n     ")
                .append(services.get(1).url()).append('/').append(phone.mac()).append(".cfg\n");
        b.append("\n Data: ").append(dataDir).append("  (logs in ").append(dataDir.resolve("logs"))
                .append("; --reset starts empty)\n");
        System.out.println(b);
        System.out.flush();
    }

    /** Blocks until Ctrl-C; reports a service that dies. */
    private void watch() {
        List<String> reported = new ArrayList<>();
        while (true) {
            for (ServiceProcess s : services) {
                if (!s.isAlive() && !reported.contains(s.name)) {
                    reported.add(s.name);
                    System.err.println("! " + s.name + " stopped; see " + dataDir.resolve("logs/" + s.name + ".log"));
                }
            }
            ChildProcesses.sleep(2000);
        }
    }

    private synchronized void stop() {
        System.out.println("\nstopping ...");
        services.parallelStream().forEach(s -> s.stop(Duration.ofSeconds(15)));
        services.clear();
        quietly(() -> keycloak.close(), keycloak);
        quietly(() -> kafka.close(), kafka);
        quietly(() -> postgres.close(), postgres);
        keycloak = null;
        kafka = null;
        postgres = null;
        // Anything still below us (e.g. a Keycloak interrupted while starting) goes too: nothing is left behind.
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        ChildProcesses.sleep(500);
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        System.out.println("stopped.");
    }

    private void checkPortsFree() {
        List<String> busy = new ArrayList<>();
        ports.forEach((name, port) -> {
            try (ServerSocket s = new ServerSocket(port)) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                busy.add(name + " " + port);
            }
        });
        if (!busy.isEmpty()) {
            System.err.println("Ports in use: " + String.join(", ", busy)
                    + ". Is the suite already running? Otherwise choose other ports (README.md, 'Ports').");
            System.exit(1);
        }
    }

    private void reset() throws IOException {
        step("--reset: deleting " + dataDir);
        if (Files.exists(dataDir)) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void quietly(Runnable r, Object target) {
        if (target == null) {
            return;
        }
        try {
            r.run();
        } catch (RuntimeException e) {
            System.err.println("  (while stopping: " + e.getMessage() + ")");
        }
    }

    private static void step(String s) {
        System.out.println("  - " + s);
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }
}
