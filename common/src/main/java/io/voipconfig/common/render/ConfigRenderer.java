package io.voipconfig.common.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.voipconfig.common.catalog.PhoneModel;
import io.voipconfig.common.config.PublicUrls;
import io.voipconfig.common.phone.DeviceView;
import io.voipconfig.common.phone.OrgView;
import io.voipconfig.common.settings.Placeholders;
import io.voipconfig.common.settings.RenderException;
import io.voipconfig.common.settings.Settings;

/**
 * Renders Yealink boot and cfg files (docs/yealink.md §2.2, §2.10). Output is byte-stable: first line
 * {@code #!version:1.0.0.1}, keys in one deterministic order ({@link Settings#compareKeys}), {@code key = value}
 * lines ending in {@code \n}, UTF-8, nothing that depends on time or chance. The MD5 of a file therefore changes only
 * when a setting does, and phones do not reboot for nothing.
 */
public final class ConfigRenderer {

    public static final String HEADER = "#!version:1.0.0.1\n";

    /** Base URLs the phone is sent to. */
    public record Urls(String provisioning, String phonebook, String media) {

        public static Urls of(PublicUrls urls) {
            return new Urls(urls.provisioning(), urls.phonebook(), urls.media());
        }
    }

    private final Urls urls;
    private final String installationHost;
    private final String phonebookType;
    private final Map<String, String> platformDefaults;

    public ConfigRenderer(Urls urls, String phonebookType) {
        this.urls = new Urls(trim(urls.provisioning()), trim(urls.phonebook()), trim(urls.media()));
        this.installationHost = ProvisioningHost.of(this.urls.provisioning());
        this.phonebookType = phonebookType;
        this.platformDefaults = load("defaults/all.cfg");
    }

    /** {@code <base>/o/<slug>/}: the URL RPS gives phones and the common file pins. */
    public String provisioningUrl(OrgView org) {
        return forOrganization(org).provisioning() + "/o/" + org.slug() + "/";
    }

    /** The host names of the installation's own base URLs (a partner cannot take one of them as its own). */
    public Set<String> installationHosts() {
        return Stream.of(urls.provisioning(), urls.phonebook(), urls.media()).map(ProvisioningHost::of)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The base URLs for an organization's phones: where its partner has a host name of its own, that name replaces
     * the installation's provisioning host in every URL on that host.
     */
    public Urls forOrganization(OrgView org) {
        String partnerHost = org.provisioningHost();
        if (partnerHost == null) {
            return urls;
        }
        return new Urls(ProvisioningHost.replace(urls.provisioning(), installationHost, partnerHost),
                ProvisioningHost.replace(urls.phonebook(), installationHost, partnerHost),
                ProvisioningHost.replace(urls.media(), installationHost, partnerHost));
    }

    /**
     * The common file {@code y000000000<code>.cfg}: platform defaults for the model → the organization's settings →
     * its settings for this model → the update schedule and the provisioning server, user and password (last, so
     * nothing can break them) → a reset ({@code key =}) for each of {@code resets} that nothing above set.
     *
     * @param resets keys recently removed from the organization's or the model's settings ({@link RemovedKeys})
     */
    public String commonFile(OrgView org, PhoneModel model, Map<String, String> modelSettings,
            Optional<DeviceView> device, Set<String> resets) {
        Function<String, Optional<String>> resolve = resolver(org, device, List.of());
        Map<String, String> lines = new TreeMap<>(Settings::compareKeys);
        lines.putAll(platformDefaults);
        lines.putAll(load("defaults/" + model.name() + ".cfg"));
        putSettings(lines, org.settings(), resolve);
        putSettings(lines, modelSettings, resolve);
        lines.putAll(org.schedule().commonKeys());
        lines.put("static.auto_provision.server.url", provisioningUrl(org));
        lines.put("static.auto_provision.server.username", org.username());
        lines.put("static.auto_provision.server.password", org.password());
        if (org.caCertificate() != null && !org.caCertificate().isBlank()) {
            lines.put("static.trusted_certificates.url", provisioningUrl(org) + "ca.pem");
        }
        putResets(lines, resets);
        return write(lines);
    }

    /**
     * The MAC file {@code <mac>.cfg}: SIP accounts and a line key per account, wallpaper, ringtone and phonebook URLs,
     * then the device's own settings, which override everything before them, its minute of the update window
     * ({@link UpdateSchedule#deviceKeys}) and a reset ({@code key =}) for each of {@code resets} that nothing set.
     *
     * @param resets keys recently removed from the device's settings ({@link RemovedKeys})
     */
    public String macFile(OrgView org, DeviceView device, PhoneModel model, List<SipAccount> accounts,
            List<PhonebookRef> phonebooks, Set<String> resets) {
        Map<String, String> lines = new TreeMap<>(Settings::compareKeys);
        for (SipAccount a : accounts) {
            if (a.index() > model.accounts()) {
                throw new RenderException("account " + a.index() + " exceeds the " + model.accounts()
                        + " accounts of a " + model.name());
            }
            String p = "account." + a.index() + ".";
            lines.put(p + "enable", "1");
            lines.put(p + "label", orEmpty(a.label(), a.userName()));
            lines.put(p + "display_name", orEmpty(a.displayName(), a.userName()));
            lines.put(p + "user_name", a.userName());
            lines.put(p + "auth_name", orEmpty(a.authName(), a.userName()));
            lines.put(p + "password", a.password() == null ? "" : a.password());
            lines.put(p + "sip_server.1.address", a.server());
            lines.put(p + "sip_server.1.port", Integer.toString(a.port()));
            lines.put(p + "sip_server.1.transport_type", switch (a.transport()) {
                case "TCP" -> "1";
                case "TLS" -> "2";
                default -> "0";
            });
            if (a.index() <= model.lineKeys()) {
                lines.put("linekey." + a.index() + ".type", "15");
                lines.put("linekey." + a.index() + ".line", Integer.toString(a.index()));
                lines.put("linekey." + a.index() + ".label", orEmpty(a.label(), a.userName()));
            }
        }
        String prefix = "/o/" + org.slug() + "/";
        Urls urls = forOrganization(org);
        if (device.wallpaper() != null && model.screen().isPresent()) {
            lines.put("wallpaper_upload.url", urls.media() + prefix + "media/" + device.wallpaper());
            lines.put("phone_setting.backgrounds", "Config:" + device.wallpaper());
        }
        if (device.ringtone() != null) {
            lines.put("ringtone.url", urls.media() + prefix + "media/" + device.ringtone());
            lines.put("phone_setting.ring_type", "Config:" + device.ringtone());
        }
        if (!phonebooks.isEmpty()) {
            lines.put("features.remote_phonebook.enable", "1");
            int n = 0;
            for (PhonebookRef pb : phonebooks) {
                if (++n > 5) {
                    break; // Yealink phones take remote phonebooks 1..5
                }
                lines.put("remote_phonebook.data." + n + ".url",
                        urls.phonebook() + prefix + "phonebook/pb-" + phonebookType + "-" + pb.id() + ".xml");
                lines.put("remote_phonebook.data." + n + ".name", pb.name());
            }
        }
        putSettings(lines, device.settings(), resolver(org, Optional.of(device), accounts));
        lines.putAll(org.schedule().deviceKeys(device.mac()));
        putResets(lines, resets);
        return write(lines);
    }

    /** {@code <mac>.boot} (and {@code y000000000000.boot} for a known phone): the common file, then the MAC file. */
    public String bootFile(PhoneModel model, DeviceView device) {
        return HEADER + "include:config \"" + model.commonFileName() + "\"\n"
                + "include:config \"" + device.mac().value() + ".cfg\"\n";
    }

    private static void putSettings(Map<String, String> lines, Map<String, String> settings,
            Function<String, Optional<String>> resolve) {
        settings.forEach((key, value) -> {
            if (!Settings.isValidKey(key)) {
                throw new RenderException("invalid setting key '" + key + "'");
            }
            String v = Placeholders.render(value, resolve);
            String problem = Settings.valueProblem(v);
            if (problem != null) {
                throw new RenderException("setting " + key + ": " + problem);
            }
            lines.put(key, v);
        });
    }

    /** An empty value resets a key the file no longer sets (docs/yealink.md §2.10); a key set again is not reset. */
    private static void putResets(Map<String, String> lines, Set<String> resets) {
        resets.forEach(key -> {
            if (Settings.isValidKey(key)) {
                lines.putIfAbsent(key, "");
            }
        });
    }

    private Function<String, Optional<String>> resolver(OrgView org, Optional<DeviceView> device,
            List<SipAccount> accounts) {
        Urls urls = forOrganization(org);
        Map<String, String> v = new HashMap<>();
        v.put("ORG_ID", org.id().toString());
        v.put("ORG_SLUG", org.slug());
        v.put("ORG_NAME", org.name());
        v.put("PROVISIONING_URL", provisioningUrl(org));
        v.put("CONFIG_BASE_URL", urls.provisioning());
        v.put("PHONEBOOK_BASE_URL", urls.phonebook());
        v.put("MEDIA_BASE_URL", urls.media());
        device.ifPresent(d -> {
            v.put("MAC", d.mac().value());
            v.put("MAC_COLON", d.mac().colonSeparated());
            v.put("MODEL", d.model());
            v.put("LABEL", d.label() == null ? "" : d.label());
        });
        for (SipAccount a : accounts) {
            String p = "ACCOUNT_" + a.index() + "_";
            v.put(p + "USER_NAME", a.userName());
            v.put(p + "AUTH_NAME", orEmpty(a.authName(), a.userName()));
            v.put(p + "DISPLAY_NAME", orEmpty(a.displayName(), a.userName()));
            v.put(p + "LABEL", orEmpty(a.label(), a.userName()));
            v.put(p + "SERVER", a.server());
            v.put(p + "PORT", Integer.toString(a.port()));
            v.put(p + "TRANSPORT", a.transport());
        }
        return Placeholders.from(v);
    }

    private static String write(Map<String, String> lines) {
        StringBuilder b = new StringBuilder(HEADER);
        lines.forEach((k, v) -> {
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new RenderException("value of " + k + " contains a line break");
            }
            // "key =" for an empty value, as Yealink's own templates write an unset key
            b.append(k).append(v.isEmpty() ? " =" : " = ").append(v).append('\n');
        });
        return b.toString();
    }

    /** Reads a {@code key = value} resource (absent → empty). */
    static Map<String, String> load(String resource) {
        Map<String, String> out = new TreeMap<>(Settings::compareKeys);
        try (InputStream in = ConfigRenderer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalStateException(resource + ": not a 'key = value' line: " + l);
                }
                out.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String orEmpty(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
