package io.voipconfig.portal.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The platform-wide {@code aggregate_version_seq}: every change of any aggregate takes the next value as its version,
 * so versions only grow, across deletion and re-creation and across organizations (consumers order by it).
 */
@ApplicationScoped
public class AggregateVersions {

    public Uni<Long> next() {
        return Panache.getSession().flatMap(s -> s
                .createNativeQuery("SELECT nextval('aggregate_version_seq')", Long.class).getSingleResult());
    }
}
