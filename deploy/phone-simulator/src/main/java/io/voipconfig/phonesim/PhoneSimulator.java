package io.voipconfig.phonesim;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The phone simulator's command line: optionally seeds the fleet through portal-api, runs the storm (and a second pass
 * that counts the phones that would reboot), prints a summary, writes JSON/CSV/timeline/plot on request, and
 * optionally removes the fleet. See deploy/phone-simulator/README.md.
 */
public final class PhoneSimulator {

    static final String USAGE = """
            usage: phone-simulator --phones N [options]
              --phones N            phones in the fleet (required)
              --concurrency N       phones in flight at once (default 200)
              --ramp-up SECONDS     phones start evenly over this time (default 0: as fast as the concurrency allows)
              --models MIX          model weights, e.g. T46U:40,T54W:20,T48U:15,T33G:15,T31G:10 (the default)
              --mac-prefix HEX6     the fleet's MACs are <prefix><6 hex digits> (default 0015ee)
              --rps URL             the RPS simulator (default http://localhost:8085)
              --timeout SECONDS     per request (default 30)
              --no-second-pass      skip the second pass (which counts phones whose files changed: would reboot)
              --seed                first create organization --org with the fleet through portal-api (CSV import)
              --cleanup             at the end delete organization --org and its devices through portal-api
              --org SLUG            the fleet's organization (default storm)
              --auth MODE           DIGEST, BASIC or BOTH for a seeded organization (default DIGEST)
              --portal URL          portal-api (default http://localhost:8080)
              --realm URL           Keycloak realm (default http://localhost:8180/realms/voipconfig)
              --user U --password P a partner admin of the realm, who owns what it seeds (default partner / partner)
              --json FILE           write the summary as JSON
              --csv FILE            write per-file-kind latency as CSV
              --timeline FILE       write the per-second timeline as CSV
              --plot FILE.png       draw throughput and p99 over time
              --keep DIR            write the first copy of every file served, as DIR/<host>_<port>/<path> (for nginx)
              --baseline MAP        send every request but RPS's to static servers: MAP has '<origin> <static origin>'
                                    lines (bench/reboot-storm.sh: the storm's ceiling)
            """;

    /** Everything the command line says. */
    public record Config(
            int phones,
            int concurrency,
            Duration rampUp,
            String models,
            String macPrefix,
            String rps,
            Duration timeout,
            boolean secondPass,
            boolean seed,
            boolean cleanup,
            String org,
            String auth,
            Seeder.Portal portal,
            Path json,
            Path csv,
            Path timeline,
            Path plot,
            Path keep,
            Path baseline) {
    }

    /** What a run found. */
    public record Summary(
            int phones,
            long completed,
            long failed,
            Map<String, Long> failures,
            long requests,
            double seconds,
            double phonesPerMinute,
            double requestsPerSecond,
            List<Stats.KindSummary> kinds,
            Long wouldReboot,
            long secondPassFailed,
            SecondPass secondPass) {
    }

    /** The second pass's own figures: the same fleet again, against services that have now seen it once. */
    public record SecondPass(
            double seconds,
            double phonesPerMinute,
            double requestsPerSecond,
            List<Stats.KindSummary> kinds,
            Map<String, Long> failures,
            List<String> differences) {
    }

    public static void main(String[] args) throws Exception {
        Config c;
        try {
            c = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        Summary s = run(c, System.out, System.err);
        System.exit(s.failed() == 0 && s.secondPassFailed() == 0 && (s.wouldReboot() == null || s.wouldReboot() == 0)
                ? 0
                : 1);
    }

    public static Config parse(String[] args) {
        Map<String, String> v = new LinkedHashMap<>();
        List<String> flags = List.of("--no-second-pass", "--seed", "--cleanup", "--help");
        for (int i = 0; i < args.length; i++) {
            if (flags.contains(args[i])) {
                v.put(args[i], "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                v.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
        }
        if (v.containsKey("--help")) {
            throw new IllegalArgumentException("phone-simulator");
        }
        List<String> known = List.of("--phones", "--concurrency", "--ramp-up", "--models", "--mac-prefix", "--rps",
                "--timeout", "--org", "--auth", "--portal", "--realm", "--user", "--password", "--json", "--csv",
                "--timeline", "--plot", "--keep", "--baseline");
        for (String k : v.keySet()) {
            if (!known.contains(k) && !flags.contains(k)) {
                throw new IllegalArgumentException("unknown option " + k);
            }
        }
        int phones = number(v, "--phones", -1, 1, 10_000_000);
        String prefix = v.getOrDefault("--mac-prefix", "0015ee").toLowerCase(Locale.ROOT);
        if (!prefix.matches("[0-9a-f]{6}") || (Integer.parseInt(prefix.substring(1, 2), 16) & 1) == 1) {
            throw new IllegalArgumentException("--mac-prefix must be 6 hex digits of a unicast OUI, e.g. 0015ee");
        }
        String auth = v.getOrDefault("--auth", "DIGEST").toUpperCase(Locale.ROOT);
        if (!List.of("DIGEST", "BASIC", "BOTH").contains(auth)) {
            throw new IllegalArgumentException("--auth must be DIGEST, BASIC or BOTH");
        }
        String models = v.getOrDefault("--models", "T46U:40,T54W:20,T48U:15,T33G:15,T31G:10");
        Models.parse(models); // fails early with the reason
        String org = v.getOrDefault("--org", "storm");
        if (!org.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            throw new IllegalArgumentException("--org must be a slug (lower-case letters, digits, dashes)");
        }
        if (v.containsKey("--keep") && v.containsKey("--baseline")) {
            throw new IllegalArgumentException("--keep and --baseline exclude each other");
        }
        return new Config(phones, number(v, "--concurrency", 200, 1, 100_000),
                Duration.ofSeconds(number(v, "--ramp-up", 0, 0, 86_400)), models, prefix,
                trim(v.getOrDefault("--rps", "http://localhost:8085")),
                Duration.ofSeconds(number(v, "--timeout", 30, 1, 3600)), !v.containsKey("--no-second-pass"),
                v.containsKey("--seed"), v.containsKey("--cleanup"), org, auth,
                new Seeder.Portal(trim(v.getOrDefault("--portal", "http://localhost:8080")),
                        trim(v.getOrDefault("--realm", "http://localhost:8180/realms/voipconfig")),
                        v.getOrDefault("--user", "partner"), v.getOrDefault("--password", "partner")),
                path(v, "--json"), path(v, "--csv"), path(v, "--timeline"), path(v, "--plot"), path(v, "--keep"),
                path(v, "--baseline"));
    }

    public static Summary run(Config c, PrintStream out, PrintStream err) throws Exception {
        Models models = Models.parse(c.models());
        Seeder seeder = new Seeder(c.portal());
        if (c.seed()) {
            long t = System.nanoTime();
            err.printf("seeding %d phones into '%s' through portal-api ...%n", c.phones(), c.org());
            seeder.seed(c.org(), c.phones(), models, c.macPrefix(), c.auth(),
                    n -> err.printf("  imported %,d%n", n));
            err.printf("  waiting until RPS knows them ...%n");
            seeder.awaitRps(c.rps(), c.phones(), c.macPrefix(), Duration.ofMinutes(30));
            err.printf("  seeded in %.1f s%n", (System.nanoTime() - t) / 1e9);
        }
        StaticFiles statics = c.keep() != null
                ? StaticFiles.keeping()
                : c.baseline() != null ? StaticFiles.baseline(c.baseline()) : StaticFiles.none();
        Storm.Options options = new Storm.Options(c.phones(), c.concurrency(), c.rampUp(), models, c.macPrefix(),
                c.rps(), c.timeout(), statics);
        Summary summary;
        try (Storm storm = new Storm(options)) {
            Storm.Pass first;
            try (Progress p = new Progress(err, "storm", c.phones())) {
                first = storm.run(p::watch);
            }
            Long reboot = null;
            long secondFailed = 0;
            SecondPass again = null;
            if (c.secondPass()) {
                try (Progress p = new Progress(err, "second pass", c.phones())) {
                    Storm.Pass second = storm.run(p::watch);
                    reboot = second.wouldReboot(first);
                    secondFailed = second.failed();
                    again = new SecondPass(second.seconds(), second.completed() / second.seconds() * 60,
                            second.requests() / second.seconds(), second.stats().kinds(),
                            second.stats().failures(), second.differences(first, 10));
                }
            }
            Stats st = first.stats();
            summary = new Summary(c.phones(), first.completed(), first.failed(), st.failures(), first.requests(),
                    first.seconds(), first.completed() / first.seconds() * 60, first.requests() / first.seconds(),
                    st.kinds(), reboot, secondFailed, again);
            print(summary, out);
            write(c, summary, st.timeline());
        }
        if (c.keep() != null) {
            err.printf("kept %,d files under %s%n", statics.write(c.keep()), c.keep());
        }
        if (c.cleanup()) {
            seeder.cleanup(c.org());
            err.printf("deleted organization '%s'%n", c.org());
        }
        return summary;
    }

    static void print(Summary s, PrintStream out) {
        out.printf("%nphones      %,d: %,d completed, %,d failed%n", s.phones(), s.completed(), s.failed());
        s.failures().forEach((reason, n) -> out.printf("  failed    %,8d  %s%n", n, reason));
        out.printf("requests    %,d in %.1f s: %,.0f requests/s, %,.0f phones/minute%n", s.requests(), s.seconds(),
                s.requestsPerSecond(), s.phonesPerMinute());
        out.printf("%-10s %10s %9s %9s %9s %9s%n", "file", "count", "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (Stats.KindSummary k : s.kinds()) {
            out.printf("%-10s %,10d %9.1f %9.1f %9.1f %9.1f%n", k.kind(), k.files(), k.p50(), k.p95(), k.p99(),
                    k.max());
        }
        if (s.wouldReboot() != null) {
            out.printf("second pass: %,d phones would reboot (a file's MD5 changed), %,d failed%n", s.wouldReboot(),
                    s.secondPassFailed());
            SecondPass p = s.secondPass();
            out.printf("  in %.1f s: %,.0f requests/s, %,.0f phones/minute; p99 ms per file:", p.seconds(),
                    p.requestsPerSecond(), p.phonesPerMinute());
            p.kinds().forEach(k -> out.printf(" %s %.1f", k.kind(), k.p99()));
            out.println();
            p.failures().forEach((reason, n) -> out.printf("  failed    %,8d  %s%n", n, reason));
            p.differences().forEach(d -> out.printf("  would reboot: %s%n", d));
        }
    }

    static void write(Config c, Summary s, List<Stats.Second> timeline) throws Exception {
        if (c.json() != null) {
            Files.writeString(c.json(), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(Map.of("summary", s, "timeline", timeline)));
        }
        if (c.csv() != null) {
            StringBuilder b = new StringBuilder("kind,count,p50_ms,p95_ms,p99_ms,max_ms\n");
            s.kinds().forEach(k -> b.append(String.format(Locale.ROOT, "%s,%d,%.2f,%.2f,%.2f,%.2f%n", k.kind(),
                    k.files(), k.p50(), k.p95(), k.p99(), k.max())));
            Files.writeString(c.csv(), b);
        }
        if (c.timeline() != null) {
            StringBuilder b = new StringBuilder("second,phones,requests,failures,p50_ms,p99_ms\n");
            timeline.forEach(t -> b.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%.2f,%.2f%n", t.second(),
                    t.phones(), t.requests(), t.failures(), t.p50Millis(), t.p99Millis())));
            Files.writeString(c.timeline(), b);
        }
        if (c.plot() != null) {
            Plot.write(timeline, String.format(Locale.ROOT, "Reboot storm: %,d phones, %,.0f phones/min", s.phones(),
                    s.phonesPerMinute()), c.plot());
        }
    }

    private static int number(Map<String, String> v, String key, int def, int min, int max) {
        String s = v.get(key);
        if (s == null) {
            if (def < 0) {
                throw new IllegalArgumentException(key + " is required");
            }
            return def;
        }
        try {
            int n = Integer.parseInt(s.strip().replace("_", ""));
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number from " + min + " to " + max);
        }
    }

    private static Path path(Map<String, String> v, String key) {
        return v.containsKey(key) ? Path.of(v.get(key)) : null;
    }

    private static String trim(String url) {
        return url.replaceAll("/+$", "");
    }
}
