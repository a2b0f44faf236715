package io.voipconfig.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.voipconfig.testsupport.ChildProcesses;

/** One Quarkus application started from its {@code target/quarkus-app} as a child process. */
final class ServiceProcess {

    final String name;
    final int port;
    private final Process process;
    private final Path log;
    private final Path quarkusApp;
    private final Map<String, String> env;

    private ServiceProcess(String name, int port, Process process, Path log, Path quarkusApp,
            Map<String, String> env) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.quarkusApp = quarkusApp;
        this.env = env;
    }

    /** The same service started again (after {@link #kill()}); its log goes on in the same file. */
    ServiceProcess restart() {
        return start(name, quarkusApp, port, env, log.getParent());
    }

    /** SIGKILL, as a crash: no shutdown hook, nothing flushed or committed; waits until it is gone. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ServiceProcess start(String name, Path quarkusApp, int port, Map<String, String> env, Path logDir) {
        Path jar = quarkusApp.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with './mvnw -DskipTests package' first");
        }
        Path log = logDir.resolve(name + ".log");
        // Small heaps and the C1 compiler only by default: seven JVMs plus Keycloak share a 2-core machine, where C2's
        // compile work cost more than it won back (docs/benchmarks.md, reboot storm). VOIPCONFIG_JAVA_OPTS overrides.
        List<String> cmd = new ArrayList<>(List.of(javaBinary()));
        cmd.addAll(List.of(System.getenv().getOrDefault("VOIPCONFIG_JAVA_OPTS",
                "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1").strip()
                .split("\\s+")));
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        try {
            return new ServiceProcess(name, port, pb.start(), log, quarkusApp, Map.copyOf(env));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    void awaitReady(Duration timeout) {
        ChildProcesses.awaitHttpOk(process, URI.create(url() + "/q/health/ready"), timeout, name, log);
    }

    String url() {
        return "http://localhost:" + port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then SIGKILL after the grace period; children of the process too. */
    void stop(Duration grace) {
        ChildProcesses.stop(process, grace);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
