package io.voipconfig.portal.validation;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Hibernate Validator as a plain library, with the interpolator that evaluates no expressions. */
public final class Validators {

    private Validators() {
    }

    public static Validator validator() {
        return Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
    }
}
