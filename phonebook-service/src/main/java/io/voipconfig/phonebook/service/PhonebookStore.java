package io.voipconfig.phonebook.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
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

    /** Runs {@code work} in one REPEATABLE READ transaction: every page of a stream sees the same phonebook. */
    public <T> Uni<T> snapshot(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .execute().flatMap(v -> work.apply(conn)));
    }

    public Uni<Optional<Long>> version(SqlConnection conn, long id) {
        return conn.preparedQuery("SELECT version FROM phonebook WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getLong(0))
                        : Optional.empty());
    }

    /** The page after {@code after} (null: the first), in the order the XML lists contacts. */
    public Uni<List<Contact>> page(SqlConnection conn, long id, Cursor after) {
        Uni<RowSet<Row>> rows = after == null
                ? conn.preparedQuery("SELECT " + CONTACT_COLUMNS + " FROM contact WHERE phonebook_id = $1"
                        + " ORDER BY group_name, name, id LIMIT " + BATCH).execute(Tuple.of(id))
                : conn.preparedQuery("SELECT " + CONTACT_COLUMNS + " FROM contact WHERE phonebook_id = $1"
                        + " AND (group_name, name, id) > ($2, $3, $4) ORDER BY group_name, name, id LIMIT " + BATCH)
                        .execute(Tuple.of(id, after.group(), after.name(), after.id()));
        return rows.map(PhonebookStore::contacts);
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
            out.add(new Contact(r.getLong("id"), r.getString("name"), r.getString("group_name"),
                    r.getArrayOfStrings("phones")));
        }
        return out;
    }
}
