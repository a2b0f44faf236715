package io.voipconfig.portal.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.voipconfig.portal.model.PartnerLogo;

@ApplicationScoped
public class PartnerLogoRepository implements PanacheRepositoryBase<PartnerLogo, UUID> {
}
