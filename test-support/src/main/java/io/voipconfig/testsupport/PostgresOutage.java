package io.voipconfig.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;

import io.voipconfig.localinfra.PostgresServer;

/**
 * Takes the test's PostgreSQL away and brings it back on the same port with its data intact, as a database outage (a
 * failover, a restart) does. Injected into a test's field annotated {@link Inject} by {@link RealInfraResource}
 * started with {@code restartablePostgres=true}.
 */
public final class PostgresOutage {

    /** Marks the field of type {@link PostgresOutage} to inject. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private PostgresServer server;
    private final int port;
    private final Path dataDirectory;

    PostgresOutage(PostgresServer server, Path dataDirectory) {
        this.server = server;
        this.port = server.port();
        this.dataDirectory = dataDirectory;
    }

    /** Stops the server: open connections break and new ones are refused until {@link #end()}. */
    public synchronized void begin() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts the server again where it was, with the data it had. */
    public synchronized void end() {
        if (server == null) {
            server = PostgresServer.start(port, dataDirectory);
        }
    }

    synchronized PostgresServer server() {
        return server;
    }
}
