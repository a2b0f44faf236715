package io.voipconfig.portal.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.voipconfig.common.render.UpdateSchedule;
import io.voipconfig.common.settings.Settings;

/**
 * Yealink settings ({@code key = value}): at most {@value #MAX} of them, each key and value as {@link Settings}
 * accepts them. Each bad setting is reported at {@code <field>.<key>}.
 */
@Documented
@Constraint(validatedBy = YealinkSettings.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface YealinkSettings {

    int MAX = 2000;

    String message() default "at most " + MAX + " settings";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the map. */
    class Validator implements ConstraintValidator<YealinkSettings, Map<String, String>> {

        @Override
        public boolean isValid(Map<String, String> settings, ConstraintValidatorContext context) {
            if (settings == null) {
                return true;
            }
            if (settings.size() > MAX) {
                return false;
            }
            Map<String, String> problems = new TreeMap<>(Settings.problems(settings));
            settings.keySet().stream().filter(UpdateSchedule.KEYS::contains).forEach(key -> problems.put(key,
                    "is set through the organization's updateSchedule"));
            if (problems.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            problems.forEach((key, message) -> context.buildConstraintViolationWithTemplate(Messages.literal(message))
                    .addPropertyNode(key).addConstraintViolation());
            return false;
        }
    }
}
