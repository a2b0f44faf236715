package io.voipconfig.phonesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** The storm's ceiling: what a suite run keeps for nginx, and where a baseline run sends the phones. */
class StaticFilesTest {

    private static final String T46U = "Yealink SIP-T46U 108.86.0.90 00:15:ee:00:00:01";
    private static final String T31G = "Yealink SIP-T31G 124.86.0.75 0015ee000002";

    @Test
    void eachPhoneKeepsTheBytesItWasServedUnderThePath(@TempDir Path dir) throws IOException {
        StaticFiles keeping = StaticFiles.keeping();
        keeping.keep("http://localhost:8081/o/acme/y000000000000.boot", T46U, bytes("boot of the T46U"));
        keeping.keep("http://localhost:8081/o/acme/y000000000000.boot", T31G, bytes("boot of the T31G"));
        keeping.keep("http://localhost:8081/o/acme/y000000000000.boot", T46U, bytes("boot of the T46U"));
        keeping.keep("http://localhost:8082/o/acme/phonebook/yealink/1?x=1", T31G, bytes("book"));
        keeping.keep("http://127.0.0.1/ca.crt", T46U, bytes("ca"));

        assertThat(keeping.write(dir)).isEqualTo(4);
        assertThat(dir.resolve("localhost_8081/o/acme/y000000000000.boot")).hasContent("boot of the T46U");
        assertThat(dir.resolve("_by_agent/0015ee000002/localhost_8081/o/acme/y000000000000.boot"))
                .isSymbolicLink().hasContent("boot of the T31G");
        assertThat(dir.resolve("_by_agent/00:15:ee:00:00:01")).doesNotExist();
        assertThat(dir.resolve("localhost_8082/o/acme/phonebook/yealink/1")).hasContent("book");
        assertThat(dir.resolve("127.0.0.1_80/ca.crt")).hasContent("ca");
    }

    @Test
    void aPathThatClimbsOutOfTheDirectoryIsNotWritten(@TempDir Path dir) {
        StaticFiles keeping = StaticFiles.keeping();
        keeping.keep("http://localhost:8081/../../etc/passwd", T46U, bytes("x"));

        assertThatThrownBy(() -> keeping.write(dir.resolve("www"))).isInstanceOf(IOException.class)
                .hasMessageContaining("outside");
        assertThat(dir.resolve("etc")).doesNotExist();
    }

    @Test
    void aBaselineSendsEachOriginToItsStaticServerWithThePathAndQuery(@TempDir Path dir) throws IOException {
        Path map = Files.writeString(dir.resolve("map"),
                "http://localhost:8081 http://127.0.0.1:28081\nhttp://localhost:8082 http://127.0.0.1:28082\n");
        StaticFiles baseline = StaticFiles.baseline(map);

        assertThat(baseline.url("http://localhost:8081/o/acme/001565a0c001.cfg"))
                .isEqualTo("http://127.0.0.1:28081/o/acme/001565a0c001.cfg");
        assertThat(baseline.url("http://localhost:8082/o/acme/phonebook/yealink/1?q=al"))
                .isEqualTo("http://127.0.0.1:28082/o/acme/phonebook/yealink/1?q=al");
        assertThatThrownBy(() -> baseline.url("http://localhost:8083/media/x.png"))
                .hasMessageContaining("no static server for http://localhost:8083");
        assertThat(StaticFiles.none().url("http://localhost:8083/media/x.png"))
                .isEqualTo("http://localhost:8083/media/x.png");
    }

    @Test
    void aMapWithABadLineIsRefused(@TempDir Path dir) throws IOException {
        Path map = Files.writeString(dir.resolve("map"), "http://localhost:8081\n");

        assertThatThrownBy(() -> StaticFiles.baseline(map)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected '<origin> <static origin>'");
        assertThatThrownBy(() -> PhoneSimulator.parse(new String[]{"--phones", "1", "--keep", "a", "--baseline",
                "b"})).hasMessageContaining("exclude each other");
    }

    /** RPS is asked as ever; every file comes from the static server, by the very paths, with no credentials. */
    @Test
    void aBaselineRunAsksRpsThenFetchesEveryFileFromTheStaticServer(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            asked.add(req.uri() + (req.getHeader("Authorization") == null ? "" : " with credentials"));
            String body = switch (req.path()) {
                case "/sim/where" -> "{\"url\":\"http://suite.test:8081/o/acme/\",\"authName\":\"acme\","
                        + "\"password\":\"secret\"}";
                case "/o/acme/y000000000000.boot" -> "#!version:1.0.0.1\ninclude:config \"y000000000066.cfg\"\n"
                        + "include:config \"mac.cfg\"\n";
                case "/o/acme/y000000000066.cfg" -> "#!version:1.0.0.1\n";
                case "/o/acme/mac.cfg" -> "#!version:1.0.0.1\n"
                        + "remote_phonebook.data.1.url = http://suite.test:8082/o/acme/phonebook/yealink/1\n";
                case "/o/acme/phonebook/yealink/1" -> "<YealinkIPPhoneBook/>";
                default -> null;
            };
            req.response().setStatusCode(body == null ? 404 : 200).end(body == null ? "" : body);
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String local = "http://127.0.0.1:" + server.actualPort();
        Path map = Files.writeString(dir.resolve("map"),
                "http://suite.test:8081 " + local + "\nhttp://suite.test:8082 " + local + "\n");
        Storm.Options options = new Storm.Options(3, 3, Duration.ZERO, Models.parse("T54W:1"), "0015ee", local,
                Duration.ofSeconds(10), StaticFiles.baseline(map));
        try (Storm storm = new Storm(options)) {
            Storm.Pass pass = storm.run(s -> {
            });

            assertThat(pass.failed()).as("%s", pass.stats().failures()).isZero();
            assertThat(pass.completed()).isEqualTo(3);
            assertThat(asked).filteredOn(a -> a.startsWith("/sim/where")).hasSize(3);
            assertThat(asked).filteredOn(a -> a.equals("/o/acme/phonebook/yealink/1")).hasSize(3);
            assertThat(asked).noneMatch(a -> a.endsWith("with credentials"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
