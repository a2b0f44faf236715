package io.voipconfig.portal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Notes, for the audit trail, the names of the fields a JSON body set: the top level, and one level into objects
 * ({@code settings.lang.gui}, {@code provisioning.password}); a list as its length. Names only, so no value, and no
 * secret, ever reaches an entry. Other bodies (CSV, XML, files) set no field names: the entry's resource says what
 * was written.
 */
@Provider
public class AuditedFields implements ReaderInterceptor {

    static final String PROPERTY = AuditedFields.class.getName();
    static final int MAX_NAMES = 100;
    static final int MAX_NAME_LENGTH = 200;

    private final ObjectMapper mapper;

    public AuditedFields(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object entity = context.proceed();
        if (entity != null && !(entity instanceof String) && !(entity instanceof byte[])
                && !(entity instanceof InputStream)) {
            context.setProperty(PROPERTY, names(mapper.valueToTree(entity)));
        }
        return entity;
    }

    static List<String> names(JsonNode body) {
        List<String> names = new ArrayList<>();
        if (body.isArray()) {
            names.add("items[" + body.size() + "]");
        } else if (body.isObject()) {
            body.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                if (value.isObject() && !value.isEmpty()) {
                    value.fields().forEachRemaining(inner -> {
                        if (!inner.getValue().isNull()) {
                            add(names, field.getKey() + "." + inner.getKey());
                        }
                    });
                } else if (!value.isNull()) {
                    add(names, field.getKey());
                }
            });
        }
        return names;
    }

    private static void add(List<String> names, String name) {
        if (names.size() < MAX_NAMES) {
            names.add(name.length() <= MAX_NAME_LENGTH ? name : name.substring(0, MAX_NAME_LENGTH));
        }
    }
}
