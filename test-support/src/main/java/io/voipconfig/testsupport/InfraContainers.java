package io.voipconfig.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import com.github.dockerjava.api.exception.NotFoundException;

import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.localinfra.FreePorts;
import io.voipconfig.localinfra.KafkaBroker;
import io.voipconfig.localinfra.KeycloakServer;

/**
 * PostgreSQL, Kafka and Keycloak as containers (Testcontainers) from the images {@code deploy/images/infra.sh} builds,
 * for the test resources of this module. {@code -Dvoipconfig-test.infra} chooses:
 * <ul>
 * <li>{@code auto} (the default): containers when {@code DOCKER_HOST} names a reachable engine (Podman's service
 * counts) that holds the images, else the embedded processes of local-infra;</li>
 * <li>{@code containers}: containers, and a clear failure when the engine or an image is missing;</li>
 * <li>{@code embedded}: never containers.</li>
 * </ul>
 * The containers share the host's network and listen on loopback ports chosen here, so the brokers advertise the
 * address clients dial, as the embedded ones do, with no port mapping to translate.
 */
public final class InfraContainers {

    static final String MODE_PROPERTY = "voipconfig-test.infra";

    /** An image of {@code deploy/images/infra.sh}; {@code -Dvoipconfig-test.image.<name>} names another. */
    public enum Image {

        POSTGRES,
        KAFKA,
        KEYCLOAK;

        String reference() {
            String name = name().toLowerCase(Locale.ROOT);
            return System.getProperty("voipconfig-test.image." + name, "localhost/voipconfig/test-" + name + ":latest");
        }
    }

    private static final Logger LOG = Logger.getLogger(InfraContainers.class);
    private static final Duration STARTUP = Duration.ofMinutes(4);

    private InfraContainers() {
    }

    /** Whether this test JVM runs its infrastructure from these images (see the class comment). */
    public static boolean chosen(Image... images) {
        String mode = System.getProperty(MODE_PROPERTY, "auto");
        switch (mode) {
            case "embedded" :
                return false;
            case "containers" :
                String missing = missing(images);
                if (missing != null) {
                    throw new IllegalStateException("-D" + MODE_PROPERTY + "=containers, but " + missing
                            + " (deploy/images/infra.sh builds the images; deploy/images/engine.sh starts Podman's service)");
                }
                return true;
            case "auto" :
                if (System.getenv("DOCKER_HOST") == null) {
                    return false;
                }
                String absent = missing(images);
                if (absent != null) {
                    LOG.infof("infrastructure embedded: DOCKER_HOST is set, but %s", absent);
                }
                return absent == null;
            default :
                throw new IllegalArgumentException(
                        "-D" + MODE_PROPERTY + "=" + mode + ": expected auto, containers or embedded");
        }
    }

    /** What stands in the way of {@code images}, or null. */
    private static String missing(Image... images) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no Docker-API engine answers (DOCKER_HOST=" + System.getenv("DOCKER_HOST") + ")";
        }
        return Arrays.stream(images).filter(image -> !present(image.reference())).findFirst()
                .map(image -> "the engine has no image " + image.reference()).orElse(null);
    }

    private static boolean present(String reference) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(reference).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** A started container and the loopback port it serves on. */
    public record Running(GenericContainer<?> container, int port) implements AutoCloseable {

        @Override
        public void close() {
            container.stop();
        }
    }

    /** PostgreSQL with the Voipconfig database and roles, as local-infra's PostgresServer sets them up. */
    public static Running postgres() {
        int port = FreePorts.next();
        Running running = start(Image.POSTGRES, container(Image.POSTGRES).withEnv("PGPORT", String.valueOf(port))
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 1)), port);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "")) {
            DatabaseRoles.bootstrap(c);
        } catch (SQLException e) {
            running.close();
            throw new IllegalStateException("the PostgreSQL container refused the roles: " + e.getMessage(), e);
        }
        return running;
    }

    /** A Kafka broker (KRaft, one node, PLAINTEXT) with the Voipconfig topics. */
    public static Running kafka(int partitions) {
        int port = FreePorts.next();
        Running running = start(Image.KAFKA, container(Image.KAFKA).withEnv("KAFKA_PORT", String.valueOf(port))
                .withEnv("KAFKA_CONTROLLER_PORT", String.valueOf(FreePorts.next()))
                .waitingFor(Wait.forLogMessage(".*" + KafkaBroker.READY + ".*", 1)), port);
        KafkaBroker.createTopics("localhost:" + port, partitions);
        return running;
    }

    /** Keycloak in dev mode with {@code realmFile} imported. */
    public static Running keycloak(Path realmFile) {
        int port = FreePorts.next();
        return start(Image.KEYCLOAK, container(Image.KEYCLOAK).withEnv("KC_HTTP_PORT", String.valueOf(port))
                .withEnv("KC_HTTP_MANAGEMENT_PORT", String.valueOf(FreePorts.next()))
                .withCopyFileToContainer(MountableFile.forHostPath(realmFile),
                        "/opt/keycloak/data/import/" + KeycloakServer.REALM + "-realm.json")
                .waitingFor(Wait.forLogMessage(".*Listening on: http.*", 1)), port);
    }

    @SuppressWarnings("resource") // closed by the returned Running
    private static GenericContainer<?> container(Image image) {
        return new GenericContainer<>(DockerImageName.parse(image.reference())).withNetworkMode("host")
                .withLogConsumer(
                        new LogFile(Path.of("target", image.name().toLowerCase(Locale.ROOT) + "-container.log")));
    }

    private static Running start(Image image, GenericContainer<?> container, int port) {
        container.withStartupTimeout(STARTUP).start();
        LOG.infof("%s in container %s on port %d", image.reference(), container.getContainerId().substring(0, 12),
                port);
        return new Running(container, port);
    }

    /** A container's output, appended to a file under target/ (the embedded servers log there too). */
    private record LogFile(Path file) implements Consumer<OutputFrame> {

        @Override
        public void accept(OutputFrame frame) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, frame.getUtf8String(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
