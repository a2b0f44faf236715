package io.voipconfig.portal.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.mac.InvalidMacAddressException;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.portal.model.Device;
import io.voipconfig.portal.model.DeviceDraft;
import io.voipconfig.portal.model.DeviceDraft.SipAccountDraft;
import io.voipconfig.portal.model.Organization;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.problem.ApiException.FieldError;
import io.voipconfig.portal.problem.Errors;
import io.voipconfig.portal.repository.BulkWrites;
import io.voipconfig.portal.repository.FleetRepository;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.validation.OnCreate;

/** CSV import of devices: every row validated first, then all rows in one transaction, or nothing. */
@ApplicationScoped
public class DeviceImportService {

    public static final String FORMAT = "CSV with a header row. Columns: mac and model (required), label, account"
            + " (1 when omitted), user_name, auth_name, password, display_name, account_label, server, port,"
            + " transport, phonebooks (ids separated by ';'), wallpaper, ringtone. Several rows with the same MAC add"
            + " accounts to one device. Only new MACs are accepted; errors name the row (the header is row 1). The"
            + " export's read-only columns (last_seen_at, last_ip, firmware, up_to_date, last_outcome, rps_status) are"
            + " accepted and ignored, so an export imports back as it is.";

    /** In the order the export writes them. */
    static final List<String> COLUMNS = List.of("mac", "model", "label", "account", "user_name", "auth_name",
            "password", "display_name", "account_label", "server", "port", "transport", "phonebooks", "wallpaper",
            "ringtone");
    private static final int MAX_ERRORS = 200;

    /** The outcome of an import; with {@code dryRun}, what it would import (nothing was). */
    public record ImportResult(int rows, int devices, int accounts, boolean dryRun) {
    }

    private final OrganizationService organizations;
    private final DeviceService devices;
    private final DeviceRules rules;
    private final BulkWrites bulk;
    private final DraftValidator drafts;
    private final Outbox outbox;
    private final PortalConfig config;

    public DeviceImportService(OrganizationService organizations, DeviceService devices, DeviceRules rules,
            BulkWrites bulk, DraftValidator drafts, Outbox outbox, PortalConfig config) {
        this.organizations = organizations;
        this.devices = devices;
        this.rules = rules;
        this.bulk = bulk;
        this.drafts = drafts;
        this.outbox = outbox;
        this.config = config;
    }

    /** A device assembled from its rows, with the first row's number for error messages. */
    private record Pending(int row, MacAddress mac, DeviceDraft draft) {
    }

    /** @param dryRun check everything an import checks (rows, references, registered MACs, quotas), write nothing */
    public Uni<ImportResult> importCsv(Caller caller, String orgRef, String csv, boolean dryRun) {
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
            if (!COLUMNS.contains(h) && !FleetRepository.EXPORT_STATE_COLUMNS.contains(h)) {
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
        // The organization and what devices may refer to are read first; the rows are then written in one bulk
        // transaction, which refuses MACs registered meanwhile.
        return Panache.withSession(() -> organizations.visible(caller, orgRef)
                .flatMap(org -> rules.references(org.id).map(refs -> {
                    for (Pending p : pending.values()) {
                        if (errors.size() >= MAX_ERRORS) {
                            break;
                        }
                        Errors e = drafts.add(new Errors(p.row()), "", p.draft(), OnCreate.class);
                        rules.check(e, p.draft(), refs, org, p.mac());
                        errors.addAll(e.list());
                    }
                    return org;
                })))
                .flatMap(org -> outbox.bulkTransaction(tx -> bulk.lockOrganizationDeviceQuota(tx, org.id)
                        .invoke(quota -> {
                            if (quota.max() != null && quota.used() + pending.size() > quota.max()) {
                                throw Quotas.organizationExceeded(quota.holder(), quota.max());
                            }
                        }).flatMap(own -> bulk.lockDeviceQuota(tx, org.partnerId)).invoke(quota -> {
                            if (quota.max() != null && quota.used() + pending.size() > quota.max()) {
                                throw Quotas.exceeded(quota.holder(), "devices", quota.max());
                            }
                        }).flatMap(quota -> bulk.registered(tx, pending.keySet().stream()
                                .map(MacAddress::value).toList()))
                        .flatMap(registered -> {
                            pending.values().stream().filter(p -> registered.contains(p.mac().value()))
                                    .forEach(p -> errors.add(new FieldError("mac", p.mac().value()
                                            + " is already registered", p.row())));
                            if (!errors.isEmpty()) {
                                errors.sort(Comparator.comparing(FieldError::row));
                                throw new ApiException(400, "validation", "Invalid import",
                                        errors.size() + " problem(s); nothing was imported",
                                        errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
                            }
                            return dryRun
                                    ? Uni.createFrom().item(pending.values().stream()
                                            .mapToInt(p -> p.draft().accounts().size()).sum())
                                    : write(tx, org, pending.values());
                        })))
                .map(accounts -> new ImportResult(records.size() - 1, pending.size(), accounts, dryRun));
    }

    private Map<MacAddress, Pending> parseRows(List<Csv.Record> records, List<String> header,
            List<FieldError> errors) {
        Map<MacAddress, Pending> out = new LinkedHashMap<>();
        Map<MacAddress, List<SipAccountDraft>> accounts = new LinkedHashMap<>();
        for (int r = 1; r < records.size(); r++) {
            Csv.Record record = records.get(r);
            Map<String, String> row = new LinkedHashMap<>();
            if (record.fields().size() != header.size()) {
                errors.add(new FieldError("csv", "has " + record.fields().size() + " fields, the header has "
                        + header.size(), record.line()));
                continue;
            }
            for (int c = 0; c < header.size(); c++) {
                String v = Csv.unguard(record.fields().get(c).strip());
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
                out.put(mac, new Pending(record.line(), mac, new DeviceDraft(mac.value(), row.get("model"),
                        row.get("label"), accounts.get(mac), null, books, row.get("wallpaper"), row.get("ringtone"))));
            } else if (row.get("model") != null && !row.get("model").equalsIgnoreCase(first.draft().model())) {
                errors.add(new FieldError("model", "differs from row " + first.row() + " of the same MAC",
                        record.line()));
            }
            if (row.get("user_name") != null || row.get("server") != null) {
                accounts.get(mac).add(new SipAccountDraft(index == null ? 1 : index, row.get("account_label"),
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
    private Uni<Integer> write(SqlConnection tx, Organization org, Collection<Pending> all) {
        return bulk.nextVersions(tx, all.size()).flatMap(versions -> {
            List<Device> created = new ArrayList<>();
            List<DomainEvent> events = new ArrayList<>();
            int n = 0;
            for (Pending p : all) {
                Device d = devices.newDevice(org.id, p.mac(), p.draft(), versions.get(n++));
                created.add(d);
                events.add(Outbox.event(EventType.DEVICE_CREATED, d.mac, org, d.version, d.state()));
            }
            int accounts = created.stream().mapToInt(d -> d.accounts.size()).sum();
            return bulk.insertDevices(tx, created).flatMap(v -> outbox.appendAll(tx, events)).replaceWith(accounts);
        });
    }
}
