package io.voipconfig.phonesim;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Creates (and removes) the fleet's organization and devices through portal-api, as a partner would: the
 * organization with Digest credentials, a phonebook and a wallpaper, then the devices by CSV bulk import in chunks;
 * then waits until RPS (the simulator) knows every device.
 */
public final class Seeder {

    /** Where portal-api and Keycloak are, and who seeds. */
    public record Portal(String apiUrl, String realmUrl, String user, String password) {
    }

    static final int CHUNK = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Portal portal;
    private String token;
    private long tokenAt;

    public Seeder(Portal portal) {
        this.portal = portal;
    }

    /** The organization's provisioning password (its user is the slug). */
    public static String password(String slug) {
        return slug + "-phones-pw";
    }

    /** Creates the organization (if missing) with a phonebook and a wallpaper, and imports the phones. */
    public void seed(String slug, int phones, Models models, String macPrefix, String authMode,
            IntConsumer progress) throws Exception {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("slug", slug);
        org.put("name", "Storm " + slug);
        org.put("provisioning", Map.of("username", slug, "password", password(slug), "authMode", authMode));
        org.put("settings", Map.of("local_time.ntp_server1", "pool.ntp.org"));
        HttpResponse<String> created = send("POST", "/api/v1/organizations", "application/json", JSON
                .writeValueAsString(org));
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException("creating " + slug + ": " + created.statusCode() + " " + created.body());
        }
        String base = "/api/v1/organizations/" + slug;
        long phonebook = phonebook(base);
        String wallpaper = "storm-wallpaper.png";
        uploadWallpaper(base, wallpaper);
        for (int from = 0; from < phones; from += CHUNK) {
            StringBuilder csv = new StringBuilder("mac,model,label,user_name,password,server,phonebooks,wallpaper\n");
            int to = Math.min(phones, from + CHUNK);
            for (int i = from; i < to; i++) {
                String model = models.modelOf(i);
                csv.append(Models.mac(macPrefix, i)).append(',').append(model).append(",Phone ").append(i)
                        .append(',').append(100000 + i).append(",sip-").append(i).append(",sip.storm.example,")
                        .append(phonebook).append(',').append(models.hasScreen(model) ? wallpaper : "")
                        .append('\n');
            }
            HttpResponse<String> r = send("POST", base + "/devices/import", "text/csv", csv.toString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("import of phones " + from + ".." + (to - 1) + ": " + r.statusCode()
                        + " " + cut(r.body()));
            }
            progress.accept(to);
        }
    }

    /** Waits until RPS sends every phone somewhere (checks the last MAC of every import chunk, then all). */
    public void awaitRps(String rpsUrl, int phones, String macPrefix, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Integer> probes = new ArrayList<>();
        for (int i = CHUNK - 1; i < phones; i += CHUNK) {
            probes.add(i);
        }
        probes.add(phones - 1);
        for (int i : probes) {
            while (true) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(rpsUrl + "/sim/where?mac="
                        + Models.mac(macPrefix, i))).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("RPS does not know " + Models.mac(macPrefix, i) + " after "
                            + timeout.toSeconds() + " s: is rps-sync-service running?");
                }
                Thread.sleep(500);
            }
        }
    }

    /** Removes the organization and everything in it. */
    public void cleanup(String slug) throws Exception {
        HttpResponse<String> r = send("DELETE", "/api/v1/organizations/" + slug, null, null);
        if (r.statusCode() != 204 && r.statusCode() != 404) {
            throw new IllegalStateException("deleting " + slug + ": " + r.statusCode() + " " + cut(r.body()));
        }
    }

    private long phonebook(String base) throws Exception {
        HttpResponse<String> list = send("GET", base + "/phonebooks?size=100", null, null);
        for (JsonNode p : JSON.readTree(list.body()).path("items")) {
            if (p.path("name").asText().equals("Storm staff")) {
                return p.path("id").asLong();
            }
        }
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            contacts.add(Map.of("name", "Colleague " + i, "group", i < 25 ? "Sales" : "Support", "phones",
                    List.of(Integer.toString(2000 + i))));
        }
        HttpResponse<String> r = send("POST", base + "/phonebooks", "application/json",
                JSON.writeValueAsString(Map.of("name", "Storm staff", "contacts", contacts)));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("phonebook: " + r.statusCode() + " " + cut(r.body()));
        }
        return JSON.readTree(r.body()).path("id").asLong();
    }

    private void uploadWallpaper(String base, String name) throws Exception {
        BufferedImage img = new BufferedImage(800, 480,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x203040), 800, 480,
                new Color(0x60a0d0)));
        g.fillRect(0, 0, 800, 480);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        String boundary = "storm-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(png.toByteArray());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(request(base + "/media/" + name)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new IllegalStateException("wallpaper: " + r.statusCode() + " " + cut(r.body()));
        }
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = request(path);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) throws Exception {
        return HttpRequest.newBuilder(URI.create(portal.apiUrl() + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token()).header("Accept", "application/json");
    }

    /** A password-grant token of the realm's CLI client, renewed every minute. */
    private String token() throws IOException, InterruptedException {
        if (token == null || System.nanoTime() - tokenAt > Duration.ofMinutes(1).toNanos()) {
            String form = "grant_type=password&client_id=voipconfig-cli&username="
                    + URLEncoder.encode(portal.user(), StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(portal.password(), StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(portal.realmUrl()
                    + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("no token from " + portal.realmUrl() + ": " + r.statusCode());
            }
            token = JSON.readTree(r.body()).path("access_token").asText();
            tokenAt = System.nanoTime();
        }
        return token;
    }

    private static String cut(String s) {
        return s == null || s.length() < 500 ? s : s.substring(0, 500) + "...";
    }
}
