package io.voipconfig.portal.validation;

import jakarta.validation.groups.Default;

/** Constraints that hold when a resource is created, on top of the default ones (a password required at first). */
public interface OnCreate extends Default {
}
