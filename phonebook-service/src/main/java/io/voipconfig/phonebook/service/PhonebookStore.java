package io.voipconfig.phonebook.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.mac.MacAddress;

/** Phonebook reads for phones (read-only role). */
@ApplicationScoped
public class PhonebookStore {

    /** A phonebook as a phone's request sees it: whose it is, its version, and whether this device may read it. */
    public record Book(long id, UUID organizationId, String name, long version, boolean deviceAllowed) {
    }

    /** One contact. */
    public record Contact(long id, String name, String group, String[] phones) {
    }

    /** Where a keyset page ends: the next page starts after it. */
    public record Cursor(String group, String name, long id) {
    }

    public static final int BATCH = 2000;
    private static final String CONTACT_COLUMNS = "id, name, group_name, phones";

    private final Pool pool;

    public PhonebookStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Book>> book(long id, MacAddress mac) {
        return pool.preparedQuery("SELECT p.id, p.organization_id, p.name, p.version, EXISTS (SELECT 1 FROM"
                + " device_phonebook dp WHERE dp.phonebook_id = p.id AND dp.device_mac = $2) AS allowed"
                + " FROM phonebook p WHERE p.id = $1").execute(Tuple.of(id, mac.value()))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row r = it.next();
                    return Optional.of(new Book(r.getLong("id"), r.getUUID("organization_id"), r.getString("name"),
                            r.getLong("version"), r.getBoolean("allowed")));
                });
    }

    /**
     * One page of a stream: the phonebook's version and its contacts after {@code after} (null: the first), in the
     * order the XML lists them — read by one statement, so the page and the version it belongs to agree, and no
     * connection is held between pages (a slow phone must not keep one from everybody else). Empty when the phonebook
     * was deleted.
     */
    public record Page(long version, List<Contact> contacts) {
    }

    public Uni<Optional<Page>> page(long id, Cursor after) {
        String contacts = "SELECT " + CONTACT_COLUMNS + " FROM contact WHERE phonebook_id = p.id"
                + (after == null ? "" : " AND (group_name, name, id) > ($2, $3, $4)")
                + " ORDER BY group_name, name, id LIMIT " + BATCH;
        Tuple args = after == null ? Tuple.of(id) : Tuple.of(id, after.group(), after.name(), after.id());
        return pool.preparedQuery("SELECT p.version, c.* FROM phonebook p LEFT JOIN LATERAL (" + contacts
                + ") c ON true WHERE p.id = $1").execute(args).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.<Page>empty();
                    }
                    long version = rows.iterator().next().getLong("version");
                    List<Contact> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        if (r.getValue("id") != null) {
                            out.add(contact(r));
                        }
                    }
                    return Optional.of(new Page(version, out));
                });
    }

    /** Contacts whose name or a number contains {@code q} (case-insensitive), at most {@code limit}. */
    public Uni<List<Contact>> search(long id, String q, int limit) {
        String like = "%" + q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%";
        return pool.preparedQuery("SELECT " + CONTACT_COLUMNS + " FROM contact WHERE phonebook_id = $1"
                + " AND (lower(name) LIKE $2 OR array_to_string(phones, ' ') LIKE $2)"
                + " ORDER BY group_name, name, id LIMIT " + limit).execute(Tuple.of(id, like))
                .map(PhonebookStore::contacts);
    }

    private static List<Contact> contacts(RowSet<Row> rows) {
        List<Contact> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(contact(r));
        }
        return out;
    }

    private static Contact contact(Row r) {
        return new Contact(r.getLong("id"), r.getString("name"), r.getString("group_name"),
                r.getArrayOfStrings("phones"));
    }
}
