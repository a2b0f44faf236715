package io.voipconfig.local;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.voipconfig.common.crypto.SecretCipher;

/**
 * The demo organization {@code acme}: one device per a few common models with a SIP account each, a phonebook all of
 * them may read, and a wallpaper. Idempotent: a second run adds nothing.
 */
final class DemoData {

    static final UUID ACME_ID = UUID.fromString("a0000000-0000-4000-8000-0000000000ac");
    static final String ACME_SLUG = "acme";
    static final String PROVISIONING_USER = "acme";
    static final String PROVISIONING_PASSWORD = "acme-provisioning";
    static final String WALLPAPER = "acme-wallpaper.png";

    record DemoDevice(String mac, String model, String label, String extension, String userAgent) {
    }

    static final List<DemoDevice> DEVICES = List.of(
            new DemoDevice("001565a0c001", "T46U", "Reception", "1001",
                    "Yealink SIP-T46U 108.86.0.90 00:15:65:a0:c0:01"),
            new DemoDevice("001565a0c002", "T54W", "Sales desk", "1002",
                    "Yealink SIP-T54W 96.86.0.100 00:15:65:a0:c0:02"),
            new DemoDevice("001565a0c003", "T48U", "Boardroom", "1003",
                    "Yealink SIP-T48U 108.86.0.90 00:15:65:a0:c0:03"),
            new DemoDevice("805ec0a0c004", "T33G", "Warehouse", "1004",
                    "Yealink SIP-T33G 124.86.0.75 80:5e:c0:a0:c0:04"),
            new DemoDevice("249ad8a0c005", "T57W", "Director", "1005",
                    "Yealink SIP-T57W 96.86.0.100 24:9a:d8:a0:c0:05"));

    private DemoData() {
    }

    /** @return true when something was inserted */
    static boolean seed(Connection c, SecretCipher secrets) throws SQLException {
        c.setAutoCommit(false);
        try {
            int orgs = update(c, "INSERT INTO organization (id, slug, name, provisioning_username,"
                    + " provisioning_password_enc, auth_mode, settings) VALUES (?, ?, ?, ?, ?, 'DIGEST', ?::jsonb)"
                    + " ON CONFLICT (id) DO NOTHING", ACME_ID, ACME_SLUG, "Acme Corporation", PROVISIONING_USER,
                    secrets.encrypt(PROVISIONING_PASSWORD, "organization/" + ACME_ID + "/provisioning-password"),
                    "{\"local_time.ntp_server1\":\"pool.ntp.org\",\"local_time.time_zone\":\"+1\","
                            + "\"lang.gui\":\"English\",\"lang.wui\":\"English\"}");
            if (orgs == 0) {
                c.rollback();
                return false;
            }
            byte[] png = wallpaper();
            update(c, "INSERT INTO media (organization_id, name, kind, content_type, size_bytes, sha256, content)"
                    + " VALUES (?, ?, 'WALLPAPER', 'image/png', ?, ?, ?)", ACME_ID, WALLPAPER, (long) png.length,
                    sha256(png), png);
            long phonebookId;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO phonebook (organization_id, name) VALUES (?, 'Acme staff') RETURNING id")) {
                ps.setObject(1, ACME_ID);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    phonebookId = rs.getLong(1);
                }
            }
            String[][] contacts = {{"Alice Smith", "Sales", "1001", "+41791234567"},
                    {"Bob Jones", "Sales", "1002"}, {"Carla Díaz", "Support", "1003", "+34600111222"},
                    {"Dan O'Neil & Sons", "Support", "1004"}, {"Front desk", "", "1001"}};
            for (String[] ct : contacts) {
                Array phones = c.createArrayOf("text", java.util.Arrays.copyOfRange(ct, 2, ct.length));
                update(c, "INSERT INTO contact (phonebook_id, name, group_name, phones) VALUES (?, ?, ?, ?)",
                        phonebookId, ct[0], ct[1], phones);
            }
            for (DemoDevice d : DEVICES) {
                update(c, "INSERT INTO device (mac, organization_id, model, label, wallpaper) VALUES (?, ?, ?, ?, ?)",
                        d.mac(), ACME_ID, d.model(), d.label(), WALLPAPER);
                update(c, "INSERT INTO sip_account (device_mac, account_index, label, display_name, user_name,"
                        + " auth_name, password_enc, server, port, transport) VALUES (?, 1, ?, ?, ?, ?, ?,"
                        + " 'sip.acme.example', 5060, 'UDP')", d.mac(), d.extension(), d.label(), d.extension(),
                        d.extension(), secrets.encrypt("sip-" + d.extension() + "-demo",
                                "device/" + d.mac() + "/account/1/password"));
                update(c, "INSERT INTO device_phonebook (device_mac, phonebook_id, position) VALUES (?, ?, 1)",
                        d.mac(), phonebookId);
            }
            c.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** An 800×480 PNG drawn here, so the demo needs no binary file in the repository. */
    static byte[] wallpaper() {
        BufferedImage img = new BufferedImage(800, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f3a5f), 800, 480, new Color(0x4f8fc0)));
        g.fillRect(0, 0, 800, 480);
        // Shapes only: text would need system fonts, which a machine with just a JDK may not have.
        g.setColor(Color.WHITE);
        g.fillOval(330, 170, 140, 140);
        g.setColor(new Color(0x1f3a5f));
        g.fillPolygon(new int[]{400, 440, 360}, new int[]{195, 285, 285}, 3);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
