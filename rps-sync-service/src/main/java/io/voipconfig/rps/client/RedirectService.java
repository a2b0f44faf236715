package io.voipconfig.rps.client;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.mac.MacAddress;

/**
 * The ten operations of docs/rps-sync.md ("The client") against a phone redirect service. The Yealink RPS JSON open
 * API is the first implementation ({@link RpsJsonClient}); Yealink's XML-RPC API, YMCS v2 or other vendors' services
 * can implement the same interface later.
 */
public interface RedirectService {

    /** A server: where phones of one organization are sent, with the credentials they get. */
    record Server(String id, String name, String url, String authName, String certificateUrl) {
    }

    /** What we ask a server to be. The password is sent, never read back. */
    record ServerSpec(String name, String url, String authName, String password, String certificateUrl) {

        @Override
        public String toString() {
            return "ServerSpec[" + name + " " + url + "]";
        }
    }

    /** A device: a MAC bound to a server. */
    record Device(String id, MacAddress mac, String serverId) {
    }

    /** One page of a list and the total. */
    record Page<T>(List<T> items, long total) {
    }

    Uni<RpsResult<Server>> addServer(ServerSpec spec);

    Uni<RpsResult<Server>> editServer(String id, ServerSpec spec);

    Uni<RpsResult<Void>> deleteServer(String id);

    Uni<RpsResult<Page<Server>>> listServers(String key, int skip, int limit);

    Uni<RpsResult<Server>> serverDetail(String id);

    /** At most 100 MACs per call. */
    Uni<RpsResult<List<Device>>> addDevices(List<MacAddress> macs, String serverId);

    Uni<RpsResult<Device>> editDevice(String id, String serverId);

    Uni<RpsResult<Void>> deleteDevices(List<String> ids);

    Uni<RpsResult<Page<Device>>> listDevices(String key, int skip, int limit);

    Uni<RpsResult<Device>> deviceDetail(String id);
}
