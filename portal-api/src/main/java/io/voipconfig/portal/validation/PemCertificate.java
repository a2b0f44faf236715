package io.voipconfig.portal.validation;

import java.io.ByteArrayInputStream;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A PEM X.509 certificate of at most {@value #MAX_CHARS} characters (phones are given it as ca.pem); blank is none. */
@Documented
@Constraint(validatedBy = PemCertificate.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PemCertificate {

    int MAX_CHARS = 20_000;

    String message() default "not a PEM X.509 certificate";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Parses the certificate with the JDK's X.509 factory. */
    class Validator implements ConstraintValidator<PemCertificate, String> {

        @Override
        public boolean isValid(String pem, ConstraintValidatorContext context) {
            if (pem == null || pem.isBlank()) {
                return true;
            }
            if (pem.length() > MAX_CHARS) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("at most " + MAX_CHARS + " characters")
                        .addConstraintViolation();
                return false;
            }
            try {
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
                return true;
            } catch (CertificateException | RuntimeException e) {
                return false;
            }
        }
    }
}
