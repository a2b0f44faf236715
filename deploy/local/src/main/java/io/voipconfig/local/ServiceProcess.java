package io.voipconfig.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.voipconfig.localinfra.ChildProcesses;

/**
 * One Quarkus application started from its {@code target/quarkus-app} as a child process — or, when
 * {@code VOIPCONFIG_IMAGES} names a registry and group (e.g. {@code 127.0.0.1:5000/voipconfig}, see
 * deploy/images/build.sh), from its container image with Podman, confined as the Kubernetes manifests confine it:
 * read-only root filesystem with a {@code /tmp} tmpfs, every capability dropped, no privilege escalation, a memory limit
 * ({@code VOIPCONFIG_CONTAINER_MEMORY}, 512m) that sizes the JVM. Host network, so the ports stay the same. Each has
 * two ports: its own (phones, the API) and its management port ({@code /q/health/*}, {@code /q/metrics}).
 */
final class ServiceProcess {

    final String name;
    final int port;
    final int managementPort;
    private final Process process;
    private final Path log;
    private final Path quarkusApp;
    private final Map<String, String> env;
    /** The container's name when run from an image, else null. */
    final String container;

    private ServiceProcess(String name, int port, int managementPort, Process process, Path log, Path quarkusApp,
            Map<String, String> env, String container) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
        this.quarkusApp = quarkusApp;
        this.env = env;
        this.container = container;
    }

    /** The same service started again (after {@link #kill()}); its log goes on in the same file. */
    ServiceProcess restart() {
        return start(name, quarkusApp, port, managementPort, env, log.getParent());
    }

    /** SIGKILL, as a crash: no shutdown hook, nothing flushed or committed; waits until it is gone. */
    void kill() {
        if (container != null) {
            podman("kill", "--signal", "KILL", container);
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ServiceProcess start(String name, Path quarkusApp, int port, int managementPort, Map<String, String> env,
            Path logDir) {
        Path log = logDir.resolve(name + ".log");
        String images = System.getenv("VOIPCONFIG_IMAGES");
        List<String> cmd = images == null || images.isBlank()
                ? javaCommand(name, quarkusApp)
                : containerCommand(images.strip(), name, port, env);
        String container = cmd.get(0).equals("podman") ? cmd.get(cmd.indexOf("--name") + 1) : null;
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        try {
            return new ServiceProcess(name, port, managementPort, pb.start(), log, quarkusApp, Map.copyOf(env),
                    container);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    private static List<String> javaCommand(String name, Path quarkusApp) {
        Path jar = quarkusApp.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with './mvnw -DskipTests package' first");
        }
        List<String> cmd = new ArrayList<>(List.of(javaBinary()));
        cmd.addAll(List.of(javaOptions(name, System.getenv()).split("\\s+")));
        cmd.addAll(List.of("-jar", jar.toString()));
        return cmd;
    }

    /**
     * The JVM options of one service, chosen by measurement on 2 cores (docs/benchmarks.md, "JVM flags for the default
     * launch"): config-service, which serves every phone's configuration, with the tiered compilers and the parallel
     * collector (twice the steady-state throughput of C1 alone); the others with small heaps and C1 only, since seven
     * JVMs compiling with C2 at once during a cold storm cost more than it won back. {@code VOIPCONFIG_JAVA_OPTS_<NAME>}
     * ({@code VOIPCONFIG_JAVA_OPTS_CONFIG_SERVICE}) sets one service's, {@code VOIPCONFIG_JAVA_OPTS} every service's.
     */
    static String javaOptions(String name, Map<String, String> env) {
        String own = env.getOrDefault("VOIPCONFIG_JAVA_OPTS_" + name.toUpperCase(Locale.ROOT).replace('-', '_'), "");
        String all = env.getOrDefault("VOIPCONFIG_JAVA_OPTS", "");
        if (!own.isBlank()) {
            return own.strip();
        }
        if (!all.isBlank()) {
            return all.strip();
        }
        return name.equals("config-service")
                ? "-Xmx256m -XX:+UseParallelGC"
                : "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    }

    /**
     * {@code podman run} of the service's image. The environment reaches the container by name only ({@code -e KEY}
     * takes the value from podman's own environment): no password on a command line. {@code VOIPCONFIG_PODMAN_OPTS}
     * adds options (deploy/images/test.sh passes what this machine's kernel needs).
     */
    private static List<String> containerCommand(String images, String name, int port, Map<String, String> env) {
        String tag = System.getenv("VOIPCONFIG_IMAGE_TAG");
        if (tag == null || tag.isBlank()) {
            throw new IllegalStateException(
                    "VOIPCONFIG_IMAGES is set: set VOIPCONFIG_IMAGE_TAG to the images' tag too");
        }
        // --pull=always: the image the registry has under the tag now, never an older one Podman kept under the same
        // tag (a CI run once tested a stale rps-sync-service image that way); unchanged layers are not fetched again.
        List<String> cmd = new ArrayList<>(List.of("podman", "run", "--rm", "--pull=always", "--name",
                "voipconfig-" + name + "-" + port, "--network", "host", "--read-only", "--tmpfs", "/tmp:rw,size=256m",
                "--cap-drop", "ALL",
                "--security-opt", "no-new-privileges", "--memory",
                System.getenv().getOrDefault("VOIPCONFIG_CONTAINER_MEMORY", "512m")));
        if (images.startsWith("127.0.0.1:") || images.startsWith("localhost:")) {
            cmd.add("--tls-verify=false"); // the plain-HTTP registry of deploy/images/build.sh on loopback, only
        }
        String opts = System.getenv().getOrDefault("VOIPCONFIG_PODMAN_OPTS", "").strip();
        if (!opts.isEmpty()) {
            cmd.addAll(List.of(opts.split("\\s+")));
        }
        for (String key : new TreeSet<>(env.keySet())) {
            cmd.addAll(List.of("-e", key));
        }
        cmd.addAll(
                List.of("-e", "QUARKUS_HTTP_PORT", "-e", "QUARKUS_MANAGEMENT_PORT", images + "/" + name + ":" + tag));
        return cmd;
    }

    private static void podman(String... args) {
        List<String> cmd = new ArrayList<>(List.of("podman"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code /q/health/ready} answers 200 on the management port. */
    void awaitReady(Duration timeout) {
        ChildProcesses.awaitHttpOk(process, URI.create(managementUrl() + "/q/health/ready"), timeout, name, log);
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** Where its operational endpoints answer. */
    String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then SIGKILL after the grace period; children of the process too. */
    void stop(Duration grace) {
        if (container != null && process.isAlive()) {
            podman("stop", "--time", Long.toString(Math.max(1, grace.toSeconds())), container);
        }
        ChildProcesses.stop(process, grace);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
