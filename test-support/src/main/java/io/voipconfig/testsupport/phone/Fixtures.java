package io.voipconfig.testsupport.phone;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
