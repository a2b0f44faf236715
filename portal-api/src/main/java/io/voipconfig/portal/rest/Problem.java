package io.voipconfig.portal.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.voipconfig.portal.problem.ApiException.FieldError;

/** An RFC 9457 problem document; {@code errors} lists field-level problems of a validation failure. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://voipconfig.io/problems/";
}
