package io.voipconfig.portal.model;

import java.util.Map;

import jakarta.validation.constraints.NotNull;

import io.voipconfig.portal.validation.YealinkSettings;

/** An organization's settings for one model, as a client writes them. */
public record ModelSettingsDraft(@NotNull(message = "is required") @YealinkSettings Map<String, String> settings) {
}
