package io.voipconfig.portal.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.model.FleetState;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.DeviceService;

/** "Where is this phone?" across every organization the caller may see. */
@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
public class DeviceSearchResource {

    @Schema(name = "FoundDevice", description = "A device found by MAC, with its organization.")
    public record FoundDevice(
            @Schema(example = "001565a0c001") String mac,
            @Schema(example = "T46U") String model,
            @Schema(example = "Reception") String label,
            UUID organizationId,
            @Schema(example = "acme") String organizationSlug,
            @Schema(example = "Acme Corporation") String organizationName,
            @Schema(description = "null: never seen") OffsetDateTime lastSeenAt) {

        static FoundDevice of(FleetState.Found f) {
            return new FoundDevice(f.mac(), f.model(), f.label(), f.organizationId(), f.organizationSlug(),
                    f.organizationName(), f.lastSeenAt());
        }
    }

    private final DeviceService devices;
    private final Caller caller;

    public DeviceSearchResource(DeviceService devices, Caller caller) {
        this.devices = devices;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER_ADMIN, Caller.PARTNER_VIEWER, Caller.ORG_ADMIN, Caller.ORG_VIEWER})
    @Operation(summary = "Find devices by MAC", description = "Every device whose MAC contains the given digits (4 to 12"
            + " hex digits, any notation) in the organizations you may see: all of them for the operator, your"
            + " partner's for partner roles, your own otherwise. At most 50, by MAC.")
    public Uni<List<FoundDevice>> find(
            @Parameter(required = true, example = "00:15:65:a0:c0:01") @QueryParam("mac") String mac) {
        return devices.findByMac(caller, mac).map(found -> found.stream().map(FoundDevice::of).toList());
    }
}
