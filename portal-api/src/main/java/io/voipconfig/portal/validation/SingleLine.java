package io.voipconfig.portal.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text that ends up in a phone's configuration file ({@code key = value} lines): at most {@link #max()} characters
 * and no line break or other control character, which would start a new setting.
 */
@Documented
@Constraint(validatedBy = SingleLine.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLine {

    int max();

    String message() default "must not contain line breaks or control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null and blank pass: whether a value is required is {@code @NotBlank}'s business. */
    class Validator implements ConstraintValidator<SingleLine, String> {

        private int max;

        @Override
        public void initialize(SingleLine annotation) {
            max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            if (value.length() > max) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must be at most " + max + " characters")
                        .addConstraintViolation();
                return false;
            }
            return value.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
        }
    }
}
