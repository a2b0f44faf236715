package io.voipconfig.config.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.catalog.ModelCatalog;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.PhoneDirectory;
import io.voipconfig.common.render.PhonebookRef;
import io.voipconfig.common.render.RemovedKeys;
import io.voipconfig.common.render.SipAccount;

/** Reads what rendering needs, with the read-only role. Results are cached as rendered files, not here. */
@ApplicationScoped
public class ConfigRepository {

    private final Pool pool;
    private final SecretCipher cipher;
    private final AsyncLoadingCache<String, ModelCatalog> catalog;

    public ConfigRepository(Pool pool, SecretCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
        // The catalog is data but changes rarely: refreshed every five minutes, served from memory meanwhile.
        this.catalog = Caffeine.newBuilder().refreshAfterWrite(Duration.ofMinutes(5))
                .buildAsync((k, executor) -> ModelCatalog.load(pool).subscribeAsCompletionStage());
    }

    /** Served from memory (a completed future) except on the first call. */
    public CompletableFuture<ModelCatalog> catalog() {
        return catalog.get("catalog");
    }

    public Uni<List<SipAccount>> accounts(MacAddress mac) {
        return pool.preparedQuery("SELECT account_index, label, display_name, user_name, auth_name, password_enc,"
                + " server, port, transport FROM sip_account WHERE device_mac = $1 ORDER BY account_index")
                .execute(Tuple.of(mac.value()))
                .map(rows -> {
                    List<SipAccount> out = new ArrayList<>();
                    for (Row r : rows) {
                        int index = r.getShort("account_index");
                        String enc = r.getString("password_enc");
                        out.add(new SipAccount(index, r.getString("label"), r.getString("display_name"),
                                r.getString("user_name"), r.getString("auth_name"),
                                enc == null
                                        ? null
                                        : cipher.decrypt(enc, SecretContexts.sipPassword(mac, index)),
                                r.getString("server"), r.getInteger("port"), r.getString("transport")));
                    }
                    return out;
                });
    }

    public Uni<List<PhonebookRef>> phonebooks(MacAddress mac, UUID organizationId) {
        return pool.preparedQuery("SELECT p.id, p.name, dp.position FROM device_phonebook dp"
                + " JOIN phonebook p ON p.id = dp.phonebook_id"
                + " WHERE dp.device_mac = $1 AND p.organization_id = $2 ORDER BY dp.position, p.id")
                .execute(Tuple.of(mac.value(), organizationId))
                .map(rows -> {
                    List<PhonebookRef> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new PhonebookRef(r.getLong("id"), r.getString("name"),
                            r.getShort("position"))));
                    return out;
                });
    }

    public Uni<Map<String, String>> modelSettings(UUID organizationId, String model) {
        return pool
                .preparedQuery(
                        "SELECT settings::text FROM org_model_settings WHERE organization_id = $1 AND model = $2")
                .execute(Tuple.of(organizationId, model))
                .map(rows -> rows.iterator().hasNext()
                        ? PhoneDirectory.settings(rows.iterator().next().getString(0))
                        : Map.of());
    }

    /** Keys removed from the organization's settings and from its settings for {@code model}. */
    public Uni<RemovedKeys> removedKeys(UUID organizationId, String model) {
        return pool.preparedQuery("SELECT key, reset_until FROM removed_setting WHERE organization_id = $1"
                + " AND (layer = 'organization' OR (layer = 'model' AND subject = $2))")
                .execute(Tuple.of(organizationId, model))
                .map(ConfigRepository::removedKeys);
    }

    /** Keys removed from the device's settings (whichever organization it was in then: they went along). */
    public Uni<RemovedKeys> removedKeys(MacAddress mac) {
        return pool
                .preparedQuery("SELECT key, reset_until FROM removed_setting WHERE layer = 'device' AND subject = $1")
                .execute(Tuple.of(mac.value()))
                .map(ConfigRepository::removedKeys);
    }

    private static RemovedKeys removedKeys(RowSet<Row> rows) {
        Map<String, Instant> until = new HashMap<>();
        rows.forEach(r -> until.merge(r.getString(0), r.getOffsetDateTime(1).toInstant(),
                (a, b) -> a.isAfter(b) ? a : b));
        return until.isEmpty() ? RemovedKeys.NONE : new RemovedKeys(until);
    }

    public Uni<Optional<String>> globalXml(UUID organizationId, String name) {
        return pool.preparedQuery("SELECT content FROM global_xml WHERE organization_id = $1 AND name = $2")
                .execute(Tuple.of(organizationId, name))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getString(0))
                        : Optional.empty());
    }
}
