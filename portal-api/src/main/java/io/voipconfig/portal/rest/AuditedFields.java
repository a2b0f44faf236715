package io.voipconfig.portal.rest;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Notes, for the audit trail, the names of the fields a JSON body set: the top level, and one level into objects
 * ({@code settings.lang.gui}, {@code provisioning.password}); a list as its length. Names only, so no value, and no
 * secret, ever reaches an entry. Read from the deserialised record's components (our DTOs are records, their
 * components the JSON names), so a 200,000-contact body is not walked. Other bodies (CSV, XML, files) set no field
 * names: the entry's resource says what was written.
 */
@Provider
public class AuditedFields implements ReaderInterceptor {

    static final String PROPERTY = AuditedFields.class.getName();
    static final int MAX_NAMES = 100;
    static final int MAX_NAME_LENGTH = 200;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object entity = context.proceed();
        if (entity instanceof Collection<?> || entity instanceof Map<?, ?>
                || entity != null && entity.getClass().isRecord()) {
            context.setProperty(PROPERTY, names(entity));
        }
        return entity;
    }

    static List<String> names(Object body) {
        List<String> names = new ArrayList<>();
        if (body instanceof Collection<?> items) {
            names.add("items[" + items.size() + "]");
        } else {
            set(body).forEach((name, value) -> {
                Map<String, Object> inner = value instanceof Map<?, ?> || value.getClass().isRecord()
                        ? set(value)
                        : Map.of();
                if (inner.isEmpty()) {
                    add(names, name);
                } else {
                    inner.keySet().forEach(child -> add(names, name + "." + child));
                }
            });
        }
        return names;
    }

    /** The fields of a map or record that are set (not null), in their order. */
    private static Map<String, Object> set(Object object) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (object instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v != null) {
                    fields.put(String.valueOf(k), v);
                }
            });
        } else if (object.getClass().isRecord()) {
            for (RecordComponent component : object.getClass().getRecordComponents()) {
                Object value = value(component, object);
                if (value != null) {
                    fields.put(component.getName(), value);
                }
            }
        }
        return fields;
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null; // a record of another module's package: its fields are left out, not guessed
        }
    }

    private static void add(List<String> names, String name) {
        if (names.size() < MAX_NAMES) {
            names.add(name.length() <= MAX_NAME_LENGTH ? name : name.substring(0, MAX_NAME_LENGTH));
        }
    }
}
