package io.voipconfig.localinfra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

import io.voipconfig.common.event.Topics;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/** A real single-node Kafka (KRaft: broker and controller in one) inside this JVM. */
public final class KafkaBroker implements AutoCloseable {

    /** What {@link #main} prints once the broker takes clients. */
    public static final String READY = "Voipconfig broker ready on ";

    private final KafkaRaftServer server;
    private final Path logDir;
    private final boolean deleteOnClose;
    private final int port;
    private final int controllerPort;

    private KafkaBroker(KafkaRaftServer server, Path logDir, boolean deleteOnClose, int port, int controllerPort) {
        this.server = server;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Runs a throw-away broker as a process of its own, the test-kafka image's entrypoint (deploy/images/infra.sh):
     * {@code KafkaBroker <port> <controllerPort> <logDir>}. Prints {@link #READY} when clients may connect.
     */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: KafkaBroker <port> <controllerPort> <logDir>");
            System.exit(2);
        }
        KafkaBroker broker = start(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Path.of(args[2]), false);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println(READY + broker.bootstrapServers());
        broker.server.awaitShutdown();
    }

    /** A throw-away broker on a free port. */
    public static KafkaBroker startEphemeral() {
        try {
            return start(0, 0, Files.createTempDirectory("voipconfig-kafka"), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A throw-away broker whose client listener requires SASL SCRAM-SHA-512 (what Strimzi configures on Kubernetes),
     * with {@code admin}'s credential created at format time, and {@code extra} broker properties on top (the
     * authorizer, say).
     */
    public static KafkaBroker startEphemeralScram(ScramAdmin admin, Map<String, String> extra) {
        try {
            return start(0, 0, Files.createTempDirectory("voipconfig-kafka"), false, admin, extra);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SCRAM-SHA-512 user the broker itself logs in as on its SASL listener. */
    public record ScramAdmin(String name, String password) {

        String jaasConfig() {
            return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                    + "\" password=\"" + password + "\";";
        }
    }

    /** A PLAINTEXT broker. */
    public static KafkaBroker start(int port, int controllerPort, Path logDir, boolean persistent) {
        return start(port, controllerPort, logDir, persistent, null, Map.of());
    }

    /**
     * @param port 0 for any free port
     * @param controllerPort 0 for any free port
     * @param logDir where the broker keeps its logs
     * @param persistent keep {@code logDir} (topics and offsets) across restarts; otherwise it is wiped on start and
     *        deleted on close
     */
    private static KafkaBroker start(int port, int controllerPort, Path logDir, boolean persistent,
            ScramAdmin scram, Map<String, String> extra) {
        int brokerPort = port > 0 ? port : FreePorts.next();
        controllerPort = controllerPort > 0 ? controllerPort : FreePorts.next();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "4");
        p.put("auto.create.topics.enable", "true");
        if (scram != null) { // the client (and inter-broker) listener keeps its name, its protocol becomes SASL
            p.put("listener.security.protocol.map", "PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
            p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
            p.put("listener.name.plaintext.scram-sha-512.sasl.jaas.config", scram.jaasConfig());
        }
        p.putAll(extra);
        try {
            if (!persistent) {
                clean(logDir);
            }
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) { // format once; a persistent log keeps its id
                Path cfg = logDir.resolveSibling(logDir.getFileName() + ".properties");
                try (OutputStream out = Files.newOutputStream(cfg)) {
                    p.store(out, "voipconfig embedded broker");
                }
                PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
                List<String> format = new ArrayList<>(
                        List.of("format", "-t", Uuid.randomUuid().toString(), "-c", cfg.toString()));
                if (scram != null) { // the broker's own user must exist before it can log in to itself
                    format.addAll(List.of("--add-scram",
                            "SCRAM-SHA-512=[name=" + scram.name() + ",password=" + scram.password() + "]"));
                }
                StorageTool.execute(format.toArray(String[]::new), quiet);
            }
            // Kafka ends the JVM on fatal errors (a port taken between choosing and binding it, say); inside the
            // launcher or a test JVM that would be a silent death. An exception with Kafka's reason instead.
            Exit.setExitProcedure((code, message) -> {
                throw new IllegalStateException("embedded Kafka wanted to exit (" + code + "): " + message);
            });
            Exit.setHaltProcedure((code, message) -> {
                throw new IllegalStateException("embedded Kafka wanted to halt (" + code + "): " + message);
            });
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(p, false), Time.SYSTEM);
            server.startup();
            return new KafkaBroker(server, logDir, !persistent, brokerPort, controllerPort);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the Voipconfig topics if missing (on Kubernetes, Strimzi {@code KafkaTopic}s do this), so consumers
     * find them at once instead of at their next metadata refresh.
     */
    public KafkaBroker createTopics(int partitions) {
        createTopics(bootstrapServers(), partitions);
        return this;
    }

    /** {@link #createTopics(int)} on any broker (one in a container, say). */
    public static void createTopics(String bootstrapServers, int partitions) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Stream
                    .of(Topics.INVENTORY, Topics.CHANGES,
                            Topics.ACTIVITY,
                            Topics.RPS_DEAD_LETTER)
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create the Voipconfig topics: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            clean(logDir);
        }
    }

    private static void clean(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
