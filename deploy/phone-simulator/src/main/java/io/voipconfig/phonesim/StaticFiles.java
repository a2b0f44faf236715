package io.voipconfig.phonesim;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storm's ceiling (bench/reboot-storm.sh). A suite run <em>keeps</em> the first copy of every file a phone fetched,
 * by server and path, and writes them under {@code <dir>/<host>_<port>/<path>} once the passes are over (in memory
 * meanwhile: a write on the phones' event loops would slow the pass being measured), so that nginx can serve the very
 * same bytes. A baseline run <em>sends</em> every request but the RPS one to the static server that stands for its
 * origin, by a map file of lines {@code <origin> <static origin>}; the paths, the fleet and the client stay the same.
 */
public final class StaticFiles {

    private final Map<String, String> origins;
    private final Map<String, byte[]> kept;

    private StaticFiles(Map<String, String> origins, Map<String, byte[]> kept) {
        this.origins = origins;
        this.kept = kept;
    }

    /** Neither keeps nor redirects. */
    public static StaticFiles none() {
        return new StaticFiles(Map.of(), null);
    }

    /** Keeps what the phones fetch, for {@link #write}. */
    public static StaticFiles keeping() {
        return new StaticFiles(Map.of(), new ConcurrentHashMap<>());
    }

    /** Sends the phones to the static origins of {@code map}. */
    public static StaticFiles baseline(Path map) throws IOException {
        Map<String, String> origins = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(map);
        for (String line : lines) {
            String[] pair = line.strip().split("\\s+");
            if (pair.length == 2) {
                origins.put(origin(URI.create(pair[0])), origin(URI.create(pair[1])));
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException(map + ": expected '<origin> <static origin>', got '" + line + "'");
            }
        }
        if (origins.isEmpty()) {
            throw new IllegalArgumentException(map + " maps no origin");
        }
        return new StaticFiles(Map.copyOf(origins), null);
    }

    /** Where a phone sends a request for {@code url}: the same URL, or its static stand-in in a baseline run. */
    String url(String url) {
        if (origins.isEmpty()) {
            return url;
        }
        URI uri = URI.create(url);
        String to = origins.get(origin(uri));
        if (to == null) {
            throw new Storm.PhoneFailure("baseline: no static server for " + origin(uri));
        }
        return to + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Notes the body fetched from {@code url}, when keeping (the first copy of a path wins). */
    void keep(String url, byte[] body) {
        if (kept != null) {
            URI uri = URI.create(url);
            kept.putIfAbsent(uri.getHost() + "_" + port(uri) + uri.getRawPath(), body);
        }
    }

    /** Writes what was kept under {@code dir}; returns how many files. */
    public int write(Path dir) throws IOException {
        if (kept == null) {
            return 0;
        }
        Path root = dir.toAbsolutePath().normalize();
        for (Map.Entry<String, byte[]> file : kept.entrySet()) {
            Path target = root.resolve(file.getKey().substring(0, file.getKey().indexOf('/')))
                    .resolve(file.getKey().substring(file.getKey().indexOf('/') + 1)).normalize();
            if (!target.startsWith(root)) { // a path that climbs out (a server's bug): not written
                throw new IOException("refusing to write " + file.getKey() + " outside " + root);
            }
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        return kept.size();
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
