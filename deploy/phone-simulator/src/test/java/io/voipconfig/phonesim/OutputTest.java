package io.voipconfig.phonesim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a run writes: the JSON summary, latency per kind as CSV, the per-second timeline, and the PNG plot. */
class OutputTest {

    @Test
    void summaryCsvTimelineAndPlotAreWrittenFromTheMeasurements(@TempDir Path dir) throws Exception {
        Stats stats = new Stats();
        for (int i = 1; i <= 100; i++) {
            stats.request();
            stats.file("boot", i * 1000L); // 1..100 ms
            stats.phoneDone();
        }
        stats.phoneFailed("mac: HTTP 404");
        PhoneSimulator.Summary s = new PhoneSimulator.Summary(101, 100, 1, stats.failures(), 100, 2.0, 3000, 50,
                stats.kinds(), 0L, 0, null);
        PhoneSimulator.Config c = PhoneSimulator.parse(new String[]{"--phones", "101", "--json",
                dir.resolve("s.json").toString(), "--csv", dir.resolve("l.csv").toString(), "--timeline",
                dir.resolve("t.csv").toString(), "--plot", dir.resolve("p.png").toString()});
        PhoneSimulator.write(c, s, stats.timeline());

        JsonNode json = new ObjectMapper().readTree(dir.resolve("s.json").toFile());
        assertThat(json.at("/summary/failures/mac: HTTP 404").asLong()).isEqualTo(1);
        List<String> csv = Files.readAllLines(dir.resolve("l.csv"));
        assertThat(csv.get(0)).isEqualTo("kind,count,p50_ms,p95_ms,p99_ms,max_ms");
        String[] boot = csv.get(1).split(",");
        assertThat(boot[0]).isEqualTo("boot");
        assertThat(boot[1]).isEqualTo("100");
        assertThat(Double.parseDouble(boot[2])).isBetween(49.0, 51.0);
        assertThat(Double.parseDouble(boot[4])).isBetween(98.0, 100.0);
        List<String> timeline = Files.readAllLines(dir.resolve("t.csv"));
        assertThat(timeline.get(0)).isEqualTo("second,phones,requests,failures,p50_ms,p99_ms");
        assertThat(timeline.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[1])).sum()).isEqualTo(100);
        var png = ImageIO.read(dir.resolve("p.png").toFile());
        assertThat(png.getWidth()).isEqualTo(1100);
        assertThat(png.getHeight()).isEqualTo(560);
    }
}
