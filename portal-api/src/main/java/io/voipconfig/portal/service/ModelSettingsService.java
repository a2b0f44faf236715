package io.voipconfig.portal.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.voipconfig.common.catalog.PhoneModel;
import io.voipconfig.common.event.EventType;
import io.voipconfig.portal.rest.ApiException;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.Infrastructure.CatalogSource;

/** An organization's settings for one phone model (its "global config" for that model). */
@ApplicationScoped
public class ModelSettingsService {

    @Schema(name = "ModelSettings")
    public record ModelSettings(
            @Schema(example = "T46U") String model,
            @Schema(example = "{\"phone_setting.backlight_time\": \"60\"}") Map<String, String> settings,
            @Schema(description = "0 when nothing is stored yet") long version,
            OffsetDateTime updatedAt) {
    }

    @Schema(name = "ModelSettingsInput")
    @JsonIgnoreProperties(value = {"model", "version", "updatedAt"})
    public record Input(@Schema(required = true) Map<String, String> settings) {
    }

    /** What model-settings events carry. */
    public record ModelSettingsState(String model) {
    }

    private final Pool pool;
    private final OrganizationService organizations;
    private final Outbox outbox;
    private final CatalogSource catalog;

    public ModelSettingsService(Pool pool, OrganizationService organizations, Outbox outbox, CatalogSource catalog) {
        this.pool = pool;
        this.organizations = organizations;
        this.outbox = outbox;
        this.catalog = catalog;
    }

    private static ModelSettings toDto(Row r) {
        return new ModelSettings(r.getString("model"), Sql.settings(r.getString("settings")), r.getLong("version"),
                r.getOffsetDateTime("updated_at"));
    }

    private Uni<PhoneModel> model(String name) {
        return catalog.get().map(c -> c.byName(name.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> ApiException.notFound("no model '" + name + "' in the catalog")));
    }

    public Uni<Page<ModelSettings>> list(Caller caller, String orgRef, PageRequest page) {
        return organizations.visible(caller, orgRef).flatMap(org -> pool
                .preparedQuery("SELECT count(*) FROM org_model_settings WHERE organization_id = $1")
                .execute(Sql.args(org.id()))
                .flatMap(count -> pool.preparedQuery("SELECT model, settings::text AS settings, version, updated_at"
                        + " FROM org_model_settings WHERE organization_id = $1" + page.sql())
                        .execute(Sql.args(org.id()))
                        .map(rows -> {
                            List<ModelSettings> out = new ArrayList<>();
                            rows.forEach(r -> out.add(toDto(r)));
                            return Page.of(out, page, count.iterator().next().getLong(0));
                        })));
    }

    public Uni<ModelSettings> get(Caller caller, String orgRef, String modelName) {
        return organizations.visible(caller, orgRef).flatMap(org -> model(modelName).flatMap(m -> pool
                .preparedQuery("SELECT model, settings::text AS settings, version, updated_at FROM org_model_settings"
                        + " WHERE organization_id = $1 AND model = $2")
                .execute(Sql.args(org.id(), m.name()))
                .map(rows -> Sql.first(rows).map(ModelSettingsService::toDto)
                        .orElse(new ModelSettings(m.name(), Map.of(), 0, null)))));
    }

    public Uni<ModelSettings> put(Caller caller, String orgRef, String modelName, String ifMatch, Input in) {
        Errors e = new Errors();
        if (in == null || in.settings() == null) {
            e.add("settings", "is required");
        } else {
            e.settings("settings", in.settings());
        }
        e.throwIfAny();
        return pool.withTransaction(tx -> organizations.visible(tx, caller, orgRef).flatMap(org -> model(modelName)
                .flatMap(m -> tx.preparedQuery("SELECT version FROM org_model_settings WHERE organization_id = $1"
                        + " AND model = $2 FOR UPDATE").execute(Sql.args(org.id(), m.name()))
                        .flatMap(rows -> {
                            long current = Sql.first(rows).map(r -> r.getLong(0)).orElse(0L);
                            Versions.check(ifMatch, current);
                            return tx.preparedQuery("INSERT INTO org_model_settings (organization_id, model, settings)"
                                    + " VALUES ($1, $2, $3) ON CONFLICT (organization_id, model) DO UPDATE SET"
                                    + " settings = EXCLUDED.settings, version = nextval('aggregate_version_seq'),"
                                    + " updated_at = now() RETURNING model, settings::text AS settings, version,"
                                    + " updated_at").execute(Sql.args(org.id(), m.name(), Sql.json(in.settings())));
                        })
                        .flatMap(rows -> {
                            ModelSettings saved = toDto(rows.iterator().next());
                            return outbox.append(tx, EventType.MODEL_SETTINGS_CHANGED,
                                    org.id() + "/" + m.name(), org.id(), saved.version(),
                                    new ModelSettingsState(m.name())).replaceWith(saved);
                        }))))
                .invoke(outbox::committed);
    }
}
