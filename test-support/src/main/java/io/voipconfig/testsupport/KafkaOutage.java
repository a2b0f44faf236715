package io.voipconfig.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;

import io.voipconfig.localinfra.KafkaBroker;

/**
 * Takes the test's Kafka broker away and brings it back on the same ports with its log (topics, offsets) intact, as a
 * broker outage does. Injected into a test's field annotated {@link Inject} by {@link RealInfraResource} started with
 * {@code restartableKafka=true}.
 */
public final class KafkaOutage {

    /** Marks the field of type {@link KafkaOutage} to inject. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private KafkaBroker broker;
    private final int port;
    private final int controllerPort;
    private final Path logDir;

    KafkaOutage(KafkaBroker broker) {
        this.broker = broker;
        this.port = broker.port();
        this.controllerPort = broker.controllerPort();
        this.logDir = broker.logDir();
    }

    /** Stops the broker: clients lose their connections and cannot reconnect until {@link #end()}. */
    public synchronized void begin() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Starts the broker again where it was. */
    public synchronized void end() {
        if (broker == null) {
            broker = KafkaBroker.start(port, controllerPort, logDir, true);
        }
    }

    synchronized KafkaBroker broker() {
        return broker;
    }
}
