package io.voipconfig.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The migrations on a real, empty PostgreSQL, and what each service role may and may not do. */
class SchemaAndRolesTest {

    static PostgresServer pg;
    static MigrateResult first;

    @BeforeAll
    static void migrate() {
        pg = PostgresServer.startEphemeral();
        first = Migrations.migrate(pg.jdbcUrl());
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    @Test
    void migrationsApplyOnAnEmptyDatabaseAndASecondRunChangesNothing() throws SQLException {
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(2);
        String before = schemaFingerprint();

        MigrateResult second = Migrations.migrate(pg.jdbcUrl());
        assertThat(second.migrationsExecuted).isZero();
        assertThat(schemaFingerprint()).isEqualTo(before);
    }

    @Test
    void rolesBootstrapIsIdempotent() throws SQLException {
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + pg.port() + "/postgres?user=postgres")) {
            DatabaseRoles.bootstrap(c);
            DatabaseRoles.bootstrap(c);
        }
    }

    @Test
    void modelCatalogIsSeeded() throws SQLException {
        try (Connection c = connect(DatabaseRoles.CONFIG_SERVICE);
                Statement s = c.createStatement();
                ResultSet rs = s
                        .executeQuery("SELECT common_file_code, accounts, line_keys, screen_width, screen_height"
                                + " FROM phone_model WHERE name = 'T46U'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("108");
            assertThat(rs.getInt(2)).isEqualTo(16);
            assertThat(rs.getInt(3)).isEqualTo(27);
            assertThat(rs.getInt(4)).isEqualTo(480);
            assertThat(rs.getInt(5)).isEqualTo(272);
        }
        assertThat(count(DatabaseRoles.OWNER, "SELECT count(*) FROM phone_model")).isGreaterThan(50);
    }

    @Test
    void phoneFacingRolesReadButNeverWrite() throws SQLException {
        for (String role : new String[]{DatabaseRoles.CONFIG_SERVICE, DatabaseRoles.PHONEBOOK_SERVICE,
                DatabaseRoles.MEDIA_SERVICE}) {
            assertThat(count(role, "SELECT count(*) FROM device")).isZero();
            assertThat(count(role, "SELECT count(*) FROM removed_setting")).isZero(); // the files render resets
            assertDenied(role, "DELETE FROM removed_setting");
            assertDenied(role, "INSERT INTO organization (id, slug, name, provisioning_username,"
                    + " provisioning_password_enc) VALUES (gen_random_uuid(), 'x', 'x', 'x', 'x')");
            assertDenied(role, "DELETE FROM phone_model");
            // the grace state of rotations, renames and moves is read by the gate, written only by portal-api
            assertThat(count(role, "SELECT count(*) FROM device_credentials")).isZero();
            assertThat(count(role, "SELECT count(*) FROM organization_slug_alias")).isZero();
            assertDenied(role, "DELETE FROM device_credentials");
            assertDenied(role, "SELECT count(*) FROM outbox");
            assertDenied(role, "SELECT count(*) FROM provisioning_activity");
            assertDenied(role, "CREATE TABLE evil (id int)");
        }
    }

    @Test
    void rpsRoleWritesOnlyItsOwnTables() throws SQLException {
        String rps = DatabaseRoles.RPS_SYNC_SERVICE;
        try (Connection c = connect(rps); Statement s = c.createStatement()) {
            s.execute("INSERT INTO rps_history (operation, outcome, duration_ms) VALUES ('server.add', 'OK', 12)");
            s.execute("INSERT INTO rps_server_state (organization_id, status) VALUES (gen_random_uuid(), 'PENDING')");
        }
        assertThat(count(rps, "SELECT count(*) FROM device")).isZero();
        assertDenied(rps, "UPDATE organization SET name = 'x'");
        assertDenied(rps, "DELETE FROM device");
        assertDenied(rps, "SELECT count(*) FROM sip_account");
        assertDenied(rps, "SELECT count(*) FROM outbox");
    }

    @Test
    void databaseRejectsInvalidRows() throws SQLException {
        try (Connection c = connect(DatabaseRoles.OWNER); Statement s = c.createStatement()) {
            s.execute("INSERT INTO organization (id, slug, name, provisioning_username, provisioning_password_enc)"
                    + " VALUES ('a0000000-0000-4000-8000-000000000001', 'acme', 'Acme', 'acme', 'v1:k:x')");
            assertThatThrownBy(() -> s.execute("INSERT INTO device (mac, organization_id, model) VALUES"
                    + " ('0015654AA937', 'a0000000-0000-4000-8000-000000000001', 'T46U')"))
                    .hasMessageContaining("device_mac_check");
            assertThatThrownBy(() -> s.execute("INSERT INTO organization (id, slug, name, provisioning_username,"
                    + " provisioning_password_enc) VALUES (gen_random_uuid(), 'Bad Slug', 'x', 'x', 'x')"))
                    .hasMessageContaining("organization_slug_check");
            s.execute("DELETE FROM organization");
        }
    }

    private static void assertDenied(String role, String sql) {
        assertThatThrownBy(() -> {
            try (Connection c = connect(role); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }).as(role + ": " + sql).hasMessageContaining("permission denied");
    }

    private static long count(String role, String sql) throws SQLException {
        try (Connection c = connect(role); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String schemaFingerprint() throws SQLException {
        try (Connection c = connect(DatabaseRoles.OWNER);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT string_agg(table_name || '.' || column_name || ':' || data_type,"
                        + " ',' ORDER BY table_name, ordinal_position) || '|' || (SELECT count(*) FROM phone_model)"
                        + " || '|' || (SELECT count(*) FROM flyway_schema_history)"
                        + " FROM information_schema.columns WHERE table_schema = 'public'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(String role) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), role, DatabaseRoles.devPassword(role));
    }
}
