package io.voipconfig.common.event;

/** State carried by device events: what RPS and the caches need, no SIP secrets. */
public record DeviceState(String mac, String organizationId, String model, String label) {
}
