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

import io.voipconfig.common.mac.InvalidMacAddressException;
import io.voipconfig.common.mac.MacAddress;

/** A MAC address in any notation {@link MacAddress#parse} reads; null passes (pair with {@code @NotBlank}). */
@Documented
@Constraint(validatedBy = MacAddressText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface MacAddressText {

    String message() default "not a MAC address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports the parser's own explanation. */
    class Validator implements ConstraintValidator<MacAddressText, String> {

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            if (text == null || text.isBlank()) {
                return true;
            }
            try {
                MacAddress.parse(text);
                return true;
            } catch (InvalidMacAddressException e) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(Messages.literal(e.getMessage()))
                        .addConstraintViolation();
                return false;
            }
        }
    }
}
