package io.voipconfig.localinfra;

import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs the schema migrations of voipconfig-common the way portal-api does at start (same location and
 * placeholders), for tests of the services that never migrate themselves.
 */
public final class Migrations {

    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    public static Map<String, String> placeholders() {
        return Map.of("reader_role", DatabaseRoles.READER_GROUP, "rps_role", DatabaseRoles.RPS_GROUP);
    }

    public static MigrateResult migrate(String jdbcUrl) {
        return Flyway.configure()
                .dataSource(jdbcUrl, DatabaseRoles.OWNER, DatabaseRoles.devPassword(DatabaseRoles.OWNER))
                .locations(LOCATION)
                .placeholders(placeholders())
                .load()
                .migrate();
    }
}
