package io.voipconfig.portal.service;

import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.event.EventType;
import io.voipconfig.portal.model.Organization;
import io.voipconfig.portal.model.RotationDraft;
import io.voipconfig.portal.model.Timestamps;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.AggregateVersions;
import io.voipconfig.portal.repository.CredentialsProgressRepository;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.security.Passwords;

/** An organization's credential rotations and how far the last one has spread through its devices. */
@ApplicationScoped
public class CredentialRotationService {

    /** 24 characters of {@link Passwords}' alphabet: about 140 bits. */
    static final int GENERATED_PASSWORD_LENGTH = 24;

    private final OrganizationService organizations;
    private final ProvisioningCredentials credentials;
    private final CredentialsProgressRepository progress;
    private final AggregateVersions versions;
    private final DraftValidator drafts;
    private final Outbox outbox;

    public CredentialRotationService(OrganizationService organizations, ProvisioningCredentials credentials,
            CredentialsProgressRepository progress, AggregateVersions versions, DraftValidator drafts,
            Outbox outbox) {
        this.organizations = organizations;
        this.credentials = credentials;
        this.progress = progress;
        this.versions = versions;
        this.drafts = drafts;
        this.outbox = outbox;
    }

    /** A rotation's outcome: the organization, and the password when the platform generated it (answered once). */
    public record Rotation(Organization organization, Optional<String> generatedPassword) {
    }

    /**
     * Replaces the provisioning credentials (docs/portal-api.md, "Credential rotation"): phones get the new set in
     * their next files and RPS at once; the previous set stays valid per device until that device has used the new
     * one, or until the grace period ends.
     */
    public Uni<Rotation> rotate(Caller caller, String idOrSlug, String ifMatch, RotationDraft draft) {
        RotationDraft wanted = draft == null ? new RotationDraft(null, null, null) : draft;
        drafts.check(wanted).throwIfAny();
        Optional<String> generated = wanted.password() == null
                ? Optional.of(Passwords.generate(GENERATED_PASSWORD_LENGTH))
                : Optional.empty();
        String password = generated.orElse(wanted.password());
        return outbox.transaction(() -> organizations.visible(caller, idOrSlug, true).flatMap(current -> {
            Versions.check(ifMatch, current.version);
            String username = wanted.username() != null ? wanted.username() : current.username;
            int generation = current.credentialsGeneration;
            OffsetDateTime now = Timestamps.now();
            credentials.set(current, username, password,
                    wanted.graceDays() != null ? wanted.graceDays() : current.graceDays, now);
            if (current.credentialsGeneration == generation) {
                throw ApiException.invalid("password", "is the current password: a rotation needs a new one");
            }
            return versions.next().flatMap(version -> {
                current.version = version;
                current.filesVersion = version; // the files carry the new credentials
                current.updatedAt = now;
                return outbox.append(EventType.ORGANIZATION_UPDATED, current.id.toString(), current, version,
                        current.state());
            }).replaceWith(new Rotation(current, generated));
        }));
    }

    /** The organization's credentials and how far their last change has spread through its devices. */
    public Uni<CredentialsStatus> credentials(Caller caller, String idOrSlug) {
        return organizations.visible(caller, idOrSlug).flatMap(o -> progress.progress(o.id, o.credentialsGeneration)
                .map(p -> new CredentialsStatus(o, p)));
    }

    /** An organization's credentials now, and which of its devices used them. */
    public record CredentialsStatus(Organization organization, CredentialsProgressRepository.Progress progress) {
    }
}
