package io.voipconfig.portal.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
import io.voipconfig.common.event.DeviceState;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.mac.InvalidMacAddressException;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.portal.rest.ApiException;
import io.voipconfig.portal.rest.ApiException.FieldError;
import io.voipconfig.portal.rest.dto.DeviceDto.AccountInput;
import io.voipconfig.portal.rest.dto.DeviceDto.Input;
import io.voipconfig.portal.security.Caller;

/** CSV import of devices: every row validated first, then all rows in one transaction, or nothing. */
@ApplicationScoped
public class DeviceImportService {

    public static final String FORMAT = "CSV with a header row. Columns: mac and model (required), label, account"
            + " (1 when omitted), user_name, auth_name, password, display_name, account_label, server, port,"
            + " transport, phonebooks (ids separated by ';'), wallpaper, ringtone. Several rows with the same MAC add"
            + " accounts to one device. Only new MACs are accepted; errors name the row (the header is row 1).";

    static final Set<String> COLUMNS = Set.of("mac", "model", "label", "account", "user_name", "auth_name", "password",
            "display_name", "account_label", "server", "port", "transport", "phonebooks", "wallpaper", "ringtone");
    private static final int MAX_ERRORS = 200;

    /** The outcome of an import. */
    public record ImportResult(int rows, int devices, int accounts) {
    }

    private final Pool pool;
    private final OrganizationService organizations;
    private final DeviceService devices;
    private final SecretCipher cipher;
    private final Outbox outbox;
    private final PortalConfig config;

    public DeviceImportService(Pool pool, OrganizationService organizations, DeviceService devices,
            SecretCipher cipher, Outbox outbox, PortalConfig config) {
        this.pool = pool;
        this.organizations = organizations;
        this.devices = devices;
        this.cipher = cipher;
        this.outbox = outbox;
        this.config = config;
    }

    /** A device assembled from its rows, with the first row's number for error messages. */
    private record Pending(int row, MacAddress mac, Input input) {
    }

    public Uni<ImportResult> importCsv(Caller caller, String orgRef, String csv) {
        List<Csv.Record> records;
        try {
            records = Csv.parse(csv == null ? "" : csv, config.deviceImport().maxRows() + 1);
        } catch (Csv.CsvException e) {
            throw ApiException.invalid(List.of(new FieldError("csv", e.getMessage(), e.row)));
        }
        if (records.size() < 2) {
            throw ApiException.invalid("csv", "a header row and at least one device row are required");
        }
        List<String> header = records.get(0).fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        List<FieldError> headerErrors = new ArrayList<>();
        for (String h : header) {
            if (!COLUMNS.contains(h)) {
                headerErrors.add(new FieldError(h, "unknown column (known: " + String.join(", ", COLUMNS.stream()
                        .sorted().toList()) + ")", records.get(0).line()));
            }
        }
        for (String required : List.of("mac", "model")) {
            if (!header.contains(required)) {
                headerErrors.add(new FieldError(required, "column is required", records.get(0).line()));
            }
        }
        if (!headerErrors.isEmpty()) {
            throw ApiException.invalid(headerErrors);
        }
        List<FieldError> errors = new ArrayList<>();
        Map<MacAddress, Pending> pending = parseRows(records, header, errors);
        return pool.withTransaction(tx -> organizations.visible(tx, caller, orgRef)
                .flatMap(org -> devices.references(tx, org.id()).flatMap(refs -> {
                    for (Pending p : pending.values()) {
                        if (errors.size() >= MAX_ERRORS) {
                            break;
                        }
                        Errors e = new Errors(p.row());
                        devices.validate(e, "", p.input(), refs, org, p.mac(), Map.of());
                        errors.addAll(e.list());
                    }
                    String[] macs = pending.keySet().stream().map(MacAddress::value).toArray(String[]::new);
                    return tx.preparedQuery("SELECT mac FROM device WHERE mac = ANY($1)").execute(Sql.args(
                            (Object) macs)).flatMap(existing -> {
                                existing.forEach(r -> {
                                    Pending p = pending.get(new MacAddress(r.getString(0)));
                                    errors.add(new FieldError("mac", p.mac().value() + " is already registered",
                                            p.row()));
                                });
                                if (!errors.isEmpty()) {
                                    errors.sort(Comparator.comparing(FieldError::row));
                                    throw new ApiException(400, "validation", "Invalid import",
                                            errors.size() + " problem(s); nothing was imported",
                                            errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
                                }
                                return write(tx, org.id(), pending.values());
                            });
                })))
                .invoke(outbox::committed)
                .map(accounts -> new ImportResult(records.size() - 1, pending.size(), accounts));
    }

    private Map<MacAddress, Pending> parseRows(List<Csv.Record> records, List<String> header,
            List<FieldError> errors) {
        Map<MacAddress, Pending> out = new LinkedHashMap<>();
        Map<MacAddress, List<AccountInput>> accounts = new LinkedHashMap<>();
        for (int r = 1; r < records.size(); r++) {
            Csv.Record record = records.get(r);
            Map<String, String> row = new LinkedHashMap<>();
            if (record.fields().size() != header.size()) {
                errors.add(new FieldError("csv", "has " + record.fields().size() + " fields, the header has "
                        + header.size(), record.line()));
                continue;
            }
            for (int c = 0; c < header.size(); c++) {
                String v = record.fields().get(c).strip();
                row.put(header.get(c), v.isEmpty() ? null : v);
            }
            MacAddress mac;
            try {
                mac = MacAddress.parse(row.get("mac") == null ? "" : row.get("mac"));
            } catch (InvalidMacAddressException e) {
                errors.add(new FieldError("mac", e.getMessage(), record.line()));
                continue;
            }
            List<Long> books = new ArrayList<>();
            if (row.get("phonebooks") != null) {
                for (String id : row.get("phonebooks").split(";")) {
                    try {
                        books.add(Long.parseLong(id.strip()));
                    } catch (NumberFormatException e) {
                        errors.add(new FieldError("phonebooks", "'" + id + "' is not a phonebook id", record.line()));
                    }
                }
            }
            Integer index = integer(row, "account", record.line(), errors);
            Integer port = integer(row, "port", record.line(), errors);
            Pending first = out.get(mac);
            if (first == null) {
                accounts.put(mac, new ArrayList<>());
                out.put(mac, new Pending(record.line(), mac, new Input(mac.value(), row.get("model"),
                        row.get("label"), accounts.get(mac), null, books, row.get("wallpaper"), row.get("ringtone"))));
            } else if (row.get("model") != null && !row.get("model").equalsIgnoreCase(first.input().model())) {
                errors.add(new FieldError("model", "differs from row " + first.row() + " of the same MAC",
                        record.line()));
            }
            if (row.get("user_name") != null || row.get("server") != null) {
                accounts.get(mac).add(new AccountInput(index == null ? 1 : index, row.get("account_label"),
                        row.get("display_name"), row.get("user_name"), row.get("auth_name"), row.get("password"),
                        row.get("server"), port, row.get("transport") == null
                                ? null
                                : row.get("transport").toUpperCase(Locale.ROOT)));
            }
        }
        return out;
    }

    private static Integer integer(Map<String, String> row, String column, int line, List<FieldError> errors) {
        String v = row.get(column);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(column, "'" + v + "' is not a number", line));
            return null;
        }
    }

    /** Batched inserts: devices, accounts, phonebook links, then one event per device. */
    private Uni<Integer> write(SqlConnection tx, UUID org,
            Collection<Pending> all) {
        return tx.preparedQuery("SELECT nextval('aggregate_version_seq') FROM generate_series(1, $1)")
                .execute(Sql.args(all.size())).flatMap(rows -> {
                    List<Long> versions = new ArrayList<>();
                    rows.forEach(r -> versions.add(r.getLong(0)));
                    return write(tx, org, all, versions);
                });
    }

    private Uni<Integer> write(SqlConnection tx, UUID org,
            Collection<Pending> all, List<Long> versions) {
        List<Tuple> deviceRows = new ArrayList<>();
        List<Tuple> accountRows = new ArrayList<>();
        List<Tuple> bookRows = new ArrayList<>();
        List<DomainEvent> events = new ArrayList<>();
        int n = 0;
        for (Pending p : all) {
            long version = versions.get(n++);
            Input in = p.input();
            String mac = p.mac().value();
            String model = in.model().strip().toUpperCase(Locale.ROOT);
            deviceRows.add(Sql.args(mac, org, model, DeviceService.blankToNull(in.label()),
                    DeviceService.blankToNull(in.wallpaper()), DeviceService.blankToNull(in.ringtone()), version));
            for (AccountInput a : in.accounts()) {
                accountRows.add(Sql.args(mac, a.index(), DeviceService.blankToNull(a.label()),
                        DeviceService.blankToNull(a.displayName()), a.userName().strip(),
                        DeviceService.blankToNull(a.authName()),
                        a.password() == null
                                ? null
                                : cipher.encrypt(a.password(), SecretContexts.sipPassword(p.mac(), a.index())),
                        a.server().strip(), a.port() == null ? 5060 : a.port(),
                        a.transport() == null ? "UDP" : a.transport()));
            }
            for (int i = 0; i < in.phonebookIds().size(); i++) {
                bookRows.add(Sql.args(mac, in.phonebookIds().get(i), i + 1));
            }
            events.add(Outbox.event(EventType.DEVICE_CREATED, mac, org, version,
                    new DeviceState(mac, org.toString(), model, DeviceService.blankToNull(in.label()))));
        }
        Uni<Void> chain = tx.preparedQuery("INSERT INTO device (mac, organization_id, model, label, wallpaper,"
                + " ringtone, version) VALUES ($1, $2, $3, $4, $5, $6, $7)").executeBatch(deviceRows).replaceWithVoid();
        if (!accountRows.isEmpty()) {
            chain = chain.flatMap(v -> tx.preparedQuery("INSERT INTO sip_account (device_mac, account_index, label,"
                    + " display_name, user_name, auth_name, password_enc, server, port, transport)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)").executeBatch(accountRows)
                    .replaceWithVoid());
        }
        if (!bookRows.isEmpty()) {
            chain = chain.flatMap(v -> tx.preparedQuery("INSERT INTO device_phonebook (device_mac, phonebook_id,"
                    + " position) VALUES ($1, $2, $3)").executeBatch(bookRows).replaceWithVoid());
        }
        return chain.flatMap(v -> outbox.appendAll(tx, events)).replaceWith(accountRows.size());
    }
}
