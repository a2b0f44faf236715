package io.voipconfig.portal.service;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.xml.sax.InputSource;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.voipconfig.common.event.EventType;
import io.voipconfig.portal.rest.ApiException;
import io.voipconfig.portal.security.Caller;

/** Softkey layouts and other XML files phones fetch from {@code /xml/_global/<name>.xml}. */
@ApplicationScoped
public class GlobalXmlService {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    public static final int MAX_CHARS = 256 * 1024;

    @Schema(name = "GlobalXml")
    public record GlobalXml(
            @Schema(example = "softkey-idle") String name,
            long size,
            long version,
            OffsetDateTime updatedAt) {
    }

    /** The document with its metadata. */
    public record Document(GlobalXml meta, String content) {
    }

    /** What global-xml events carry. */
    public record GlobalXmlState(String name) {
    }

    private final Pool pool;
    private final OrganizationService organizations;
    private final Outbox outbox;

    public GlobalXmlService(Pool pool, OrganizationService organizations, Outbox outbox) {
        this.pool = pool;
        this.organizations = organizations;
        this.outbox = outbox;
    }

    private static GlobalXml toDto(Row r) {
        return new GlobalXml(r.getString("name"), r.getLong("size"), r.getLong("version"),
                r.getOffsetDateTime("updated_at"));
    }

    public Uni<Page<GlobalXml>> list(Caller caller, String orgRef, PageRequest page) {
        return organizations.visible(caller, orgRef).flatMap(org -> pool
                .preparedQuery("SELECT count(*) FROM global_xml WHERE organization_id = $1").execute(Sql.args(org.id()))
                .flatMap(count -> pool.preparedQuery("SELECT name, length(content)::bigint AS size, version, updated_at"
                        + " FROM global_xml WHERE organization_id = $1" + page.sql()).execute(Sql.args(org.id()))
                        .map(rows -> {
                            List<GlobalXml> items = new ArrayList<>();
                            rows.forEach(r -> items.add(toDto(r)));
                            return Page.of(items, page, count.iterator().next().getLong(0));
                        })));
    }

    public Uni<Document> get(Caller caller, String orgRef, String name) {
        return organizations.visible(caller, orgRef).flatMap(org -> pool.preparedQuery("SELECT name,"
                + " length(content)::bigint AS size, version, updated_at, content FROM global_xml"
                + " WHERE organization_id = $1 AND name = $2").execute(Sql.args(org.id(), name))
                .map(rows -> Sql.first(rows).map(r -> new Document(toDto(r), r.getString("content")))
                        .orElseThrow(() -> ApiException.notFound("no global XML '" + name + "'"))));
    }

    public Uni<GlobalXml> put(Caller caller, String orgRef, String name, String ifMatch, String content) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.invalid("name", "1 to 64 letters, digits, '_' or '-', starting with a letter or digit");
        }
        if (content == null || content.isBlank()) {
            throw ApiException.invalid("content", "an XML document is required");
        }
        if (content.length() > MAX_CHARS) {
            throw ApiException.invalid("content", "at most " + MAX_CHARS + " characters");
        }
        String problem = xmlProblem(content);
        if (problem != null) {
            throw ApiException.invalid("content", problem);
        }
        return pool.withTransaction(tx -> organizations.visible(tx, caller, orgRef).flatMap(org -> tx
                .preparedQuery("SELECT version FROM global_xml WHERE organization_id = $1 AND name = $2 FOR UPDATE")
                .execute(Sql.args(org.id(), name))
                .flatMap(rows -> {
                    var current = Sql.first(rows).map(r -> r.getLong(0));
                    current.ifPresent(v -> Versions.check(ifMatch, v));
                    String sql = current.isPresent()
                            ? "UPDATE global_xml SET content = $3, version = nextval('aggregate_version_seq'), updated_at = now()"
                                    + " WHERE organization_id = $1 AND name = $2"
                            : "INSERT INTO global_xml (organization_id, name, content) VALUES ($1, $2, $3)";
                    return tx.preparedQuery(sql + " RETURNING name, length(content)::bigint AS size, version,"
                            + " updated_at").execute(Sql.args(org.id(), name, content));
                })
                .flatMap(rows -> {
                    GlobalXml x = toDto(rows.iterator().next());
                    return outbox.append(tx, EventType.GLOBAL_XML_CHANGED, name, org.id(), x.version(),
                            new GlobalXmlState(name)).replaceWith(x);
                })))
                .invoke(outbox::committed);
    }

    public Uni<Void> delete(Caller caller, String orgRef, String name, String ifMatch) {
        return pool.withTransaction(tx -> organizations.visible(tx, caller, orgRef).flatMap(org -> tx
                .preparedQuery("DELETE FROM global_xml WHERE organization_id = $1 AND name = $2 RETURNING version")
                .execute(Sql.args(org.id(), name))
                .flatMap(rows -> {
                    long version = Sql.first(rows).map(r -> r.getLong(0))
                            .orElseThrow(() -> ApiException.notFound("no global XML '" + name + "'"));
                    Versions.check(ifMatch, version);
                    return outbox.appendDeletion(tx, EventType.GLOBAL_XML_DELETED, name, org.id());
                })))
                .invoke(outbox::committed).replaceWithVoid();
    }

    /** Null when {@code xml} is a well-formed document; no DTDs or external entities are read. */
    static String xmlProblem(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.parse(new InputSource(new StringReader(xml)));
            return null;
        } catch (Exception e) {
            return "not well-formed XML: " + e.getMessage();
        }
    }
}
