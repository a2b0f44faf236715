package io.voipconfig.portal.service;

import io.voipconfig.portal.model.ChangeSpread;

/**
 * A write's outcome: what it saved (for a dry run, what it would have saved) and how far it reaches the phones' files.
 */
public record Written<T>(T value, ChangeSpread spread, boolean dryRun) {
}
