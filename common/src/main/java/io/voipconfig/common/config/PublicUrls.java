package io.voipconfig.common.config;

import io.smallrye.config.WithDefault;

/**
 * The public base URLs of the phone-facing services as phones reach them ({@code voipconfig.urls.*}): config-service
 * renders them into files, portal-api into previews and the provisioning URL it shows, rps-sync-service into the RPS
 * server's URL. One definition, so that the three read the same settings with the same defaults.
 */
public interface PublicUrls {

    /** config-service; an organization's provisioning URL is this plus {@code /o/<slug>/}. */
    @WithDefault("http://localhost:8081")
    String provisioning();

    /** phonebook-service. */
    @WithDefault("http://localhost:8082")
    String phonebook();

    /** media-service. */
    @WithDefault("http://localhost:8083")
    String media();
}
