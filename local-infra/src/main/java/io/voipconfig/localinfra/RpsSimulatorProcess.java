package io.voipconfig.localinfra;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The RPS simulator ({@code deploy/rps-simulator}, packaged earlier in the reactor) as a real process on a free
 * loopback port, for tests of rps-sync-service against it.
 */
public final class RpsSimulatorProcess implements AutoCloseable {

    public static final String ACCESS_KEY_ID = "local-access-key";
    public static final String ACCESS_KEY_SECRET = "local-access-secret";

    private final Process process;
    private final int port;

    private RpsSimulatorProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static RpsSimulatorProcess start(Path log) {
        Path jar = ProjectFiles.find("deploy/rps-simulator/target/quarkus-app/quarkus-run.jar");
        int port = FreePorts.next();
        int management = FreePorts.next();
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+UseSerialGC",
                    "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.management.port=" + management, "-Dquarkus.management.host=127.0.0.1", "-jar",
                    jar.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            RpsSimulatorProcess sim = new RpsSimulatorProcess(p, port);
            ChildProcesses.awaitHttpOk(p, URI.create("http://127.0.0.1:" + management + "/q/health/ready"),
                    Duration.ofMinutes(2),
                    "RPS simulator", log);
            return sim;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the RPS simulator: " + e, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(10));
    }
}
