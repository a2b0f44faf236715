package io.voipconfig.localinfra;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (binaries from Maven Central) with the Voipconfig database and roles. As root it runs inside a
 * user namespace ({@code unshare -U}), which zonky arranges by itself.
 */
public final class PostgresServer implements AutoCloseable {

    private final EmbeddedPostgres pg;

    private PostgresServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /** A throw-away server on a free port. */
    public static PostgresServer startEphemeral() {
        return start(0, null);
    }

    /**
     * @param port 0 for any free port
     * @param dataDirectory null for a throw-away directory; otherwise data persists there between starts
     */
    public static PostgresServer start(int port, Path dataDirectory) {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost");
            if (port > 0) {
                b.setPort(port);
            }
            if (dataDirectory != null) {
                b.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            PostgresServer server = new PostgresServer(b.start());
            try (Connection c = server.pg.getPostgresDatabase().getConnection()) {
                DatabaseRoles.bootstrap(c);
            }
            return server;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return pg.getPort();
    }

    public String jdbcUrl() {
        return jdbcUrl(port());
    }

    public String reactiveUrl() {
        return reactiveUrl(port());
    }

    /** The Voipconfig database of a server on this machine's {@code port} (this one, or one in a container). */
    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DatabaseRoles.DATABASE;
    }

    public static String reactiveUrl(int port) {
        return "postgresql://localhost:" + port + "/" + DatabaseRoles.DATABASE;
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        }
    }
}
