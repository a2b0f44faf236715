package io.voipconfig.portal.rest;

import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.catalog.PhoneModel;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.Infrastructure.CatalogSource;
import io.voipconfig.portal.service.Page;
import io.voipconfig.portal.service.PageRequest;

@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models", description = "The phone model catalog")
public class ModelResource {

    private final CatalogSource catalog;

    public ModelResource(CatalogSource catalog) {
        this.catalog = catalog;
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "List phone models", description = "Sortable by name or accounts; commonFileCode filters.")
    public Uni<Page<PhoneModel>> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("sort") String sort, @QueryParam("commonFileCode") String code) {
        PageRequest request = PageRequest.of(page, size, sort, Sorts.MODELS, "name", "name");
        return catalog.get().map(c -> {
            Comparator<PhoneModel> order = request.orderBy().startsWith("accounts")
                    ? Comparator.comparingInt(PhoneModel::accounts).thenComparing(PhoneModel::name)
                    : Comparator.comparing(PhoneModel::name);
            if (request.orderBy().contains(" desc")) {
                order = order.reversed();
            }
            List<PhoneModel> all = c.all().stream().filter(m -> code == null || m.commonFileCode().equals(code))
                    .sorted(order).toList();
            int from = (int) Math.min(all.size(), request.offset());
            return Page.of(all.subList(from, Math.min(all.size(), from + request.size())), request, all.size());
        });
    }
}
