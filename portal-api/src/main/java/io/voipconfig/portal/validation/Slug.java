package io.voipconfig.portal.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A slug as the schema checks it (organizations and partners alike): required, 1 to 63 lower-case letters, digits or
 * '-', not starting or ending with '-'. Part of URLs phones fetch, so nothing else is allowed.
 */
@Documented
@NotNull
@Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Slug {

    String message() default "1 to 63 lower-case letters, digits or '-', not starting or ending with '-'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
