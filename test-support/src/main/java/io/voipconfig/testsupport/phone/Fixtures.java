package io.voipconfig.testsupport.phone;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
import io.voipconfig.common.mac.MacAddress;

/** Arranges data the way portal-api stores it, over JDBC as the owner role. */
public final class Fixtures {

    private static final SecretCipher CIPHER = SecretCipher.fromSpec(
            ConfigProvider.getConfig().getValue("voipconfig.secrets.active-key", String.class),
            ConfigProvider.getConfig().getValue("voipconfig.secrets.keys", String.class));

    public static Connection owner() throws SQLException {
        return DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("voipconfig-test.owner-jdbc-url", String.class));
    }

    public static UUID organization(String slug, String username, String password, String authMode)
            throws SQLException {
        UUID id = UUID.randomUUID();
        exec("INSERT INTO organization (id, slug, name, provisioning_username, provisioning_password_enc, auth_mode,"
                + " settings) VALUES (?, ?, ?, ?, ?, ?, '{\"local_time.time_zone\":\"+1\"}'::jsonb)", id, slug,
                slug.toUpperCase() + " Ltd", username,
                CIPHER.encrypt(password, SecretContexts.provisioningPassword(id)), authMode);
        return id;
    }

    /** A partner, with its own provisioning host name when {@code provisioningHost} is not null. */
    public static UUID partner(String slug, String provisioningHost) throws SQLException {
        UUID id = UUID.randomUUID();
        exec("INSERT INTO partner (id, slug, name, provisioning_host) VALUES (?, ?, ?, ?)", id, slug,
                "Partner " + slug, provisioningHost);
        return id;
    }

    /** Moves an organization to a partner (before a service has cached it; no event is sent). */
    public static void assignPartner(UUID org, UUID partner) throws SQLException {
        exec("UPDATE organization SET partner_id = ? WHERE id = ?", partner, org);
    }

    /**
     * A rotation as portal-api stores it: the current credentials become the previous set (accepted until
     * {@code previousUntil}), the new ones current, the generation one higher.
     */
    public static void rotateCredentials(UUID org, String username, String password, Instant previousUntil)
            throws SQLException {
        exec("UPDATE organization SET previous_username = provisioning_username,"
                + " previous_password_enc = provisioning_password_enc, previous_credentials_until = ?,"
                + " provisioning_username = ?, provisioning_password_enc = ?,"
                + " credentials_generation = credentials_generation + 1, credentials_changed_at = now() WHERE id = ?",
                OffsetDateTime.ofInstant(previousUntil, ZoneOffset.UTC), username,
                CIPHER.encrypt(password, SecretContexts.provisioningPassword(org)), org);
    }

    /** A rename as portal-api stores it: the old slug served for the organization until {@code aliasUntil}. */
    public static void renameSlug(UUID org, String newSlug, Instant aliasUntil) throws SQLException {
        exec("INSERT INTO organization_slug_alias (slug, organization_id, valid_until, created_at)"
                + " SELECT slug, id, ?, now() FROM organization WHERE id = ?",
                OffsetDateTime.ofInstant(aliasUntil, ZoneOffset.UTC), org);
        exec("UPDATE organization SET slug = ? WHERE id = ?", newSlug, org);
    }

    /** A move as portal-api stores it: the source's credentials accepted for the MAC until {@code until}. */
    public static void moveDevice(String mac, UUID to, Instant until) throws SQLException {
        exec("UPDATE device SET moved_from_organization_id = organization_id, moved_until = ?, organization_id = ?"
                + " WHERE mac = ?", OffsetDateTime.ofInstant(until, ZoneOffset.UTC), to, mac);
    }

    /** A squatted MAC reclaimed as portal-api stores it: in {@code to}, bare, and no grace for the holder. */
    public static void reclaimDevice(String mac, UUID to) throws SQLException {
        exec("DELETE FROM sip_account WHERE device_mac = ?", mac);
        exec("UPDATE device SET moved_from_organization_id = NULL, moved_until = NULL, organization_id = ?, label = NULL"
                + " WHERE mac = ?", to, mac);
    }

    public static void enableEncryption(UUID org, String key) throws SQLException {
        exec("UPDATE organization SET encryption_enabled = true, encryption_key_enc = ? WHERE id = ?",
                CIPHER.encrypt(key, SecretContexts.encryptionKey(org)), org);
    }

    public static void device(String mac, UUID org, String model, String label, int accounts) throws SQLException {
        exec("INSERT INTO device (mac, organization_id, model, label) VALUES (?, ?, ?, ?)", mac, org, model, label);
        for (int i = 1; i <= accounts; i++) {
            exec("INSERT INTO sip_account (device_mac, account_index, display_name, user_name, password_enc, server)"
                    + " VALUES (?, ?, ?, ?, ?, 'sip.example.net')", mac, i, label + " " + i,
                    "user" + i + mac.substring(8),
                    CIPHER.encrypt("sip-secret-" + i, SecretContexts.sipPassword(MacAddress.parse(mac), i)));
        }
    }

    public static void exec(String sql, Object... args) throws SQLException {
        try (Connection c = owner(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
