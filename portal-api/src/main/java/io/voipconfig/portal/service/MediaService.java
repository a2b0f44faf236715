package io.voipconfig.portal.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.image.ImageHeader;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.portal.model.Media;
import io.voipconfig.portal.model.MediaInfo;
import io.voipconfig.portal.model.Timestamps;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.problem.Errors;
import io.voipconfig.portal.repository.AggregateVersions;
import io.voipconfig.portal.repository.DeviceRepository;
import io.voipconfig.portal.repository.MediaRepository;
import io.voipconfig.portal.security.Caller;

/**
 * Wallpapers, ringtones and images. The content type is decided by the bytes (magic numbers), never by the file
 * name or the client's header: only images and audio are stored.
 */
@ApplicationScoped
public class MediaService {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    static final List<String> KINDS = List.of("WALLPAPER", "RINGTONE", "IMAGE");

    /** What media events carry. */
    public record MediaState(String name, String kind, String contentType, String sha256) {
    }

    private final MediaRepository media;
    private final DeviceRepository devices;
    private final AggregateVersions versions;
    private final OrganizationService organizations;
    private final Outbox outbox;
    private final PortalConfig config;

    public MediaService(MediaRepository media, DeviceRepository devices, AggregateVersions versions,
            OrganizationService organizations, Outbox outbox, PortalConfig config) {
        this.media = media;
        this.devices = devices;
        this.versions = versions;
        this.organizations = organizations;
        this.outbox = outbox;
        this.config = config;
    }

    private static ApiException notFound(String name) {
        return ApiException.notFound("no media '" + name + "'");
    }

    public Uni<Page<MediaInfo>> list(Caller caller, String orgRef, PageRequest page, String kind) {
        return Panache.withSession(() -> organizations.visible(caller, orgRef).flatMap(org -> media
                .count(org.id, kind)
                .flatMap(total -> media.page(org.id, kind, page).map(items -> Page.of(items, page, total)))));
    }

    /** The file with its bytes. */
    public Uni<Media> get(Caller caller, String orgRef, String name) {
        return Panache.withSession(() -> organizations.visible(caller, orgRef)
                .flatMap(org -> media.findByName(org.id, name, false))
                .onItem().ifNull().failWith(() -> notFound(name)));
    }

    /** Creates or replaces {@code name}. */
    /** Creates or replaces {@code name}; preconditions as {@link Versions#checkWrite}. */
    public Uni<MediaInfo> put(Caller caller, String orgRef, String name, String requestedKind, byte[] bytes,
            String ifMatch, String ifNoneMatch) {
        Errors e = new Errors();
        if (name == null || !NAME.matcher(name).matches()) {
            e.add("name", "1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (bytes == null || bytes.length == 0) {
            e.add("file", "is required and must not be empty");
        }
        e.throwIfAny();
        if (bytes.length > config.media().maxBytes()) {
            throw ApiException.tooLarge("media files are limited to " + config.media().maxBytes() + " bytes");
        }
        Optional<String> type = sniff(bytes);
        if (type.isEmpty()) {
            throw ApiException.invalid("file", "not an image (PNG, JPEG, GIF, BMP) or audio file (WAV, MP3)");
        }
        boolean image = type.get().startsWith("image/");
        if (image) {
            int maxSide = config.media().maxImageSide();
            ImageHeader header = ImageHeader.read(bytes)
                    .orElseThrow(() -> ApiException.invalid("file", "not a readable " + type.get() + " image"));
            if (!header.fits(maxSide)) {
                throw unusableDimensions(header, "images are limited to " + maxSide + " × " + maxSide + " pixels");
            }
        }
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
        return outbox.transaction(() -> organizations.visible(caller, orgRef)
                .flatMap(org -> media.findByName(org.id, name, true).flatMap(current -> {
                    Versions.checkWrite(ifMatch, ifNoneMatch, current == null ? null : current.version, name);
                    Uni<Media> stored;
                    if (current == null) {
                        stored = versions.next().flatMap(version -> {
                            Media m = new Media();
                            m.organizationId = org.id;
                            m.name = name;
                            m.version = version;
                            fill(m, kind, type.get(), bytes);
                            m.createdAt = m.updatedAt;
                            return media.persist(m);
                        });
                    } else {
                        stored = versions.next().map(version -> {
                            fill(current, kind, type.get(), bytes);
                            current.version = version;
                            return current;
                        });
                    }
                    return stored.flatMap(m -> outbox.append(EventType.MEDIA_CHANGED, m.name, org, m.version,
                            new MediaState(m.name, m.kind, m.contentType, m.sha256)).replaceWith(MediaInfo.of(m)));
                })));
    }

    private static void fill(Media m, String kind, String contentType, byte[] bytes) {
        m.kind = kind;
        m.contentType = contentType;
        m.size = bytes.length;
        m.sha256 = sha256(bytes);
        m.content = bytes;
        m.updatedAt = Timestamps.now();
    }

    public Uni<Void> delete(Caller caller, String orgRef, String name, String ifMatch) {
        return outbox.transaction(() -> organizations.visible(caller, orgRef)
                .flatMap(org -> media.findByName(org.id, name, true).flatMap(current -> {
                    if (current == null) {
                        throw notFound(name);
                    }
                    Versions.check(ifMatch, current.version);
                    return devices.countUsingMedia(org.id, name).flatMap(count -> {
                        if (count > 0) {
                            throw ApiException.conflict("'" + name + "' is the wallpaper or ringtone of " + count
                                    + " device(s); change them first");
                        }
                        return media.delete(current)
                                .flatMap(v -> outbox.appendDeletion(EventType.MEDIA_DELETED, name, org));
                    });
                })))
                .replaceWithVoid();
    }

    /** 422: an image whose header states dimensions outside {@code rule}; nothing of it was decoded. */
    static ApiException unusableDimensions(ImageHeader header, String rule) {
        return new ApiException(422, "image-dimensions", "Image dimensions refused", "the image is " + header
                + "; " + rule, List.of(new ApiException.FieldError("file", "is " + header + "; " + rule)));
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
