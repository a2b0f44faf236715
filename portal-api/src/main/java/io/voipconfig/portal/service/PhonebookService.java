package io.voipconfig.portal.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.event.EventType;
import io.voipconfig.portal.rest.ApiException;
import io.voipconfig.portal.rest.dto.PhonebookDto.Contact;
import io.voipconfig.portal.rest.dto.PhonebookDto.ContactInput;
import io.voipconfig.portal.rest.dto.PhonebookDto.Input;
import io.voipconfig.portal.rest.dto.PhonebookDto.Phonebook;
import io.voipconfig.portal.security.Caller;

/** Phonebooks and their contacts; every change bumps the phonebook's version and sends phonebook.changed. */
@ApplicationScoped
public class PhonebookService {

    static final Pattern PHONE = Pattern.compile("[0-9A-Za-z+*#@._-]{1,64}");
    public static final int MAX_CONTACTS = 200_000;

    /** What phonebook events carry. */
    public record PhonebookState(long id, String name) {
    }

    private final Pool pool;
    private final OrganizationService organizations;
    private final Outbox outbox;

    public PhonebookService(Pool pool, OrganizationService organizations, Outbox outbox) {
        this.pool = pool;
        this.organizations = organizations;
        this.outbox = outbox;
    }

    private static final String SELECT = "SELECT p.id, p.name, p.version, p.updated_at,"
            + " (SELECT count(*) FROM contact c WHERE c.phonebook_id = p.id) AS contacts FROM phonebook p";

    private static Phonebook toDto(Row r) {
        return new Phonebook(r.getLong("id"), r.getString("name"), r.getLong("contacts"), r.getLong("version"),
                r.getOffsetDateTime("updated_at"));
    }

    public Uni<Page<Phonebook>> list(Caller caller, String orgRef, PageRequest page) {
        return organizations.visible(caller, orgRef).flatMap(org -> pool
                .preparedQuery("SELECT count(*) FROM phonebook WHERE organization_id = $1").execute(Sql.args(org.id()))
                .flatMap(count -> pool.preparedQuery(SELECT + " WHERE p.organization_id = $1" + page.sql())
                        .execute(Sql.args(org.id()))
                        .map(rows -> {
                            List<Phonebook> items = new ArrayList<>();
                            rows.forEach(r -> items.add(toDto(r)));
                            return Page.of(items, page, count.iterator().next().getLong(0));
                        })));
    }

    public Uni<Phonebook> get(Caller caller, String orgRef, long id) {
        return organizations.visible(caller, orgRef).flatMap(org -> find(pool, org.id(), id, false));
    }

    private static Uni<Phonebook> find(SqlClient client, UUID org, long id, boolean forUpdate) {
        return client.preparedQuery(forUpdate
                ? "SELECT p.id, p.name, p.version, p.updated_at, 0::bigint AS contacts FROM phonebook p"
                        + " WHERE p.organization_id = $1 AND p.id = $2 FOR UPDATE"
                : SELECT + " WHERE p.organization_id = $1 AND p.id = $2").execute(Sql.args(org, id))
                .map(rows -> Sql.first(rows).map(PhonebookService::toDto)
                        .orElseThrow(() -> ApiException.notFound("no phonebook " + id + " in this organization")));
    }

    public Uni<Phonebook> create(Caller caller, String orgRef, Input in) {
        Errors e = new Errors();
        validateName(e, in);
        List<ContactInput> contacts = in == null || in.contacts() == null ? List.of() : in.contacts();
        validateContacts(e, "contacts", contacts);
        e.throwIfAny();
        return pool.withTransaction(tx -> organizations.visible(tx, caller, orgRef)
                .flatMap(org -> tx.preparedQuery("INSERT INTO phonebook (organization_id, name) VALUES ($1, $2)"
                        + " ON CONFLICT (organization_id, name) DO NOTHING RETURNING id, version")
                        .execute(Sql.args(org.id(), in.name().strip()))
                        .flatMap(rows -> {
                            Row created = Sql.first(rows).orElseThrow(
                                    () -> ApiException.conflict("a phonebook named '" + in.name().strip()
                                            + "' already exists"));
                            long id = created.getLong(0);
                            return insertContacts(tx, id, contacts)
                                    .flatMap(v -> changed(tx, org.id(), id, created.getLong(1), in.name().strip()))
                                    .flatMap(v -> find(tx, org.id(), id, false));
                        })))
                .invoke(outbox::committed);
    }

    public Uni<Phonebook> rename(Caller caller, String orgRef, long id, String ifMatch, Input in) {
        Errors e = new Errors();
        validateName(e, in);
        if (in != null && in.contacts() != null) {
            e.add("contacts", "replace contacts with PUT .../contacts");
        }
        e.throwIfAny();
        return bump(caller, orgRef, id, ifMatch, (tx, org) -> tx
                .preparedQuery("UPDATE phonebook SET name = $2 WHERE id = $1").execute(Sql.args(id, in.name().strip()))
                .replaceWithVoid());
    }

    public Uni<Phonebook> replaceContacts(Caller caller, String orgRef, long id, String ifMatch,
            List<ContactInput> contacts) {
        Errors e = new Errors();
        if (contacts == null) {
            e.add("", "a JSON array of contacts is required");
        } else {
            validateContacts(e, "", contacts);
        }
        e.throwIfAny();
        return bump(caller, orgRef, id, ifMatch, (tx, org) -> tx
                .preparedQuery("DELETE FROM contact WHERE phonebook_id = $1").execute(Sql.args(id))
                .flatMap(v -> insertContacts(tx, id, contacts)));
    }

    public Uni<Contact> addContact(Caller caller, String orgRef, long id, ContactInput contact) {
        Errors e = new Errors();
        validateContacts(e, "", contact == null ? null : List.of(contact));
        e.throwIfAny();
        Contact[] added = new Contact[1];
        return bump(caller, orgRef, id, null, (tx, org) -> tx
                .preparedQuery("INSERT INTO contact (phonebook_id, name, group_name, phones) VALUES ($1, $2, $3, $4)"
                        + " RETURNING id")
                .execute(contactRow(id, contact))
                .invoke(rows -> added[0] = new Contact(rows.iterator().next().getLong(0), contact.name().strip(),
                        group(contact), contact.phones()))
                .replaceWithVoid()).map(p -> added[0]);
    }

    public Uni<Void> deleteContact(Caller caller, String orgRef, long id, long contactId) {
        return bump(caller, orgRef, id, null, (tx, org) -> tx
                .preparedQuery("DELETE FROM contact WHERE phonebook_id = $1 AND id = $2").execute(Sql.args(id,
                        contactId))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ApiException.notFound("no contact " + contactId + " in phonebook " + id);
                    }
                }).replaceWithVoid()).replaceWithVoid();
    }

    public Uni<Void> delete(Caller caller, String orgRef, long id, String ifMatch) {
        return pool.withTransaction(tx -> organizations.visible(tx, caller, orgRef)
                .flatMap(org -> find(tx, org.id(), id, true).flatMap(current -> {
                    Versions.check(ifMatch, current.version());
                    return tx.preparedQuery("DELETE FROM phonebook WHERE id = $1").execute(Sql.args(id))
                            .flatMap(v -> outbox.appendDeletion(tx, EventType.PHONEBOOK_DELETED, Long.toString(id),
                                    org.id()));
                })))
                .invoke(outbox::committed).replaceWithVoid();
    }

    public Uni<Page<Contact>> contacts(Caller caller, String orgRef, long id, PageRequest page, String q) {
        return get(caller, orgRef, id).flatMap(book -> {
            List<Object> args = new ArrayList<>(List.of(id));
            String where = " WHERE phonebook_id = $1";
            if (q != null && !q.isBlank()) {
                args.add("%" + q.strip().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%");
                where += " AND (lower(name) LIKE $2 OR lower(group_name) LIKE $2"
                        + " OR array_to_string(phones, ' ') LIKE $2)";
            }
            Tuple tuple = Sql.args(args.toArray());
            String w = where;
            return pool.preparedQuery("SELECT count(*) FROM contact" + w).execute(tuple)
                    .flatMap(count -> pool.preparedQuery("SELECT id, name, group_name, phones FROM contact" + w
                            + page.sql()).execute(tuple)
                            .map(rows -> {
                                List<Contact> items = new ArrayList<>();
                                rows.forEach(r -> items.add(new Contact(r.getLong("id"), r.getString("name"),
                                        r.getString("group_name"), List.of(r.getArrayOfStrings("phones")))));
                                return Page.of(items, page, count.iterator().next().getLong(0));
                            }));
        });
    }

    /** Locks the phonebook, checks If-Match, applies {@code change}, bumps the version and records the event. */
    private Uni<Phonebook> bump(Caller caller, String orgRef, long id, String ifMatch,
            BiFunction<SqlConnection, OrganizationService.OrgRow, Uni<Void>> change) {
        return pool.withTransaction(tx -> organizations.visible(tx, caller, orgRef)
                .flatMap(org -> find(tx, org.id(), id, true).flatMap(current -> {
                    Versions.check(ifMatch, current.version());
                    return change.apply(tx, org)
                            .flatMap(v -> tx
                                    .preparedQuery("UPDATE phonebook SET version = nextval('aggregate_version_seq'),"
                                            + " updated_at = now() WHERE id = $1 RETURNING version, name")
                                    .execute(Sql.args(id)))
                            .flatMap(rows -> {
                                Row r = rows.iterator().next();
                                return changed(tx, org.id(), id, r.getLong(0), r.getString(1));
                            })
                            .flatMap(v -> find(tx, org.id(), id, false));
                })))
                .invoke(outbox::committed);
    }

    private Uni<Void> changed(SqlConnection tx, UUID org, long id, long version, String name) {
        return outbox.append(tx, EventType.PHONEBOOK_CHANGED, Long.toString(id), org, version,
                new PhonebookState(id, name)).replaceWithVoid();
    }

    private static Uni<Void> insertContacts(SqlConnection tx, long id, List<ContactInput> contacts) {
        if (contacts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = contacts.stream().map(c -> contactRow(id, c)).toList();
        return tx.preparedQuery("INSERT INTO contact (phonebook_id, name, group_name, phones) VALUES ($1, $2, $3, $4)")
                .executeBatch(rows).replaceWithVoid();
    }

    private static Tuple contactRow(long id, ContactInput c) {
        return Sql.args(id, c.name().strip(), group(c),
                c.phones().stream().map(String::strip).toArray(String[]::new));
    }

    private static String group(ContactInput c) {
        return c.group() == null ? "" : c.group().strip();
    }

    private static void validateName(Errors e, Input in) {
        if (in == null) {
            e.add("", "a JSON body is required");
            return;
        }
        e.text("name", in.name(), 200, true);
    }

    static void validateContacts(Errors e, String prefix, List<ContactInput> contacts) {
        if (contacts == null) {
            e.add(prefix.isEmpty() ? "contact" : prefix, "is required");
            return;
        }
        if (contacts.size() > MAX_CONTACTS) {
            e.add(prefix, "at most " + MAX_CONTACTS + " contacts");
            return;
        }
        String p = prefix.isEmpty() ? "" : prefix;
        for (int i = 0; i < contacts.size() && e.list().size() < 200; i++) {
            ContactInput c = contacts.get(i);
            String at = contacts.size() == 1 && p.isEmpty() ? "" : p + "[" + i + "].";
            if (c == null) {
                e.add(p + "[" + i + "]", "must be an object");
                continue;
            }
            e.text(at + "name", c.name(), 200, true);
            e.text(at + "group", c.group(), 100, false);
            if (c.phones() == null || c.phones().isEmpty() || c.phones().size() > 10) {
                e.add(at + "phones", "1 to 10 numbers");
            } else {
                for (int j = 0; j < c.phones().size(); j++) {
                    String phone = c.phones().get(j);
                    if (phone == null || !PHONE.matcher(phone.strip()).matches()) {
                        e.add(at + "phones[" + j + "]", "digits, letters and + * # @ . _ - only, at most 64");
                    }
                }
            }
        }
    }
}
