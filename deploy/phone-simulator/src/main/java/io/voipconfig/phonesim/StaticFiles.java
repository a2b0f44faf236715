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
 * The storm's ceiling (bench/reboot-storm.sh). A suite run <em>keeps</em> every file a phone fetched, by server and path,
 * and writes them once the passes are over (in memory meanwhile: a write on the phones' event loops would slow the pass
 * being measured), so that nginx can serve each phone the very bytes it was served: the first copy of a path under
 * {@code <dir>/<host>_<port>/<path>}, and where a phone got other bytes under the same path (the boot file names the
 * phone's own files; a wallpaper is fitted to the model's screen), a link {@code
 * <dir>/_by_agent/<MAC of its User-Agent>/<host_port>/<path>} to {@code <dir>/_content/<MD5>}. A baseline run
 * <em>sends</em> every request but the RPS one to the static server that stands for its origin, by a map file of lines
 * {@code <origin> <static origin>}; the paths, the fleet and the client stay the same.
 */
public final class StaticFiles {

    /** Where {@link #write} puts the bytes a phone got that differ from a path's first copy. */
    public static final String BY_AGENT = "_by_agent";

    private final Map<String, String> origins;
    private final Kept kept;

    /** Each distinct body once (by MD5); per path the first; per (agent, path) where it was another. */
    private record Kept(Map<String, byte[]> contents, Map<String, String> first, Map<String, String> variants) {
    }

    private StaticFiles(Map<String, String> origins, Kept kept) {
        this.origins = origins;
        this.kept = kept;
    }

    /** Neither keeps nor redirects. */
    public static StaticFiles none() {
        return new StaticFiles(Map.of(), null);
    }

    /** Keeps what the phones fetch, for {@link #write}. */
    public static StaticFiles keeping() {
        return new StaticFiles(Map.of(),
                new Kept(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
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

    /** Notes the body fetched from {@code url} by the phone of {@code userAgent}, when keeping. */
    void keep(String url, String userAgent, byte[] body) {
        if (kept == null) {
            return;
        }
        URI uri = URI.create(url);
        String path = uri.getHost() + "_" + port(uri) + uri.getRawPath();
        String md5 = Digest.md5(body);
        kept.contents().putIfAbsent(md5, body);
        String first = kept.first().putIfAbsent(path, md5);
        if (first != null && !first.equals(md5)) {
            kept.variants().put(agentMac(userAgent) + "/" + path, md5);
        }
    }

    /** The User-Agent's last word, the MAC as the firmware writes it (nginx picks it out the same way). */
    private static String agentMac(String userAgent) {
        return userAgent.substring(userAgent.lastIndexOf(' ') + 1);
    }

    /** Writes what was kept under {@code dir}; returns how many paths and variants. */
    public int write(Path dir) throws IOException {
        if (kept == null) {
            return 0;
        }
        Path root = dir.toAbsolutePath().normalize();
        Path contents = root.resolve("_content");
        Files.createDirectories(contents);
        for (Map.Entry<String, byte[]> content : kept.contents().entrySet()) {
            Files.write(contents.resolve(content.getKey()), content.getValue());
        }
        for (Map.Entry<String, String> file : kept.first().entrySet()) {
            Files.copy(contents.resolve(file.getValue()), inside(root, file.getKey()));
        }
        for (Map.Entry<String, String> variant : kept.variants().entrySet()) {
            Files.createSymbolicLink(inside(root, BY_AGENT + "/" + variant.getKey()),
                    contents.resolve(variant.getValue()));
        }
        return kept.first().size() + kept.variants().size();
    }

    /** {@code root/relative}, its directories made; a path that climbs out (a server's bug) is refused. */
    private static Path inside(Path root, String relative) throws IOException {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("refusing to write " + relative + " outside " + root);
        }
        Files.createDirectories(target.getParent());
        return target;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
