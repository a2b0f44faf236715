package io.voipconfig.portal.repository;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.portal.model.Contact;
import io.voipconfig.portal.model.ContactDraft;
import io.voipconfig.portal.model.Phonebook;
import io.voipconfig.portal.service.PageRequest;

/**
 * Phonebooks and their contacts, on the reactive SQL client: a phonebook's contacts are written in bulk (up to
 * 200,000 in one batched statement), and the phonebook's version and event must commit with them.
 */
@ApplicationScoped
public class PhonebookRepository {

    private static final String SELECT = "SELECT p.id, p.name, p.version, p.updated_at,"
            + " (SELECT count(*) FROM contact c WHERE c.phonebook_id = p.id) AS contacts FROM phonebook p";

    private final Pool pool;

    public PhonebookRepository(Pool pool) {
        this.pool = pool;
    }

    private static Phonebook phonebook(Row r) {
        return new Phonebook(r.getLong("id"), r.getString("name"), r.getLong("contacts"), r.getLong("version"),
                r.getOffsetDateTime("updated_at"));
    }

    private static Contact contact(Row r) {
        return new Contact(r.getLong("id"), r.getString("name"), r.getString("group_name"),
                List.of(r.getArrayOfStrings("phones")));
    }

    /** The ids of the organization's phonebooks (what a device may refer to). */
    public Uni<Set<Long>> ids(UUID organizationId) {
        return pool.preparedQuery("SELECT id FROM phonebook WHERE organization_id = $1").execute(Sql.args(
                organizationId)).map(rows -> {
                    Set<Long> ids = new HashSet<>();
                    rows.forEach(r -> ids.add(r.getLong(0)));
                    return ids;
                });
    }

    public Uni<Long> count(UUID organizationId) {
        return pool.preparedQuery("SELECT count(*) FROM phonebook WHERE organization_id = $1")
                .execute(Sql.args(organizationId)).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<Phonebook>> page(UUID organizationId, PageRequest page) {
        return pool.preparedQuery(SELECT + " WHERE p.organization_id = $1" + page.sql())
                .execute(Sql.args(organizationId)).map(rows -> {
                    List<Phonebook> items = new ArrayList<>();
                    rows.forEach(r -> items.add(phonebook(r)));
                    return items;
                });
    }

    /** With its contact count; {@code client} is the pool or the transaction that must see its own writes. */
    public Uni<Optional<Phonebook>> find(SqlClient client, UUID organizationId, long id) {
        return client.preparedQuery(SELECT + " WHERE p.organization_id = $1 AND p.id = $2")
                .execute(Sql.args(organizationId, id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(phonebook(rows.iterator().next()))
                        : Optional.empty());
    }

    public Uni<Optional<Phonebook>> find(UUID organizationId, long id) {
        return find(pool, organizationId, id);
    }

    /** Locks the phonebook until the commit; its version, or empty when the organization has no such phonebook. */
    public Uni<Optional<Long>> lockVersion(SqlConnection tx, UUID organizationId, long id) {
        return tx.preparedQuery("SELECT version FROM phonebook WHERE organization_id = $1 AND id = $2 FOR UPDATE")
                .execute(Sql.args(organizationId, id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getLong(0))
                        : Optional.empty());
    }

    /** A new phonebook (version 1); empty when the organization has one of that name. */
    public Uni<Optional<Long>> insert(SqlConnection tx, UUID organizationId, String name) {
        return tx.preparedQuery("INSERT INTO phonebook (organization_id, name) VALUES ($1, $2)"
                + " ON CONFLICT (organization_id, name) DO NOTHING RETURNING id").execute(Sql.args(organizationId,
                        name))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getLong(0))
                        : Optional.empty());
    }

    public Uni<Void> rename(SqlConnection tx, long id, String name) {
        return tx.preparedQuery("UPDATE phonebook SET name = $2 WHERE id = $1").execute(Sql.args(id, name))
                .replaceWithVoid();
    }

    /** The next version from the platform-wide sequence, with the phonebook's name. */
    public Uni<Phonebook> bumpVersion(SqlConnection tx, long id) {
        return tx.preparedQuery("UPDATE phonebook SET version = nextval('aggregate_version_seq'), updated_at = now()"
                + " WHERE id = $1 RETURNING id, name, version, updated_at, 0::bigint AS contacts")
                .execute(Sql.args(id)).map(rows -> phonebook(rows.iterator().next()));
    }

    public Uni<Void> delete(SqlConnection tx, long id) {
        return tx.preparedQuery("DELETE FROM phonebook WHERE id = $1").execute(Sql.args(id)).replaceWithVoid();
    }

    public Uni<Long> countContacts(long id, String q) {
        Filter f = filter(id, q);
        return pool.preparedQuery("SELECT count(*) FROM contact" + f.where).execute(f.args)
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** One page of contacts; {@code q} matches name, group or number. */
    public Uni<List<Contact>> contacts(long id, String q, PageRequest page) {
        Filter f = filter(id, q);
        return pool.preparedQuery("SELECT id, name, group_name, phones FROM contact" + f.where + page.sql())
                .execute(f.args).map(rows -> {
                    List<Contact> items = new ArrayList<>();
                    rows.forEach(r -> items.add(contact(r)));
                    return items;
                });
    }

    /** Up to {@code limit} contacts after {@code afterId}, in id order: one chunk of an export. */
    public Uni<List<Contact>> contactsAfter(long id, long afterId, int limit) {
        return pool.preparedQuery("SELECT id, name, group_name, phones FROM contact WHERE phonebook_id = $1 AND id > $2"
                + " ORDER BY id LIMIT $3").execute(Sql.args(id, afterId, limit)).map(rows -> {
                    List<Contact> items = new ArrayList<>();
                    rows.forEach(r -> items.add(contact(r)));
                    return items;
                });
    }

    private record Filter(String where, Tuple args) {
    }

    private static Filter filter(long id, String q) {
        if (q == null || q.isBlank()) {
            return new Filter(" WHERE phonebook_id = $1", Sql.args(id));
        }
        return new Filter(" WHERE phonebook_id = $1 AND (lower(name) LIKE $2 OR lower(group_name) LIKE $2"
                + " OR array_to_string(phones, ' ') LIKE $2)",
                Sql.args(id, Refs.like(q.strip().toLowerCase(
                        Locale.ROOT))));
    }

    /** Adds contacts in one batched statement. */
    public Uni<Void> insertContacts(SqlConnection tx, long id, List<ContactDraft> contacts) {
        if (contacts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("INSERT INTO contact (phonebook_id, name, group_name, phones) VALUES ($1, $2, $3, $4)")
                .executeBatch(contacts.stream().map(c -> contactRow(id, c)).toList()).replaceWithVoid();
    }

    /** Adds one contact; its id. */
    public Uni<Long> insertContact(SqlConnection tx, long id, ContactDraft contact) {
        return tx.preparedQuery("INSERT INTO contact (phonebook_id, name, group_name, phones) VALUES ($1, $2, $3, $4)"
                + " RETURNING id").execute(contactRow(id, contact)).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Void> deleteContacts(SqlConnection tx, long id) {
        return tx.preparedQuery("DELETE FROM contact WHERE phonebook_id = $1").execute(Sql.args(id))
                .replaceWithVoid();
    }

    /** Whether the contact existed. */
    public Uni<Boolean> updateContact(SqlConnection tx, long id, long contactId, ContactDraft c) {
        return tx.preparedQuery("UPDATE contact SET name = $3, group_name = $4, phones = $5"
                + " WHERE phonebook_id = $1 AND id = $2")
                .execute(Sql.args(id, contactId, c.name().strip(), c.groupOrEmpty(), c.strippedPhones()))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Whether the contact existed. */
    public Uni<Boolean> deleteContact(SqlConnection tx, long id, long contactId) {
        return tx.preparedQuery("DELETE FROM contact WHERE phonebook_id = $1 AND id = $2")
                .execute(Sql.args(id, contactId)).map(rows -> rows.rowCount() > 0);
    }

    private static Tuple contactRow(long id, ContactDraft c) {
        return Sql.args(id, c.name().strip(), c.groupOrEmpty(), c.strippedPhones());
    }
}
