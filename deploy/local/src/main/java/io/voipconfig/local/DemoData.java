package io.voipconfig.local;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

/**
 * The demo data, created through portal-api: two partners, so that isolation is visible — the default partner's
 * organization {@code acme} (one device per a few common models with a SIP account each, a phonebook all of them may
 * read, and a wallpaper) and the partner {@code umbrella} with its organization {@code umbrella-hq} and one phone.
 * Idempotent: a second run adds nothing.
 */
final class DemoData {

    static final UUID ACME_ID = UUID.fromString("a0000000-0000-4000-8000-0000000000ac");
    static final String ACME_SLUG = "acme";
    static final String PROVISIONING_USER = "acme";
    static final String PROVISIONING_PASSWORD = "acme-provisioning";
    static final String WALLPAPER = "acme-wallpaper.png";
    static final UUID UMBRELLA_ID = UUID.fromString("00000000-0000-4000-8000-0000000000b2");
    static final String UMBRELLA_ORG = "umbrella-hq";
    static final DemoDevice UMBRELLA_PHONE = new DemoDevice("001565b0c001", "T46U", "Umbrella front desk", "2001",
            "Yealink SIP-T46U 108.86.0.90 00:15:65:b0:c0:01");

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

    /**
     * Seeds through portal-api as the operator and each partner would from the console, so every change goes through
     * validation, tenancy and the outbox (config-service, RPS mirroring and the caches all hear about it).
     *
     * @return true when something was created, false when everything existed already
     */
    static boolean seed(PortalClient operator, PortalClient partner, PortalClient umbrella) {
        boolean created = operator.post("/api/v1/partners", Map.of("id", UMBRELLA_ID.toString(), "slug", "umbrella",
                "name", "Umbrella Telecom", "consoleName", "Umbrella Phones")).expect(201, 409).status() == 201;
        created |= seedUmbrella(umbrella);
        return seedAcme(partner) || created;
    }

    private static boolean seedUmbrella(PortalClient api) {
        Map<String, Object> org = Map.of("slug", UMBRELLA_ORG, "name", "Umbrella Telecom HQ", "provisioning",
                Map.of("username", "umbrella", "password", "umbrella-provisioning", "authMode", "DIGEST"));
        if (api.post("/api/v1/organizations", org).expect(201, 409).status() == 409) {
            return false;
        }
        DemoDevice d = UMBRELLA_PHONE;
        api.post("/api/v1/organizations/" + UMBRELLA_ORG + "/devices", Map.of("mac", d.mac(), "model", d.model(),
                "label", d.label(), "accounts", List.of(Map.of("index", 1, "userName", d.extension(), "password",
                        "sip-" + d.extension() + "-demo", "server", "sip.umbrella.example"))))
                .expect(201);
        return true;
    }

    private static boolean seedAcme(PortalClient api) {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("id", ACME_ID.toString());
        org.put("slug", ACME_SLUG);
        org.put("name", "Acme Corporation");
        org.put("provisioning", Map.of("username", PROVISIONING_USER, "password", PROVISIONING_PASSWORD, "authMode",
                "DIGEST"));
        org.put("settings", Map.of("local_time.ntp_server1", "pool.ntp.org", "local_time.time_zone", "+1",
                "lang.gui", "English", "lang.wui", "English"));
        if (api.post("/api/v1/organizations", org).expect(201, 409).status() == 409) {
            return false;
        }
        String base = "/api/v1/organizations/" + ACME_SLUG;
        api.putFile(base + "/media/" + WALLPAPER, WALLPAPER, "image/png", wallpaper()).expect(200);
        List<Map<String, Object>> contacts = List.of(
                contact("Alice Smith", "Sales", "1001", "+41791234567"),
                contact("Bob Jones", "Sales", "1002"),
                contact("Carla Díaz", "Support", "1003", "+34600111222"),
                contact("Dan O'Neil & Sons", "Support", "1004"),
                contact("Front desk", "", "1001"));
        long phonebook = api.post(base + "/phonebooks", Map.of("name", "Acme staff", "contacts", contacts))
                .expect(201).json().get("id").asLong();
        for (DemoDevice d : DEVICES) {
            api.post(base + "/devices", Map.of("mac", d.mac(), "model", d.model(), "label", d.label(), "wallpaper",
                    WALLPAPER, "phonebookIds", List.of(phonebook), "accounts", List.of(Map.of("index", 1, "label",
                            d.extension(), "displayName", d.label(), "userName", d.extension(), "authName",
                            d.extension(), "password", "sip-" + d.extension() + "-demo", "server",
                            "sip.acme.example", "port", 5060, "transport", "UDP"))))
                    .expect(201);
        }
        return true;
    }

    private static Map<String, Object> contact(String name, String group, String... phones) {
        return Map.of("name", name, "group", group, "phones", List.of(phones));
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
}
