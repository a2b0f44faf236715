package io.voipconfig.portal.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.voipconfig.portal.model.ChangeSpread;

/** A dry run's answer. */
public final class ChangePreviewDto {

    private ChangePreviewDto() {
    }

    @Schema(name = "ChangePreview", description = "What a write would change in the phones' files (its dry run): nothing was saved")
    public record ChangePreview(
            @Schema(description = "Always true: nothing was saved") boolean dryRun,
            @Schema(description = "Devices whose files the write would change", example = "1250") long affectedDevices,
            @Schema(description = "One of them, file by file; null when none is affected") Example example) {

        public static ChangePreview of(ChangeSpread spread) {
            return new ChangePreview(true, spread.affectedDevices(), spread.example()
                    .map(e -> new Example(e.mac(), e.files().stream()
                            .map(f -> new FileChange(f.name(), f.changed(), f.diff())).toList()))
                    .orElse(null));
        }
    }

    @Schema(name = "ChangePreviewExample")
    public record Example(
            @Schema(example = "001565a0c001") String mac,
            @Schema(description = "Boot, common and MAC file") List<FileChange> files) {
    }

    @Schema(name = "ChangePreviewFile")
    public record FileChange(
            @Schema(example = "001565a0c001.cfg") String name,
            boolean changed,
            @Schema(description = "Unified diff of the file's text, before to after, secrets masked as in the preview; null when unchanged", example = "--- a/001565a0c001.cfg\n+++ b/001565a0c001.cfg\n@@ -4,3 +4,3 @@\n-phone_setting.backlight_time = 60\n+phone_setting.backlight_time = 30\n") String diff) {
    }
}
