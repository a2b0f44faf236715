package io.voipconfig.portal.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.rest.dto.PhonebookDto.Contact;
import io.voipconfig.portal.rest.dto.PhonebookDto.ContactInput;
import io.voipconfig.portal.rest.dto.PhonebookDto.Input;
import io.voipconfig.portal.rest.dto.PhonebookDto.Phonebook;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.Page;
import io.voipconfig.portal.service.PageRequest;
import io.voipconfig.portal.service.PhonebookService;
import io.voipconfig.portal.service.Versions;

@Path("/api/v1/organizations/{orgId}/phonebooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Phonebooks", description = "Remote phonebooks served by phonebook-service to the devices linked to them")
public class PhonebookResource {

    private final PhonebookService phonebooks;
    private final Caller caller;

    public PhonebookResource(PhonebookService phonebooks, Caller caller) {
        this.phonebooks = phonebooks;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "List phonebooks", description = "Sortable by id, name, updatedAt.")
    public Uni<Page<Phonebook>> list(@PathParam("orgId") String orgId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        return phonebooks.list(caller, orgId, PageRequest.of(page, size, sort, Sorts.PHONEBOOKS, "name", "p.id"))
                .map(p -> p.map(Phonebook::of));
    }

    @POST
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Create a phonebook, optionally with its contacts")
    public Uni<RestResponse<Phonebook>> create(@PathParam("orgId") String orgId, Input input) {
        return phonebooks.create(caller, orgId, input == null ? null : input.toDraft())
                .map(p -> RestResponse.ResponseBuilder
                        .<Phonebook>created(URI.create("/api/v1/organizations/" + orgId + "/phonebooks/"
                                + p.id()))
                        .entity(Phonebook.of(p)).header("ETag", Versions.etag(p.version())).build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "Read a phonebook")
    public Uni<RestResponse<Phonebook>> get(@PathParam("orgId") String orgId, @PathParam("id") long id) {
        return phonebooks.get(caller, orgId, id).map(PhonebookResource::withEtag);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Rename a phonebook")
    public Uni<RestResponse<Phonebook>> rename(@PathParam("orgId") String orgId, @PathParam("id") long id,
            @HeaderParam("If-Match") String ifMatch, Input input) {
        return phonebooks.rename(caller, orgId, id, ifMatch, input == null ? null : input.toDraft())
                .map(PhonebookResource::withEtag);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Delete a phonebook (devices stop listing it)")
    public Uni<RestResponse<Void>> delete(@PathParam("orgId") String orgId, @PathParam("id") long id,
            @HeaderParam("If-Match") String ifMatch) {
        return phonebooks.delete(caller, orgId, id, ifMatch).map(v -> RestResponse.noContent());
    }

    @GET
    @Path("{id}/contacts/export")
    @Produces("text/csv")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "Export the contacts as CSV", description = "Columns name, group, phones (numbers separated by ';'), in id order, streamed; the console's contact import takes the file back as it is. A cell a spreadsheet would run as a formula gets a leading '.")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public RestMulti<String> export(@PathParam("orgId") String orgId, @PathParam("id") long id) {
        return RestMulti.fromMultiData(phonebooks.export(caller, orgId, id))
                .header("Content-Disposition", "attachment; filename=\"contacts.csv\"").build();
    }

    @GET
    @Path("{id}/contacts")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "List contacts", description = "Sortable by name, group, id; q matches name, group or number.")
    public Uni<Page<Contact>> contacts(@PathParam("orgId") String orgId, @PathParam("id") long id,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("sort") String sort,
            @QueryParam("q") String q) {
        return phonebooks.contacts(caller, orgId, id,
                PageRequest.of(page, size, sort, Sorts.CONTACTS, "group", "id"), q).map(p -> p.map(Contact::of));
    }

    @PUT
    @Path("{id}/contacts")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Replace all contacts", description = "Up to 200,000 contacts in one transaction; If-Match takes the phonebook's ETag.")
    public Uni<RestResponse<Phonebook>> replaceContacts(@PathParam("orgId") String orgId, @PathParam("id") long id,
            @HeaderParam("If-Match") String ifMatch, List<ContactInput> contacts) {
        return phonebooks.replaceContacts(caller, orgId, id, ifMatch, ContactInput.toDrafts(contacts))
                .map(PhonebookResource::withEtag);
    }

    @POST
    @Path("{id}/contacts")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Add one contact")
    public Uni<RestResponse<Contact>> addContact(@PathParam("orgId") String orgId, @PathParam("id") long id,
            ContactInput contact) {
        return phonebooks.addContact(caller, orgId, id, contact == null ? null : contact.toDraft())
                .map(c -> RestResponse.status(RestResponse.Status.CREATED, Contact.of(c)));
    }

    @PUT
    @Path("{id}/contacts/{contactId}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Change one contact", description = "If-Match takes the phonebook's ETag; the answer carries its new one.")
    public Uni<RestResponse<Contact>> updateContact(@PathParam("orgId") String orgId, @PathParam("id") long id,
            @PathParam("contactId") long contactId, @HeaderParam("If-Match") String ifMatch, ContactInput contact) {
        return phonebooks
                .updateContact(caller, orgId, id, contactId, ifMatch, contact == null ? null : contact.toDraft())
                .map(r -> RestResponse.ResponseBuilder.ok(Contact.of(r.contact()))
                        .header("ETag", Versions.etag(r.phonebookVersion())).build());
    }

    @DELETE
    @Path("{id}/contacts/{contactId}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.ORG_ADMIN})
    @Operation(summary = "Remove one contact")
    public Uni<RestResponse<Void>> deleteContact(@PathParam("orgId") String orgId, @PathParam("id") long id,
            @PathParam("contactId") long contactId) {
        return phonebooks.deleteContact(caller, orgId, id, contactId).map(v -> RestResponse.noContent());
    }

    private static RestResponse<Phonebook> withEtag(io.voipconfig.portal.model.Phonebook p) {
        return RestResponse.ResponseBuilder.ok(Phonebook.of(p)).header("ETag", Versions.etag(p.version())).build();
    }
}
