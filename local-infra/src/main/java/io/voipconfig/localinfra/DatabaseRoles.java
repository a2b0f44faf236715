package io.voipconfig.localinfra;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database, its owner and the per-service roles (docs/architecture.md, "Database roles"), created by a
 * superuser before the first migration: test resources and the local launcher do it here; on Kubernetes the
 * CloudNativePG Cluster declares the same roles.
 */
public final class DatabaseRoles {

    public static final String DATABASE = "voipconfig";
    /** Owns the database; portal-api connects with it and runs the migrations. */
    public static final String OWNER = "voipconfig";
    /** NOLOGIN group of the phone-facing services: SELECT on what they serve. */
    public static final String READER_GROUP = "voipconfig_reader";
    /** NOLOGIN group of rps-sync-service: reads the inventory, writes only the rps_* tables. */
    public static final String RPS_GROUP = "voipconfig_rps";

    public static final String CONFIG_SERVICE = "config_service";
    public static final String PHONEBOOK_SERVICE = "phonebook_service";
    public static final String MEDIA_SERVICE = "media_service";
    public static final String RPS_SYNC_SERVICE = "rps_sync_service";

    private DatabaseRoles() {
    }

    /** Local and test password of a login role. Production passwords come from Kubernetes Secrets. */
    public static String devPassword(String role) {
        return role + "-dev";
    }

    /** Idempotent: creates what is missing, leaves the rest alone. {@code superuser} is on database postgres. */
    public static void bootstrap(Connection superuser) throws SQLException {
        try (Statement s = superuser.createStatement()) {
            createRole(s, OWNER, true, null);
            createRole(s, READER_GROUP, false, null);
            createRole(s, RPS_GROUP, false, null);
            for (String reader : List.of(CONFIG_SERVICE, PHONEBOOK_SERVICE, MEDIA_SERVICE)) {
                createRole(s, reader, true, READER_GROUP);
            }
            createRole(s, RPS_SYNC_SERVICE, true, RPS_GROUP);
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            boolean exists = rs.next();
            rs.close();
            if (!exists) {
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
            }
        }
    }

    private static void createRole(Statement s, String role, boolean login, String memberOf) throws SQLException {
        var rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'");
        boolean exists = rs.next();
        rs.close();
        if (!exists) {
            s.execute("CREATE ROLE " + role + (login ? " LOGIN PASSWORD '" + devPassword(role) + "'" : " NOLOGIN")
                    + (memberOf == null ? "" : " IN ROLE " + memberOf));
        }
    }
}
