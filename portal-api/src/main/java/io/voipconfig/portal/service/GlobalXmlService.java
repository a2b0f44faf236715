package io.voipconfig.portal.service;

import java.io.StringReader;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.enterprise.context.ApplicationScoped;

import org.xml.sax.InputSource;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.event.EventType;
import io.voipconfig.portal.model.GlobalXml;
import io.voipconfig.portal.model.GlobalXmlInfo;
import io.voipconfig.portal.model.Timestamps;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.AggregateVersions;
import io.voipconfig.portal.repository.GlobalXmlRepository;
import io.voipconfig.portal.security.Caller;

/** Softkey layouts and other XML files phones fetch from {@code /xml/_global/<name>.xml}. */
@ApplicationScoped
public class GlobalXmlService {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    public static final int MAX_CHARS = 256 * 1024;

    /** What global-xml events carry. */
    public record GlobalXmlState(String name) {
    }

    private final GlobalXmlRepository documents;
    private final AggregateVersions versions;
    private final OrganizationService organizations;
    private final Outbox outbox;

    public GlobalXmlService(GlobalXmlRepository documents, AggregateVersions versions,
            OrganizationService organizations, Outbox outbox) {
        this.documents = documents;
        this.versions = versions;
        this.organizations = organizations;
        this.outbox = outbox;
    }

    private static ApiException notFound(String name) {
        return ApiException.notFound("no global XML '" + name + "'");
    }

    public Uni<Page<GlobalXmlInfo>> list(Caller caller, String orgRef, PageRequest page) {
        return Panache.withSession(() -> organizations.visible(caller, orgRef).flatMap(org -> documents
                .count(org.id)
                .flatMap(total -> documents.page(org.id, page).map(items -> Page.of(items, page, total)))));
    }

    public Uni<GlobalXml> get(Caller caller, String orgRef, String name) {
        return Panache.withSession(() -> organizations.visible(caller, orgRef)
                .flatMap(org -> documents.find(org.id, name, false))
                .onItem().ifNull().failWith(() -> notFound(name)));
    }

    /** Creates or replaces {@code name}; preconditions as {@link Versions#checkWrite}. */
    public Uni<GlobalXmlInfo> put(Caller caller, String orgRef, String name, String ifMatch, String ifNoneMatch,
            String content) {
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
        return outbox.transaction(() -> organizations.visible(caller, orgRef)
                .flatMap(org -> documents.find(org.id, name, true).flatMap(current -> {
                    Versions.checkWrite(ifMatch, ifNoneMatch, current == null ? null : current.version, name);
                    return versions.next().flatMap(version -> {
                        GlobalXml target = current;
                        if (target == null) {
                            target = new GlobalXml();
                            target.key = new GlobalXml.Key(org.id, name);
                        }
                        target.content = content;
                        target.version = version;
                        target.updatedAt = Timestamps.now();
                        return current != null ? Uni.createFrom().item(target) : documents.persist(target);
                    }).call(x -> outbox.append(EventType.GLOBAL_XML_CHANGED, name, org, x.version,
                            new GlobalXmlState(name))).map(GlobalXmlInfo::of);
                })));
    }

    public Uni<Void> delete(Caller caller, String orgRef, String name, String ifMatch) {
        return outbox.transaction(() -> organizations.visible(caller, orgRef)
                .flatMap(org -> documents.find(org.id, name, true).flatMap(current -> {
                    if (current == null) {
                        throw notFound(name);
                    }
                    Versions.check(ifMatch, current.version);
                    return documents.delete(current)
                            .flatMap(v -> outbox.appendDeletion(EventType.GLOBAL_XML_DELETED, name, org));
                })))
                .replaceWithVoid();
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
