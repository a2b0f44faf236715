package io.voipconfig.portal.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.voipconfig.common.catalog.PhoneModel;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.AuthMode;
import io.voipconfig.common.phone.DeviceView;
import io.voipconfig.common.phone.OrgView;
import io.voipconfig.common.render.ConfigRenderer;
import io.voipconfig.common.render.PhonebookRef;
import io.voipconfig.common.render.RenderedFile;
import io.voipconfig.common.render.SipAccount;
import io.voipconfig.common.settings.RenderException;
import io.voipconfig.portal.rest.ApiException;
import io.voipconfig.portal.rest.dto.DeviceDto.FileStatus;
import io.voipconfig.portal.rest.dto.DeviceDto.PreviewFile;
import io.voipconfig.portal.rest.dto.DeviceDto.Status;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.DeviceService.DeviceRow;
import io.voipconfig.portal.service.Infrastructure.CatalogSource;
import io.voipconfig.portal.service.OrganizationService.OrgRow;

/**
 * A device's files as config-service renders them (the same {@link ConfigRenderer}, the same inputs), for the preview
 * and for "does the phone have its current configuration?".
 */
@ApplicationScoped
public class DeviceFilesService {

    private static final Pattern SECRET_LINE = Pattern.compile("(?m)^([^=\\n]*password) = (.+)$");

    /** One rendered file. */
    /** A file's text (for the preview) and what config-service sends for it (bytes, MD5, whether encrypted). */
    record Rendered(String name, String text, RenderedFile file) {

        String md5() {
            return file.md5();
        }

        boolean encrypted() {
            return file.encrypted();
        }
    }

    private final Pool pool;
    private final OrganizationService organizations;
    private final DeviceService devices;
    private final SecretCipher cipher;
    private final CatalogSource catalog;
    private final ConfigRenderer renderer;

    public DeviceFilesService(Pool pool, OrganizationService organizations, DeviceService devices,
            SecretCipher cipher, CatalogSource catalog, ConfigRenderer renderer) {
        this.pool = pool;
        this.organizations = organizations;
        this.devices = devices;
        this.cipher = cipher;
        this.catalog = catalog;
        this.renderer = renderer;
    }

    public Uni<List<PreviewFile>> preview(Caller caller, String orgRef, String macText) {
        return render(caller, orgRef, macText).map(files -> files.stream()
                .map(f -> new PreviewFile(f.name(), f.encrypted() ? "application/octet-stream" : "text/plain",
                        f.md5(), f.encrypted(), mask(f.text())))
                .toList());
    }

    public Uni<Status> status(Caller caller, String orgRef, String macText) {
        MacAddress mac = DeviceService.pathMac(macText);
        return render(caller, orgRef, macText).flatMap(files -> pool.preparedQuery("SELECT last_seen_at, last_ip,"
                + " last_user_agent, model, firmware, last_file, last_outcome FROM device_presence WHERE mac = $1")
                .execute(Sql.args(mac.value()))
                .flatMap(presence -> pool.preparedQuery("SELECT file, body_md5, delivered_at FROM device_file_delivery"
                        + " WHERE mac = $1 ORDER BY file").execute(Sql.args(mac.value()))
                        .map(deliveries -> {
                            Map<String, String> current = new LinkedHashMap<>();
                            files.forEach(f -> current.put(f.name(), f.md5()));
                            List<FileStatus> statuses = new ArrayList<>();
                            Boolean upToDate = null;
                            for (var d : deliveries) {
                                String file = d.getString("file");
                                String now = current.get(file);
                                boolean same = now != null && now.equals(d.getString("body_md5"));
                                statuses.add(new FileStatus(file, d.getString("body_md5"),
                                        d.getOffsetDateTime("delivered_at"), now, same));
                                if (now != null) {
                                    upToDate = (upToDate == null || upToDate) && same;
                                }
                            }
                            var p = Sql.first(presence);
                            return new Status(mac.value(),
                                    p.map(r -> r.getOffsetDateTime("last_seen_at")).orElse(null),
                                    p.map(r -> r.getString("last_ip")).orElse(null),
                                    p.map(r -> r.getString("last_user_agent")).orElse(null),
                                    p.map(r -> r.getString("model")).orElse(null),
                                    p.map(r -> r.getString("firmware")).orElse(null),
                                    p.map(r -> r.getString("last_file")).orElse(null),
                                    p.map(r -> r.getString("last_outcome")).orElse(null), statuses, upToDate);
                        })));
    }

    /** Boot, common and MAC file; a file that cannot render is answered as a 409 naming the setting. */
    Uni<List<Rendered>> render(Caller caller, String orgRef, String macText) {
        MacAddress mac = DeviceService.pathMac(macText);
        return organizations.visible(caller, orgRef)
                .flatMap(org -> devices.load(pool, org.id(), mac, false).flatMap(found -> {
                    DeviceRow device = found.orElseThrow(() -> DeviceService.notFound(mac));
                    return catalog.get().flatMap(models -> {
                        PhoneModel model = models.byName(device.model()).orElseThrow(
                                () -> ApiException.conflict("model " + device.model() + " is not in the catalog"));
                        return pool.preparedQuery("SELECT settings::text FROM org_model_settings"
                                + " WHERE organization_id = $1 AND model = $2").execute(Sql.args(org.id(),
                                        model.name()))
                                .flatMap(ms -> pool.preparedQuery("SELECT p.id, p.name, dp.position"
                                        + " FROM device_phonebook dp JOIN phonebook p ON p.id = dp.phonebook_id"
                                        + " WHERE dp.device_mac = $1 AND p.organization_id = $2"
                                        + " ORDER BY dp.position, p.id").execute(Sql.args(mac.value(), org.id()))
                                        .map(books -> {
                                            List<PhonebookRef> refs = new ArrayList<>();
                                            books.forEach(r -> refs.add(new PhonebookRef(r.getLong(0),
                                                    r.getString(1), r.getShort(2))));
                                            Map<String, String> modelSettings = Sql.first(ms)
                                                    .map(r -> Sql.settings(r.getString(0))).orElse(Map.of());
                                            return files(org, device, model, modelSettings, refs);
                                        }));
                    });
                }));
    }

    private List<Rendered> files(OrgRow org, DeviceRow device, PhoneModel model, Map<String, String> modelSettings,
            List<PhonebookRef> books) {
        String key = org.encryptionEnabled() && org.encryptionKeyEnc() != null
                ? cipher.decrypt(org.encryptionKeyEnc(), SecretContexts.encryptionKey(org.id()))
                : null;
        OrgView orgView = new OrgView(org.id(), org.slug(), org.name(), org.username(),
                cipher.decrypt(org.passwordEnc(), SecretContexts.provisioningPassword(org.id())),
                AuthMode.valueOf(org.authMode()), org.encryptionEnabled(), key, org.caCertificate(), org.settings(),
                org.version());
        DeviceView view = new DeviceView(device.mac(), org.id(), device.model(), device.label(), device.settings(),
                device.wallpaper(), device.ringtone(), device.version());
        List<SipAccount> accounts = device.accounts().stream()
                .map(a -> new SipAccount(a.index(), a.label(), a.displayName(), a.userName(), a.authName(),
                        a.passwordEnc() == null
                                ? null
                                : cipher.decrypt(a.passwordEnc(), SecretContexts.sipPassword(device.mac(),
                                        a.index())),
                        a.server(), a.port(), a.transport()))
                .toList();
        try {
            String mac = device.mac().value();
            List<Rendered> out = new ArrayList<>();
            String boot = renderer.bootFile(model, view);
            out.add(new Rendered(mac + ".boot", boot,
                    RenderedFile.of(boot.getBytes(StandardCharsets.UTF_8), RenderedFile.TEXT)));
            String common = renderer.commonFile(orgView, model, modelSettings, Optional.of(view));
            out.add(new Rendered(model.commonFileName(), common, RenderedFile.cfg(common, orgView)));
            String macFile = renderer.macFile(orgView, view, model, accounts, books);
            out.add(new Rendered(mac + ".cfg", macFile, RenderedFile.cfg(macFile, orgView)));
            return out;
        } catch (RenderException e) {
            throw ApiException.conflict("the configuration cannot be rendered: " + e.getMessage());
        }
    }

    /** Password values replaced by asterisks: the preview is for reading settings, not for leaking secrets. */
    static String mask(String text) {
        return SECRET_LINE.matcher(text).replaceAll("$1 = ********");
    }

}
