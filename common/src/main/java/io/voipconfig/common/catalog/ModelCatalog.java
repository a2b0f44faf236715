package io.voipconfig.common.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The phone model catalog. The catalog is data (table {@code phone_model}); this is an immutable snapshot of it
 * with the lookups the services need. Several models may share one common-file code (T53 and T53W, T58A and T58V).
 */
public final class ModelCatalog {

    static final String SELECT = "SELECT name, vendor, common_file_code, accounts, line_keys, screen_width, screen_height"
            + " FROM phone_model ORDER BY name";

    private final Map<String, PhoneModel> byName;
    private final Map<String, List<PhoneModel>> byCode;

    public ModelCatalog(Collection<PhoneModel> models) {
        Map<String, PhoneModel> names = new TreeMap<>();
        for (PhoneModel m : models) {
            if (names.put(key(m.name()), m) != null) {
                throw new IllegalArgumentException("duplicate model " + m.name());
            }
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byCode = names.values().stream()
                .collect(Collectors.groupingBy(PhoneModel::commonFileCode, TreeMap::new,
                        Collectors.toUnmodifiableList()));
    }

    /** Reads the catalog from the database. */
    public static Uni<ModelCatalog> load(Pool pool) {
        return pool.query(SELECT).execute()
                .map(rows -> {
                    List<PhoneModel> models = new ArrayList<>();
                    for (Row r : rows) {
                        models.add(new PhoneModel(r.getString("name"), r.getString("vendor"),
                                r.getString("common_file_code"), r.getShort("accounts"), r.getShort("line_keys"),
                                toInteger(r.getShort("screen_width")), toInteger(r.getShort("screen_height"))));
                    }
                    return new ModelCatalog(models);
                });
    }

    /** Case-insensitive lookup by model name, e.g. {@code t46u}. */
    public Optional<PhoneModel> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(key(name)));
    }

    /** The models whose common file is {@code y000000000<code>.cfg}. */
    public List<PhoneModel> byCommonFileCode(String code) {
        return byCode.getOrDefault(code, List.of());
    }

    public Collection<PhoneModel> all() {
        return byName.values();
    }

    public int size() {
        return byName.size();
    }

    private static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    private static Integer toInteger(Short s) {
        return s == null ? null : s.intValue();
    }
}
