package io.voipconfig.portal.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.voipconfig.common.event.EventType;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.portal.rest.ApiException;
import io.voipconfig.portal.security.Caller;

/**
 * Wallpapers, ringtones and images. The content type is decided by the bytes (magic numbers), never by the file
 * name or the client's header: only images and audio are stored.
 */
@ApplicationScoped
public class MediaService {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    static final List<String> KINDS = List.of("WALLPAPER", "RINGTONE", "IMAGE");

    @Schema(name = "Media")
    public record Media(
            @Schema(example = "acme-wallpaper.png") String name,
            @Schema(enumeration = {
                    "WALLPAPER", "RINGTONE", "IMAGE"}) String kind,
            @Schema(example = "image/png") String contentType,
            long size,
            String sha256,
            long version,
            OffsetDateTime updatedAt){
    }

    /** The stored bytes of one media file. */
    public record Content(Media media, byte[] bytes) {
    }

    /** What media events carry. */
    public record MediaState(String name, String kind, String contentType, String sha256) {
    }

    private final Pool pool;
    private final OrganizationService organizations;
    private final Outbox outbox;
    private final PortalConfig config;

    public MediaService(Pool pool, OrganizationService organizations, Outbox outbox, PortalConfig config) {
        this.pool = pool;
        this.organizations = organizations;
        this.outbox = outbox;
        this.config = config;
    }

    private static final String COLUMNS = "name, kind, content_type, size_bytes, sha256, version, updated_at";

    private static Media toDto(Row r) {
        return new Media(r.getString("name"), r.getString("kind"), r.getString("content_type"),
                r.getLong("size_bytes"), r.getString("sha256"), r.getLong("version"),
                r.getOffsetDateTime("updated_at"));
    }

    public Uni<Page<Media>> list(Caller caller, String orgRef, PageRequest page, String kind) {
        return organizations.visible(caller, orgRef).flatMap(org -> {
            String where = " WHERE organization_id = $1" + (kind == null ? "" : " AND kind = $2");
            var args = kind == null ? Sql.args(org.id()) : Sql.args(org.id(), kind.toUpperCase(Locale.ROOT));
            return pool.preparedQuery("SELECT count(*) FROM media" + where).execute(args)
                    .flatMap(count -> pool.preparedQuery("SELECT " + COLUMNS + " FROM media" + where + page.sql())
                            .execute(args).map(rows -> {
                                List<Media> items = new ArrayList<>();
                                rows.forEach(r -> items.add(toDto(r)));
                                return Page.of(items, page, count.iterator().next().getLong(0));
                            }));
        });
    }

    public Uni<Content> get(Caller caller, String orgRef, String name) {
        return organizations.visible(caller, orgRef).flatMap(org -> pool
                .preparedQuery("SELECT " + COLUMNS + ", content FROM media WHERE organization_id = $1 AND name = $2")
                .execute(Sql.args(org.id(), name))
                .map(rows -> Sql.first(rows).map(r -> new Content(toDto(r), r.getBuffer("content").getBytes()))
                        .orElseThrow(() -> ApiException.notFound("no media '" + name + "'"))));
    }

    /** Creates or replaces {@code name}. */
    public Uni<Media> put(Caller caller, String orgRef, String name, String requestedKind, byte[] bytes,
            String ifMatch) {
        Errors e = new Errors();
        if (name == null || !NAME.matcher(name).matches()) {
            e.add("name", "1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (bytes == null || bytes.length == 0) {
            e.add("file", "is required and must not be empty");
        }
        e.throwIfAny();
        if (bytes.length > config.media().maxBytes()) {
            throw new ApiException(413, "too-large", "Payload too large",
                    "media files are limited to " + config.media().maxBytes() + " bytes", List.of());
        }
        Optional<String> type = sniff(bytes);
        if (type.isEmpty()) {
            throw ApiException.invalid("file", "not an image (PNG, JPEG, GIF, BMP) or audio file (WAV, MP3)");
        }
        boolean image = type.get().startsWith("image/");
        String kind = requestedKind == null || requestedKind.isBlank()
                ? (image ? "WALLPAPER" : "RINGTONE")
                : requestedKind.strip().toUpperCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw ApiException.invalid("kind", "one of " + String.join(", ", KINDS));
        }
        if (image == kind.equals("RINGTONE")) {
            throw ApiException.invalid("kind",
                    "a " + type.get() + " file cannot be a " + kind.toLowerCase(Locale.ROOT));
        }
        String sha = sha256(bytes);
        return pool.withTransaction(tx -> organizations.visible(tx, caller, orgRef).flatMap(org -> tx
                .preparedQuery("SELECT version FROM media WHERE organization_id = $1 AND name = $2 FOR UPDATE")
                .execute(Sql.args(org.id(), name))
                .flatMap(rows -> {
                    Optional<Long> current = Sql.first(rows).map(r -> r.getLong(0));
                    if (current.isPresent()) {
                        Versions.check(ifMatch, current.get());
                    } else if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")) {
                        throw ApiException.stale("(none: it does not exist)");
                    }
                    String sql = current.isPresent()
                            ? "UPDATE media SET kind = $3, content_type = $4, size_bytes = $5, sha256 = $6,"
                                    + " content = $7, version = nextval('aggregate_version_seq'), updated_at = now()"
                                    + " WHERE organization_id = $1 AND name = $2 RETURNING " + COLUMNS
                            : "INSERT INTO media (organization_id, name, kind, content_type, size_bytes, sha256, content)"
                                    + " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + COLUMNS;
                    return tx.preparedQuery(sql).execute(Sql.args(org.id(), name, kind, type.get(),
                            (long) bytes.length, sha, Buffer.buffer(bytes)));
                })
                .flatMap(rows -> {
                    Media m = toDto(rows.iterator().next());
                    return outbox.append(tx, EventType.MEDIA_CHANGED, m.name(), org.id(), m.version(),
                            new MediaState(m.name(), m.kind(), m.contentType(), m.sha256())).replaceWith(m);
                })))
                .invoke(outbox::committed);
    }

    public Uni<Void> delete(Caller caller, String orgRef, String name, String ifMatch) {
        return pool.withTransaction(tx -> organizations.visible(tx, caller, orgRef).flatMap(org -> tx
                .preparedQuery("SELECT version FROM media WHERE organization_id = $1 AND name = $2 FOR UPDATE")
                .execute(Sql.args(org.id(), name))
                .flatMap(rows -> {
                    long version = Sql.first(rows).map(r -> r.getLong(0))
                            .orElseThrow(() -> ApiException.notFound("no media '" + name + "'"));
                    Versions.check(ifMatch, version);
                    return inUse(tx, org.id(), name).flatMap(count -> {
                        if (count > 0) {
                            throw ApiException.conflict("'" + name + "' is the wallpaper or ringtone of " + count
                                    + " device(s); change them first");
                        }
                        return tx.preparedQuery("DELETE FROM media WHERE organization_id = $1 AND name = $2")
                                .execute(Sql.args(org.id(), name))
                                .flatMap(v -> outbox.appendDeletion(tx, EventType.MEDIA_DELETED, name, org.id()));
                    });
                })))
                .invoke(outbox::committed).replaceWithVoid();
    }

    private static Uni<Long> inUse(SqlClient client, UUID org, String name) {
        return client.preparedQuery("SELECT count(*) FROM device WHERE organization_id = $1"
                + " AND (wallpaper = $2 OR ringtone = $2)").execute(Sql.args(org, name))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The content type from the first bytes; empty for anything that is not an image or audio we serve. */
    static Optional<String> sniff(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return Optional.of("image/gif");
        }
        if (starts(b, 'B', 'M') && b.length > 14) {
            return Optional.of("image/bmp");
        }
        if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'A' && b[10] == 'V'
                && b[11] == 'E') {
            return Optional.of("audio/wav");
        }
        if (starts(b, 'I', 'D', '3') || b.length > 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0
                && (b[1] & 0x06) != 0) {
            return Optional.of("audio/mpeg");
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
