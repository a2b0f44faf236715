package io.voipconfig.portal.rest.dto;

import java.time.OffsetDateTime;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.voipconfig.common.settings.SecretSettings;
import io.voipconfig.portal.model.ModelSettingsDraft;

/** Model settings JSON. */
public final class ModelSettingsDto {

    private ModelSettingsDto() {
    }

    @Schema(name = "ModelSettings")
    public record ModelSettings(
            @Schema(example = "T46U") String model,
            @Schema(example = "{\"phone_setting.backlight_time\": \"60\"}") Map<String, String> settings,
            @Schema(description = "0 when nothing is stored yet") long version,
            OffsetDateTime updatedAt) {

        public static ModelSettings of(io.voipconfig.portal.model.ModelSettings s) {
            return new ModelSettings(s.key.model(), s.sortedSettings(), s.version, s.updatedAt);
        }

        /** As a caller who may not read secrets sees it: secret setting values masked. */
        public ModelSettings masked() {
            return new ModelSettings(model, SecretSettings.masked(settings), version, updatedAt);
        }
    }

    @Schema(name = "ModelSettingsInput")
    @JsonIgnoreProperties(value = {"model", "version", "updatedAt"})
    public record Input(@Schema(required = true) Map<String, String> settings) {

        public ModelSettingsDraft toDraft() {
            return new ModelSettingsDraft(settings);
        }
    }
}
