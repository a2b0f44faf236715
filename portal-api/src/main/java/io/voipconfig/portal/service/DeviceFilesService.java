package io.voipconfig.portal.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.catalog.PhoneModel;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.AuthMode;
import io.voipconfig.common.phone.DeviceView;
import io.voipconfig.common.phone.OrgView;
import io.voipconfig.common.render.ConfigRenderer;
import io.voipconfig.common.render.PhonebookRef;
import io.voipconfig.common.render.RemovedKeys;
import io.voipconfig.common.render.RenderedFile;
import io.voipconfig.common.render.SipAccount;
import io.voipconfig.common.settings.RenderException;
import io.voipconfig.common.settings.SecretSettings;
import io.voipconfig.portal.model.Device;
import io.voipconfig.portal.model.DeviceStatus;
import io.voipconfig.portal.model.DeviceStatus.Delivery;
import io.voipconfig.portal.model.DeviceStatus.FilePreview;
import io.voipconfig.portal.model.DeviceStatus.FileState;
import io.voipconfig.portal.model.Organization;
import io.voipconfig.portal.model.Timestamps;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.DeviceRepository;
import io.voipconfig.portal.repository.DeviceStatusRepository;
import io.voipconfig.portal.repository.ModelSettingsRepository;
import io.voipconfig.portal.repository.PartnerRepository;
import io.voipconfig.portal.repository.RemovedSettingRepository;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.Infrastructure.CatalogSource;

/**
 * A device's files as config-service renders them (the same {@link ConfigRenderer}, the same inputs), for the preview
 * and for "does the phone have its current configuration?".
 */
@ApplicationScoped
public class DeviceFilesService {

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

    private final OrganizationService organizations;
    private final DeviceRepository devices;
    private final ModelSettingsRepository modelSettings;
    private final DeviceStatusRepository status;
    private final PartnerRepository partners;
    private final SecretCipher cipher;
    private final CatalogSource catalog;
    private final ConfigRenderer renderer;
    private final RemovedSettingRepository removed;

    public DeviceFilesService(OrganizationService organizations, DeviceRepository devices,
            ModelSettingsRepository modelSettings, DeviceStatusRepository status, PartnerRepository partners,
            SecretCipher cipher, CatalogSource catalog, ConfigRenderer renderer, RemovedSettingRepository removed) {
        this.removed = removed;
        this.organizations = organizations;
        this.devices = devices;
        this.modelSettings = modelSettings;
        this.status = status;
        this.partners = partners;
        this.cipher = cipher;
        this.catalog = catalog;
        this.renderer = renderer;
    }

    public Uni<List<FilePreview>> preview(Caller caller, String orgRef, String macText) {
        return render(caller, orgRef, macText).map(files -> files.stream()
                .map(f -> new FilePreview(f.name(), f.encrypted() ? "application/octet-stream" : "text/plain",
                        f.md5(), f.encrypted(), SecretSettings.maskedText(f.text())))
                .toList());
    }

    public Uni<DeviceStatus> status(Caller caller, String orgRef, String macText) {
        MacAddress mac = DeviceService.pathMac(macText);
        return render(caller, orgRef, macText).flatMap(files -> status.presence(mac)
                .flatMap(presence -> status.deliveries(mac).map(deliveries -> {
                    Map<String, String> current = new LinkedHashMap<>();
                    files.forEach(f -> current.put(f.name(), f.md5()));
                    List<FileState> states = new ArrayList<>();
                    Boolean upToDate = null;
                    for (Delivery d : deliveries) {
                        String now = current.get(d.file());
                        boolean same = now != null && now.equals(d.md5());
                        states.add(new FileState(d.file(), d.md5(), d.deliveredAt(), now, same));
                        if (now != null) {
                            upToDate = (upToDate == null || upToDate) && same;
                        }
                    }
                    return new DeviceStatus(mac.value(), presence, states, upToDate);
                })));
    }

    /** Boot, common and MAC file; a file that cannot render is answered as a 409 naming the setting. */
    Uni<List<Rendered>> render(Caller caller, String orgRef, String macText) {
        MacAddress mac = DeviceService.pathMac(macText);
        return Panache.withSession(() -> organizations.visible(caller, orgRef)
                .flatMap(org -> devices.findInOrganization(org.id, mac, false)
                        .onItem().ifNull().failWith(() -> DeviceService.notFound(mac))
                        .flatMap(device -> catalog.get().flatMap(models -> {
                            PhoneModel model = models.byName(device.model).orElseThrow(() -> ApiException.conflict(
                                    "model " + device.model + " is not in the catalog"));
                            return modelSettings.find(org.id, model.name(), false)
                                    .flatMap(ms -> status.phonebooks(mac, org.id)
                                            .flatMap(books -> removed.common(org.id, model.name())
                                                    .flatMap(commonRemoved -> removed.device(mac)
                                                            .flatMap(deviceRemoved -> partners.findById(org.partnerId)
                                                                    .map(partner -> files(org, partner.provisioningHost,
                                                                            device, model,
                                                                            ms == null ? Map.of() : ms.sortedSettings(),
                                                                            books, commonRemoved, deviceRemoved))))));
                        }))));
    }

    /** @param provisioningHost the partner's own host name, which the files name as config-service renders them */
    private List<Rendered> files(Organization org, String provisioningHost, Device device, PhoneModel model,
            Map<String, String> modelSettings, List<PhonebookRef> books, RemovedKeys commonRemoved,
            RemovedKeys deviceRemoved) {
        // The resets config-service renders at this moment, so the preview's MD5 is the phone's
        Instant now = Timestamps.now().toInstant();
        String key = org.encryptionEnabled && org.encryptionKeyEnc != null
                ? cipher.decrypt(org.encryptionKeyEnc, SecretContexts.encryptionKey(org.id))
                : null;
        OrgView orgView = new OrgView(org.id, org.slug, org.name, org.partnerId, provisioningHost, org.username,
                cipher.decrypt(org.passwordEnc, SecretContexts.provisioningPassword(org.id)),
                AuthMode.valueOf(org.authMode), org.encryptionEnabled, key, org.caCertificate, org.sortedSettings(),
                org.version, org.schedule());
        MacAddress mac = device.macAddress();
        DeviceView view = new DeviceView(mac, org.id, device.model, device.label, device.sortedSettings(),
                device.wallpaper, device.ringtone, device.version);
        List<SipAccount> accounts = device.accounts.stream()
                .map(a -> new SipAccount(a.accountIndex, a.label, a.displayName, a.userName, a.authName,
                        a.passwordEnc == null
                                ? null
                                : cipher.decrypt(a.passwordEnc, SecretContexts.sipPassword(mac, a.accountIndex)),
                        a.server, a.port, a.transport))
                .toList();
        try {
            List<Rendered> out = new ArrayList<>();
            String boot = renderer.bootFile(model, view);
            out.add(new Rendered(mac.value() + ".boot", boot,
                    RenderedFile.of(boot.getBytes(StandardCharsets.UTF_8), RenderedFile.TEXT)));
            String common = renderer.commonFile(orgView, model, modelSettings, Optional.of(view),
                    commonRemoved.activeAt(now));
            out.add(new Rendered(model.commonFileName(), common, RenderedFile.cfg(common, orgView)));
            String macFile = renderer.macFile(orgView, view, model, accounts, books, deviceRemoved.activeAt(now));
            out.add(new Rendered(mac.value() + ".cfg", macFile, RenderedFile.cfg(macFile, orgView)));
            return out;
        } catch (RenderException e) {
            throw ApiException.conflict("the configuration cannot be rendered: " + e.getMessage());
        }
    }

}
