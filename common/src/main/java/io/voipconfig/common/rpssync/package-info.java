/**
 * The answers of rps-sync-service's internal API ({@code /internal/v1}), defined once for both sides: rps-sync-service
 * writes them, portal-api reads them with its REST client and hands them on. Field names are the JSON's; readers
 * ignore fields they do not know, so a newer rps-sync-service can add one without breaking an older portal-api.
 */
package io.voipconfig.common.rpssync;
