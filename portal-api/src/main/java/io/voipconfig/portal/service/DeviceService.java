package io.voipconfig.portal.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.catalog.ModelCatalog;
import io.voipconfig.common.catalog.PhoneModel;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
import io.voipconfig.common.event.DeviceState;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.mac.InvalidMacAddressException;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.AuthMode;
import io.voipconfig.common.phone.DeviceView;
import io.voipconfig.common.phone.OrgView;
import io.voipconfig.common.render.ConfigRenderer;
import io.voipconfig.common.render.PhonebookRef;
import io.voipconfig.common.render.SipAccount;
import io.voipconfig.common.settings.RenderException;
import io.voipconfig.portal.rest.ApiException;
import io.voipconfig.portal.rest.dto.DeviceDto.Account;
import io.voipconfig.portal.rest.dto.DeviceDto.AccountInput;
import io.voipconfig.portal.rest.dto.DeviceDto.Device;
import io.voipconfig.portal.rest.dto.DeviceDto.Input;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.Infrastructure.CatalogSource;
import io.voipconfig.portal.service.OrganizationService.OrgRow;

/** Devices and their SIP accounts: validation, one MAC per platform, and each write with its event. */
@ApplicationScoped
public class DeviceService {

    static final Pattern SIP_USER = Pattern.compile("[^\\s\\p{Cntrl}]{1,128}");
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]{1,255}");
    static final List<String> TRANSPORTS = List.of("UDP", "TCP", "TLS");
    static final int MAX_PHONEBOOKS = 5;
    private static final String COLUMNS = "mac, organization_id, model, label, settings::text AS settings, wallpaper,"
            + " ringtone, version, created_at, updated_at";

    /** A stored device with its accounts (passwords still encrypted) and phonebooks. */
    public record DeviceRow(
            MacAddress mac,
            UUID organizationId,
            String model,
            String label,
            Map<String, String> settings,
            String wallpaper,
            String ringtone,
            long version,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            List<AccountRow> accounts,
            List<Long> phonebookIds) {

        DeviceState state() {
            return new DeviceState(mac.value(), organizationId.toString(), model, label);
        }
    }

    public record AccountRow(
            int index,
            String label,
            String displayName,
            String userName,
            String authName,
            String passwordEnc,
            String server,
            int port,
            String transport) {
    }

    /** What a device may refer to in its organization, loaded once per request (or per import). */
    public record References(ModelCatalog catalog, Set<Long> phonebooks, Map<String, String> media) {
    }

    private final Pool pool;
    private final OrganizationService organizations;
    private final SecretCipher cipher;
    private final Outbox outbox;
    private final CatalogSource catalog;
    private final ConfigRenderer renderer;

    public DeviceService(Pool pool, OrganizationService organizations, SecretCipher cipher, Outbox outbox,
            CatalogSource catalog, ConfigRenderer renderer) {
        this.pool = pool;
        this.organizations = organizations;
        this.cipher = cipher;
        this.outbox = outbox;
        this.catalog = catalog;
        this.renderer = renderer;
    }

    /** A MAC from a path: 400 when it is not one. */
    public static MacAddress pathMac(String text) {
        try {
            return MacAddress.parse(text);
        } catch (InvalidMacAddressException e) {
            throw ApiException.invalid("mac", e.getMessage());
        }
    }

    public static Device toDto(DeviceRow d) {
        List<Account> accounts = d.accounts().stream().map(a -> new Account(a.index(), a.label(), a.displayName(),
                a.userName(), a.authName(), a.passwordEnc() != null, a.server(), a.port(), a.transport())).toList();
        return new Device(d.mac().value(), d.organizationId(), d.model(), d.label(), accounts, d.settings(),
                d.phonebookIds(), d.wallpaper(), d.ringtone(), d.version(), d.createdAt(), d.updatedAt());
    }

    public Uni<DeviceRow> get(Caller caller, String orgRef, String macText) {
        MacAddress mac = pathMac(macText);
        return organizations.visible(caller, orgRef).flatMap(org -> load(pool, org.id(), mac, false))
                .map(d -> d.orElseThrow(() -> notFound(mac)));
    }

    static ApiException notFound(MacAddress mac) {
        return ApiException.notFound("no device " + mac.value() + " in this organization");
    }

    public Uni<Page<Device>> list(Caller caller, String orgRef, PageRequest page, String q, String model) {
        return organizations.visible(caller, orgRef).flatMap(org -> {
            List<Object> args = new ArrayList<>(List.of(org.id()));
            StringBuilder where = new StringBuilder(" WHERE organization_id = $1");
            if (q != null && !q.isBlank()) {
                String needle = q.strip().toLowerCase(Locale.ROOT);
                String macNeedle = needle.replaceAll("[^0-9a-f]", "");
                args.add("%" + needle.replace("%", "\\%").replace("_", "\\_") + "%");
                where.append(" AND (lower(label) LIKE $").append(args.size());
                if (!macNeedle.isEmpty()) {
                    args.add("%" + macNeedle + "%");
                    where.append(" OR mac LIKE $").append(args.size());
                }
                where.append(")");
            }
            if (model != null && !model.isBlank()) {
                args.add(model.strip().toUpperCase(Locale.ROOT));
                where.append(" AND model = $").append(args.size());
            }
            Tuple tuple = Sql.args(args.toArray());
            return pool.preparedQuery("SELECT count(*) FROM device" + where).execute(tuple)
                    .flatMap(count -> pool.preparedQuery("SELECT " + COLUMNS + " FROM device" + where + page.sql())
                            .execute(tuple)
                            .flatMap(rows -> {
                                List<Row> list = new ArrayList<>();
                                rows.forEach(list::add);
                                return details(pool, list);
                            })
                            .map(devices -> Page.of(devices.stream().map(DeviceService::toDto).toList(), page,
                                    count.iterator().next().getLong(0))));
        });
    }

    public Uni<DeviceRow> create(Caller caller, String orgRef, Input in) {
        Errors errors = new Errors();
        MacAddress mac = parseMac(errors, in);
        return pool.withTransaction(tx -> organizations.visible(tx, caller, orgRef)
                .flatMap(org -> references(tx, org.id()).flatMap(refs -> {
                    validate(errors, "", in, refs, org, mac, Map.of());
                    errors.throwIfAny();
                    return insert(tx, org, mac, in, refs).flatMap(created -> outbox
                            .append(tx, EventType.DEVICE_CREATED, mac.value(), org.id(), created.version(),
                                    created.state())
                            .replaceWith(created));
                })))
                .invoke(outbox::committed);
    }

    /** Inserts a validated device; 409 when its MAC is registered anywhere on the platform. */
    Uni<DeviceRow> insert(SqlConnection tx, OrgRow org, MacAddress mac, Input in, References refs) {
        PhoneModel model = refs.catalog().byName(in.model().strip().toUpperCase(Locale.ROOT)).orElseThrow();
        return tx.preparedQuery("INSERT INTO device (mac, organization_id, model, label, settings, wallpaper,"
                + " ringtone) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (mac) DO NOTHING RETURNING mac")
                .execute(Sql.args(mac.value(), org.id(), model.name(), blankToNull(in.label()),
                        Sql.json(in.settings()), blankToNull(in.wallpaper()), blankToNull(in.ringtone())))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        // Deliberately silent about where: MACs of other organizations are not ours to reveal.
                        throw new ApiException(409, "mac-in-use", "Conflict",
                                "MAC address " + mac.value() + " is already registered", List.of(
                                        new ApiException.FieldError("mac", "is already registered")));
                    }
                    return writeChildren(tx, mac, in, Map.of());
                })
                .flatMap(v -> load(tx, org.id(), mac, false)).map(Optional::orElseThrow);
    }

    public Uni<DeviceRow> update(Caller caller, String orgRef, String macText, String ifMatch, Input in) {
        MacAddress mac = pathMac(macText);
        Errors errors = new Errors();
        if (in != null && in.mac() != null && !MacAddress.tryParse(in.mac()).map(mac::equals).orElse(false)) {
            errors.add("mac", "must be the MAC of the path (" + mac.value() + ")");
        }
        return pool.withTransaction(tx -> organizations.visible(tx, caller, orgRef)
                .flatMap(org -> load(tx, org.id(), mac, true).flatMap(found -> {
                    DeviceRow current = found.orElseThrow(() -> notFound(mac));
                    Versions.check(ifMatch, current.version());
                    Map<Integer, String> kept = new HashMap<>();
                    current.accounts().forEach(a -> {
                        if (a.passwordEnc() != null) {
                            kept.put(a.index(), a.passwordEnc());
                        }
                    });
                    return references(tx, org.id()).flatMap(refs -> {
                        validate(errors, "", in, refs, org, mac, kept);
                        errors.throwIfAny();
                        String model = in.model().strip().toUpperCase(Locale.ROOT);
                        return tx.preparedQuery("UPDATE device SET model = $2, label = $3, settings = $4,"
                                + " wallpaper = $5, ringtone = $6, version = nextval('aggregate_version_seq'), updated_at = now()"
                                + " WHERE mac = $1")
                                .execute(Sql.args(mac.value(), model, blankToNull(in.label()),
                                        Sql.json(in.settings()), blankToNull(in.wallpaper()),
                                        blankToNull(in.ringtone())))
                                .flatMap(v -> tx.preparedQuery("DELETE FROM sip_account WHERE device_mac = $1")
                                        .execute(Sql.args(mac.value())))
                                .flatMap(v -> tx.preparedQuery("DELETE FROM device_phonebook WHERE device_mac = $1")
                                        .execute(Sql.args(mac.value())))
                                .flatMap(v -> writeChildren(tx, mac, in, kept))
                                .flatMap(v -> load(tx, org.id(), mac, false)).map(Optional::orElseThrow)
                                .flatMap(updated -> outbox.append(tx, EventType.DEVICE_UPDATED, mac.value(), org.id(),
                                        updated.version(), updated.state()).replaceWith(updated));
                    });
                })))
                .invoke(outbox::committed);
    }

    public Uni<Void> delete(Caller caller, String orgRef, String macText, String ifMatch) {
        MacAddress mac = pathMac(macText);
        return pool.withTransaction(tx -> organizations.visible(tx, caller, orgRef)
                .flatMap(org -> tx.preparedQuery("SELECT version FROM device WHERE mac = $1 AND organization_id = $2"
                        + " FOR UPDATE").execute(Sql.args(mac.value(), org.id()))
                        .flatMap(rows -> {
                            long version = Sql.first(rows).map(r -> r.getLong(0)).orElseThrow(() -> notFound(mac));
                            Versions.check(ifMatch, version);
                            return tx.preparedQuery("DELETE FROM device WHERE mac = $1").execute(Sql.args(mac.value()))
                                    .flatMap(v -> outbox.appendDeletion(tx, EventType.DEVICE_DELETED, mac.value(),
                                            org.id()));
                        })))
                .invoke(outbox::committed).replaceWithVoid();
    }

    /**
     * Moves a device to another organization the caller can manage: model, label, accounts (with their stored
     * passwords) and settings go along; phonebook links, wallpaper and ringtone name the old organization's resources
     * and are removed. The MAC file must render with the target organization's settings. One event, in the target
     * organization's order; RPS then puts the MAC on the target's server.
     */
    public Uni<DeviceRow> move(Caller caller, String orgRef, String macText, String ifMatch, String target) {
        MacAddress mac = pathMac(macText);
        if (target == null || target.isBlank()) {
            throw ApiException.invalid("organization", "is required: the target organization's id or slug");
        }
        return pool.withTransaction(tx -> organizations.visible(tx, caller, orgRef)
                .flatMap(from -> organizations.visible(tx, caller, target.strip())
                        .onFailure(ApiException.class).transform(e -> ApiException.invalid("organization",
                                "no organization '" + target.strip() + "' that you manage"))
                        .flatMap(to -> {
                            if (to.id().equals(from.id())) {
                                throw ApiException.invalid("organization", "the device is already in '"
                                        + to.slug() + "'");
                            }
                            return load(tx, from.id(), mac, true).flatMap(found -> {
                                DeviceRow current = found.orElseThrow(() -> notFound(mac));
                                Versions.check(ifMatch, current.version());
                                Errors errors = new Errors();
                                Input moved = new Input(mac.value(), current.model(), current.label(),
                                        current.accounts().stream().map(a -> new AccountInput(a.index(), a.label(),
                                                a.displayName(), a.userName(), a.authName(), null, a.server(),
                                                a.port(), a.transport())).toList(),
                                        current.settings(), List.of(), null, null);
                                return references(tx, to.id()).flatMap(refs -> {
                                    validate(errors, "", moved, refs, to, mac, Map.of());
                                    errors.throwIfAny();
                                    return tx.preparedQuery("UPDATE device SET organization_id = $2, wallpaper = NULL,"
                                            + " ringtone = NULL, version = nextval('aggregate_version_seq'),"
                                            + " updated_at = now() WHERE mac = $1")
                                            .execute(Sql.args(mac.value(), to.id()))
                                            .flatMap(v -> tx.preparedQuery("DELETE FROM device_phonebook"
                                                    + " WHERE device_mac = $1").execute(Sql.args(mac.value())))
                                            .flatMap(v -> load(tx, to.id(), mac, false)).map(Optional::orElseThrow)
                                            .flatMap(updated -> outbox.append(tx, EventType.DEVICE_UPDATED,
                                                    mac.value(), to.id(), updated.version(), updated.state())
                                                    .replaceWith(updated));
                                });
                            });
                        })))
                .invoke(outbox::committed);
    }

    private Uni<Void> writeChildren(SqlConnection tx, MacAddress mac, Input in, Map<Integer, String> keptPasswords) {
        List<Tuple> accounts = new ArrayList<>();
        for (AccountInput a : in.accounts() == null ? List.<AccountInput>of() : in.accounts()) {
            String enc = a.password() != null
                    ? cipher.encrypt(a.password(), SecretContexts.sipPassword(mac, a.index()))
                    : keptPasswords.get(a.index());
            accounts.add(Sql.args(mac.value(), a.index(), blankToNull(a.label()), blankToNull(a.displayName()),
                    a.userName().strip(), blankToNull(a.authName()), enc, a.server().strip(),
                    a.port() == null ? 5060 : a.port(), a.transport() == null ? "UDP" : a.transport()));
        }
        List<Tuple> books = new ArrayList<>();
        List<Long> ids = in.phonebookIds() == null ? List.of() : in.phonebookIds();
        for (int i = 0; i < ids.size(); i++) {
            books.add(Sql.args(mac.value(), ids.get(i), i + 1));
        }
        Uni<Void> result = Uni.createFrom().voidItem();
        if (!accounts.isEmpty()) {
            result = result.flatMap(v -> tx.preparedQuery("INSERT INTO sip_account (device_mac, account_index, label,"
                    + " display_name, user_name, auth_name, password_enc, server, port, transport)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)").executeBatch(accounts).replaceWithVoid());
        }
        if (!books.isEmpty()) {
            result = result.flatMap(v -> tx.preparedQuery("INSERT INTO device_phonebook (device_mac, phonebook_id,"
                    + " position) VALUES ($1, $2, $3)").executeBatch(books).replaceWithVoid());
        }
        return result;
    }

    /** The device with accounts and phonebooks, if it belongs to {@code organizationId}. */
    public Uni<Optional<DeviceRow>> load(SqlClient client, UUID organizationId, MacAddress mac, boolean forUpdate) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM device WHERE mac = $1 AND organization_id = $2"
                + (forUpdate ? " FOR UPDATE" : "")).execute(Sql.args(mac.value(), organizationId))
                .flatMap(rows -> {
                    Optional<Row> row = Sql.first(rows);
                    if (row.isEmpty()) {
                        return Uni.createFrom().item(Optional.<DeviceRow>empty());
                    }
                    return details(client, List.of(row.get())).map(list -> Optional.of(list.get(0)));
                });
    }

    /** Adds accounts and phonebooks to device rows, two queries for the whole list. */
    private Uni<List<DeviceRow>> details(SqlClient client, List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] macs = rows.stream().map(r -> r.getString("mac")).toArray(String[]::new);
        return client.preparedQuery("SELECT device_mac, account_index, label, display_name, user_name, auth_name,"
                + " password_enc, server, port, transport FROM sip_account WHERE device_mac = ANY($1)"
                + " ORDER BY device_mac, account_index").execute(Sql.args((Object) macs))
                .flatMap(accountRows -> client.preparedQuery("SELECT device_mac, phonebook_id FROM device_phonebook"
                        + " WHERE device_mac = ANY($1) ORDER BY device_mac, position, phonebook_id")
                        .execute(Sql.args((Object) macs))
                        .map(bookRows -> {
                            Map<String, List<AccountRow>> accounts = new HashMap<>();
                            accountRows.forEach(r -> accounts.computeIfAbsent(r.getString("device_mac"),
                                    k -> new ArrayList<>()).add(
                                            new AccountRow(r.getShort("account_index"),
                                                    r.getString("label"), r.getString("display_name"),
                                                    r.getString("user_name"), r.getString("auth_name"),
                                                    r.getString("password_enc"), r.getString("server"),
                                                    r.getInteger("port"), r.getString("transport"))));
                            Map<String, List<Long>> books = new HashMap<>();
                            bookRows.forEach(r -> books.computeIfAbsent(r.getString("device_mac"),
                                    k -> new ArrayList<>()).add(r.getLong("phonebook_id")));
                            List<DeviceRow> out = new ArrayList<>();
                            for (Row r : rows) {
                                String mac = r.getString("mac");
                                out.add(new DeviceRow(new MacAddress(mac), r.getUUID("organization_id"),
                                        r.getString("model"), r.getString("label"),
                                        Sql.settings(r.getString("settings")), r.getString("wallpaper"),
                                        r.getString("ringtone"), r.getLong("version"),
                                        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"),
                                        accounts.getOrDefault(mac, List.of()), books.getOrDefault(mac, List.of())));
                            }
                            return out;
                        }));
    }

    public Uni<References> references(SqlClient client, UUID organizationId) {
        return catalog.get().flatMap(models -> client
                .preparedQuery("SELECT id FROM phonebook WHERE organization_id = $1").execute(Sql.args(organizationId))
                .flatMap(books -> client.preparedQuery("SELECT name, kind FROM media WHERE organization_id = $1")
                        .execute(Sql.args(organizationId))
                        .map(media -> {
                            Set<Long> ids = new HashSet<>();
                            books.forEach(r -> ids.add(r.getLong(0)));
                            Map<String, String> names = new HashMap<>();
                            media.forEach(r -> names.put(r.getString(0), r.getString(1)));
                            return new References(models, ids, names);
                        })));
    }

    static MacAddress parseMac(Errors errors, Input in) {
        if (in == null || in.mac() == null || in.mac().isBlank()) {
            errors.add("mac", "is required");
            return null;
        }
        try {
            return MacAddress.parse(in.mac());
        } catch (InvalidMacAddressException e) {
            errors.add("mac", e.getMessage());
            return null;
        }
    }

    /**
     * Every rule of a device: model in the catalog, accounts within the model's count, settings well-formed with
     * known placeholders, phonebooks and media of the same organization, and the MAC file renders.
     */
    void validate(Errors e, String prefix, Input in, References refs, OrgRow org, MacAddress mac,
            Map<Integer, String> keptPasswords) {
        if (in == null) {
            e.add(prefix.isEmpty() ? "body" : prefix, "a JSON body is required");
            return;
        }
        Optional<PhoneModel> model = Optional.empty();
        if (in.model() == null || in.model().isBlank()) {
            e.add(prefix + "model", "is required");
        } else {
            model = refs.catalog().byName(in.model().strip().toUpperCase(Locale.ROOT));
            if (model.isEmpty()) {
                e.add(prefix + "model", "unknown model '" + in.model() + "' (see GET /api/v1/models)");
            }
        }
        e.text(prefix + "label", in.label(), 200, false);
        List<AccountInput> accounts = in.accounts() == null ? List.of() : in.accounts();
        Set<Integer> indexes = new HashSet<>();
        for (int i = 0; i < accounts.size(); i++) {
            AccountInput a = accounts.get(i);
            String p = prefix + "accounts[" + i + "].";
            if (a == null) {
                e.add(prefix + "accounts[" + i + "]", "must be an object");
                continue;
            }
            if (a.index() == null) {
                e.add(p + "index", "is required");
            } else if (a.index() < 1 || model.isPresent() && a.index() > model.get().accounts()
                    || a.index() > 16) {
                e.add(p + "index", "must be between 1 and "
                        + model.map(m -> m.accounts() + " (a " + m.name() + " has " + m.accounts() + " accounts)")
                                .orElse("16"));
            } else if (!indexes.add(a.index())) {
                e.add(p + "index", "account " + a.index() + " appears twice");
            }
            if (a.userName() == null || !SIP_USER.matcher(a.userName().strip()).matches()) {
                e.add(p + "userName", "is required: 1 to 128 characters without spaces");
            }
            if (a.authName() != null && !a.authName().isBlank() && !SIP_USER.matcher(a.authName()).matches()) {
                e.add(p + "authName", "1 to 128 characters without spaces");
            }
            if (a.password() != null && (a.password().length() > 128
                    || a.password().chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
                e.add(p + "password", "at most 128 characters, no control characters");
            }
            e.text(p + "label", a.label(), 100, false);
            e.text(p + "displayName", a.displayName(), 100, false);
            if (a.server() == null || !HOST.matcher(a.server().strip()).matches()) {
                e.add(p + "server", "is required: a host name or IP address");
            }
            if (a.port() != null && (a.port() < 1 || a.port() > 65535)) {
                e.add(p + "port", "must be between 1 and 65535");
            }
            if (a.transport() != null && !TRANSPORTS.contains(a.transport())) {
                e.add(p + "transport", "one of " + String.join(", ", TRANSPORTS));
            }
        }
        e.settings(prefix + "settings", in.settings());
        List<Long> books = in.phonebookIds() == null ? List.of() : in.phonebookIds();
        if (books.size() > MAX_PHONEBOOKS) {
            e.add(prefix + "phonebookIds", "at most " + MAX_PHONEBOOKS + " phonebooks (Yealink phones list 5)");
        }
        if (new HashSet<>(books).size() != books.size()) {
            e.add(prefix + "phonebookIds", "a phonebook appears twice");
        }
        for (int i = 0; i < books.size(); i++) {
            if (books.get(i) == null || !refs.phonebooks().contains(books.get(i))) {
                e.add(prefix + "phonebookIds[" + i + "]", "no phonebook " + books.get(i) + " in this organization");
            }
        }
        mediaRef(e, prefix + "wallpaper", in.wallpaper(), refs, "WALLPAPER", "IMAGE");
        mediaRef(e, prefix + "ringtone", in.ringtone(), refs, "RINGTONE");
        if (e.isEmpty() && model.isPresent() && mac != null) {
            renderCheck(e, prefix, in, org, mac, model.get());
        }
    }

    /** Renders the MAC file once with the new values: what cannot render is refused now, not when phones ask. */
    private void renderCheck(Errors e, String prefix, Input in, OrgRow org, MacAddress mac, PhoneModel model) {
        OrgView orgView = new OrgView(org.id(), org.slug(), org.name(), org.username(), "", AuthMode.DIGEST, false,
                null, null, org.settings(), org.version());
        DeviceView device = new DeviceView(mac, org.id(), model.name(), blankToNull(in.label()),
                in.settings() == null ? Map.of() : in.settings(), blankToNull(in.wallpaper()),
                blankToNull(in.ringtone()), 1);
        List<SipAccount> accounts = (in.accounts() == null ? List.<AccountInput>of() : in.accounts()).stream()
                .map(a -> new SipAccount(a.index(), a.label(), a.displayName(), a.userName().strip(), a.authName(), "",
                        a.server().strip(), a.port() == null ? 5060 : a.port(),
                        a.transport() == null ? "UDP" : a.transport()))
                .sorted(Comparator.comparingInt(SipAccount::index)).toList();
        List<PhonebookRef> books = new ArrayList<>();
        List<Long> ids = in.phonebookIds() == null ? List.of() : in.phonebookIds();
        for (int i = 0; i < ids.size(); i++) {
            books.add(new PhonebookRef(ids.get(i), "phonebook " + ids.get(i), i + 1));
        }
        try {
            renderer.macFile(orgView, device, model, accounts, books);
        } catch (RenderException ex) {
            e.add(prefix + "settings", ex.getMessage());
        }
    }

    private static void mediaRef(Errors e, String field, String name, References refs, String... kinds) {
        if (name == null || name.isBlank()) {
            return;
        }
        String kind = refs.media().get(name.strip());
        if (kind == null) {
            e.add(field, "no media named '" + name + "' in this organization");
        } else if (!List.of(kinds).contains(kind)) {
            e.add(field, "'" + name + "' is a " + kind.toLowerCase(Locale.ROOT) + ", not a "
                    + String.join(" or ", List.of(kinds)).toLowerCase(Locale.ROOT));
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
