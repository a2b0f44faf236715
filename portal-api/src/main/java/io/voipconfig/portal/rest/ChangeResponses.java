package io.voipconfig.portal.rest;

import java.util.function.Function;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.rest.dto.ChangePreviewDto.ChangePreview;
import io.voipconfig.portal.service.Written;

/**
 * The answer of a write that changes rendered files: its usual answer with the number of devices it affects in a
 * header (existing clients read the same body), or for a dry run that number with an example device's diff.
 */
final class ChangeResponses {

    static final String AFFECTED_DEVICES = "Voipconfig-Affected-Devices";
    static final String DRY_RUN_DESCRIPTION = "true: validate and answer a ChangePreview (the devices the write would"
            + " affect and one of them's files before and after, secrets masked) instead, saving nothing";
    static final String AFFECTED_DESCRIPTION = "How many devices get other files from this write (0 when nothing"
            + " rendered changes)";

    private ChangeResponses() {
    }

    /** {@code dryRun} as the query gives it: absent is false, anything but true or false a 400. */
    static boolean dryRun(String value) {
        return Boolean.TRUE.equals(QueryParams.flag("dryRun", value));
    }

    static <M> Uni<RestResponse<Object>> answer(Written<M> written, Function<M, Uni<? extends RestResponse<?>>> saved) {
        String affected = Long.toString(written.spread().affectedDevices());
        if (written.dryRun()) {
            return Uni.createFrom().item(RestResponse.ResponseBuilder.ok((Object) ChangePreview.of(written.spread()))
                    .header(AFFECTED_DEVICES, affected).build());
        }
        return saved.apply(written.value()).map(r -> {
            @SuppressWarnings("unchecked")
            RestResponse<Object> response = (RestResponse<Object>) r;
            return RestResponse.ResponseBuilder.fromResponse(response).header(AFFECTED_DEVICES, affected).build();
        });
    }
}
