package io.voipconfig.portal.service;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.voipconfig.common.event.EventType;
import io.voipconfig.portal.model.Contact;
import io.voipconfig.portal.model.ContactDraft;
import io.voipconfig.portal.model.Organization;
import io.voipconfig.portal.model.Phonebook;
import io.voipconfig.portal.model.PhonebookDraft;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.problem.Errors;
import io.voipconfig.portal.repository.BulkWrites;
import io.voipconfig.portal.repository.PhonebookRepository;
import io.voipconfig.portal.security.Caller;

/** Phonebooks and their contacts; every change bumps the phonebook's version and sends phonebook.changed. */
@ApplicationScoped
public class PhonebookService {

    /** What phonebook events carry. */
    public record PhonebookState(long id, String name) {
    }

    private final PhonebookRepository phonebooks;
    private final BulkWrites bulk;
    private final OrganizationService organizations;
    private final Outbox outbox;
    private final DraftValidator drafts;

    public PhonebookService(PhonebookRepository phonebooks, BulkWrites bulk, OrganizationService organizations,
            Outbox outbox, DraftValidator drafts) {
        this.drafts = drafts;
        this.phonebooks = phonebooks;
        this.bulk = bulk;
        this.organizations = organizations;
        this.outbox = outbox;
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("no phonebook " + id + " in this organization");
    }

    public Uni<Page<Phonebook>> list(Caller caller, String orgRef, PageRequest page) {
        return organizations.visible(caller, orgRef).flatMap(org -> phonebooks.count(org.id)
                .flatMap(total -> phonebooks.page(org.id, page).map(items -> Page.of(items, page, total))));
    }

    public Uni<Phonebook> get(Caller caller, String orgRef, long id) {
        return organizations.visible(caller, orgRef)
                .flatMap(org -> phonebooks.find(org.id, id))
                .map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Phonebook> create(Caller caller, String orgRef,
            PhonebookDraft draft) {
        Errors errors = drafts.check(draft);
        if (draft.contacts() != null) {
            drafts.addEach(errors, "contacts", draft.contacts(), PhonebookDraft.MAX_CONTACTS, "contacts");
        }
        errors.throwIfAny();
        String name = draft.name().strip();
        List<ContactDraft> contacts = draft.contacts() == null ? List.of() : draft.contacts();
        return organizations.visible(caller, orgRef).flatMap(org -> outbox.bulkTransaction(tx -> phonebooks
                .insert(tx, org.id, name)
                .flatMap(created -> {
                    long id = created.orElseThrow(() -> ApiException.conflict(
                            "a phonebook named '" + name + "' already exists"));
                    return phonebooks.insertContacts(tx, id, contacts)
                            .flatMap(v -> phonebooks.find(tx, org.id, id)).map(p -> p.orElseThrow())
                            .call(p -> changed(tx, org, p));
                })));
    }

    public Uni<Phonebook> rename(Caller caller, String orgRef, long id, String ifMatch,
            PhonebookDraft draft) {
        Errors errors = drafts.check(draft);
        if (draft.contacts() != null) {
            errors.add("contacts", "replace contacts with PUT .../contacts");
        }
        errors.throwIfAny();
        return change(caller, orgRef, id, ifMatch, tx -> phonebooks.rename(tx, id, draft.name().strip()));
    }

    public Uni<Phonebook> replaceContacts(Caller caller, String orgRef, long id, String ifMatch,
            List<ContactDraft> contacts) {
        if (contacts == null) {
            throw ApiException.invalid("body", "a JSON array of contacts is required");
        }
        drafts.addEach(new Errors(), "", contacts, PhonebookDraft.MAX_CONTACTS, "contacts").throwIfAny();
        return change(caller, orgRef, id, ifMatch, tx -> phonebooks.deleteContacts(tx, id)
                .flatMap(v -> phonebooks.insertContacts(tx, id, contacts)));
    }

    public Uni<Contact> addContact(Caller caller, String orgRef, long id,
            ContactDraft contact) {
        drafts.check(contact).throwIfAny();
        Long[] added = new Long[1];
        return change(caller, orgRef, id, null, tx -> phonebooks.insertContact(tx, id, contact)
                .invoke(contactId -> added[0] = contactId).replaceWithVoid())
                .map(p -> new Contact(added[0], contact.name().strip(), contact.groupOrEmpty(),
                        List.of(contact.strippedPhones())));
    }

    /** A changed contact and the phonebook's version after the change (its new ETag). */
    public record ContactChange(Contact contact, long phonebookVersion) {
    }

    public Uni<ContactChange> updateContact(Caller caller, String orgRef, long id, long contactId, String ifMatch,
            ContactDraft contact) {
        if (contact == null) {
            throw ApiException.invalid("body", "a contact is required");
        }
        drafts.check(contact).throwIfAny();
        return change(caller, orgRef, id, ifMatch, tx -> phonebooks.updateContact(tx, id, contactId, contact)
                .invoke(existed -> {
                    if (!existed) {
                        throw ApiException.notFound("no contact " + contactId + " in phonebook " + id);
                    }
                }).replaceWithVoid())
                .map(p -> new ContactChange(new Contact(contactId, contact.name().strip(), contact.groupOrEmpty(),
                        List.of(contact.strippedPhones())), p.version()));
    }

    public Uni<Void> deleteContact(Caller caller, String orgRef, long id, long contactId) {
        return change(caller, orgRef, id, null, tx -> phonebooks.deleteContact(tx, id, contactId)
                .invoke(existed -> {
                    if (!existed) {
                        throw ApiException.notFound("no contact " + contactId + " in phonebook " + id);
                    }
                }).replaceWithVoid()).replaceWithVoid();
    }

    public Uni<Void> delete(Caller caller, String orgRef, long id, String ifMatch) {
        return organizations.visible(caller, orgRef).flatMap(org -> outbox.bulkTransaction(tx -> phonebooks
                .lockVersion(tx, org.id, id)
                .flatMap(version -> {
                    Versions.check(ifMatch, version.orElseThrow(() -> notFound(id)));
                    return phonebooks.delete(tx, id);
                })
                .flatMap(v -> deletion(tx, org, id))));
    }

    public Uni<Page<Contact>> contacts(Caller caller, String orgRef, long id, PageRequest page, String q) {
        return get(caller, orgRef, id).flatMap(book -> phonebooks.countContacts(id, q)
                .flatMap(total -> phonebooks.contacts(id, q, page).map(items -> Page.of(items, page, total))));
    }

    /** The export's columns, the console's contact import takes them in this order (phones separated by ';'). */
    static final List<String> EXPORT_COLUMNS = List.of("name", "group", "phones");
    private static final int EXPORT_CHUNK = 2000;

    /**
     * The contacts as CSV, in id order, streamed in chunks of {@value #EXPORT_CHUNK}: a 200,000-contact phonebook is
     * never held whole, and each chunk is one statement (no connection held while the client reads).
     */
    public Multi<String> export(Caller caller, String orgRef, long id) {
        return Panache.withSession(() -> get(caller, orgRef, id)).onItem().transformToMulti(book -> {
            AtomicLong after = new AtomicLong();
            Multi<String> rows = Multi.createBy().repeating()
                    .uni(() -> phonebooks.contactsAfter(id, after.get(), EXPORT_CHUNK).invoke(chunk -> {
                        if (!chunk.isEmpty()) {
                            after.set(chunk.get(chunk.size() - 1).id());
                        }
                    }))
                    .until(List::isEmpty)
                    .map(chunk -> {
                        StringBuilder text = new StringBuilder();
                        chunk.forEach(c -> text.append(Csv.line(List.of(c.name(), c.group() == null ? "" : c.group(),
                                String.join(";", c.phones())))));
                        return text.toString();
                    });
            return Multi.createBy().concatenating().streams(Multi.createFrom().item(Csv.line(EXPORT_COLUMNS)), rows);
        });
    }

    /** Locks the phonebook, checks If-Match, applies {@code change}, bumps the version and records the event. */
    private Uni<Phonebook> change(Caller caller, String orgRef, long id, String ifMatch,
            Function<SqlConnection, Uni<Void>> change) {
        return organizations.visible(caller, orgRef).flatMap(org -> outbox.bulkTransaction(tx -> phonebooks
                .lockVersion(tx, org.id, id)
                .flatMap(version -> {
                    Versions.check(ifMatch, version.orElseThrow(() -> notFound(id)));
                    return change.apply(tx);
                })
                .flatMap(v -> phonebooks.bumpVersion(tx, id))
                .call(bumped -> changed(tx, org, bumped))
                .flatMap(bumped -> phonebooks.find(tx, org.id, id)).map(p -> p.orElseThrow())));
    }

    private Uni<Void> changed(SqlConnection tx, Organization org, Phonebook p) {
        return outbox.appendAll(tx, List.of(Outbox.event(EventType.PHONEBOOK_CHANGED, Long.toString(p.id()), org,
                p.version(), new PhonebookState(p.id(), p.name()))));
    }

    private Uni<Void> deletion(SqlConnection tx, Organization org, long id) {
        return bulk.nextVersions(tx, 1).flatMap(versions -> outbox.appendAll(tx, List.of(Outbox.event(
                EventType.PHONEBOOK_DELETED, Long.toString(id), org, versions.get(0), null))));
    }
}
