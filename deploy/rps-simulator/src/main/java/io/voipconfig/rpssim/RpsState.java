package io.voipconfig.rpssim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The simulated enterprise's RPS account: servers and devices, in memory. One lock for everything: the simulator
 * favours being obviously right over being fast.
 */
@ApplicationScoped
public class RpsState {

    /** An RPS server (one per organization on our side). */
    public record Server(
            String id,
            String serverName,
            String url,
            String authName,
            String password,
            String certificateUrl) {
    }

    /** An RPS device: a MAC bound to a server. */
    public record Device(String id, String mac, String serverId, String remark) {
    }

    /** A business-rule refusal, answered in RPS's error envelope. */
    public static final class RpsError extends RuntimeException {

        final String key;
        final int code;
        final Object data;

        RpsError(String key, int code, Object data) {
            super(key);
            this.key = key;
            this.code = code;
            this.data = data;
        }
    }

    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, String> idByMac = new HashMap<>(); // a phone's "where" is one lookup

    public synchronized Server addServer(String name, String url, String authName, String password,
            String certificateUrl) {
        requireName(name);
        if (url == null || url.isBlank()) {
            throw new RpsError("server.url.empty", 400, null);
        }
        if (servers.values().stream().anyMatch(s -> s.serverName().equals(name))) {
            throw new RpsError("server.name.existed", 409, name);
        }
        Server s = new Server(newId(), name, url, authName, password, certificateUrl);
        servers.put(s.id(), s);
        return s;
    }

    public synchronized Server editServer(String id, String name, String url, String authName, String password,
            String certificateUrl) {
        Server current = server(id);
        requireName(name);
        if (servers.values().stream().anyMatch(s -> s.serverName().equals(name) && !s.id().equals(id))) {
            throw new RpsError("server.name.existed", 409, name);
        }
        Server s = new Server(id, name, url == null ? current.url() : url,
                authName == null ? current.authName() : authName, password == null ? current.password() : password,
                certificateUrl == null ? current.certificateUrl() : certificateUrl);
        servers.put(id, s);
        return s;
    }

    /** Deleting a server that still has devices is refused, as RPS does. */
    public synchronized void deleteServers(List<String> ids) {
        for (String id : ids) {
            server(id);
            if (devices.values().stream().anyMatch(d -> d.serverId().equals(id))) {
                throw new RpsError("server.has.devices", 400, id);
            }
        }
        ids.forEach(servers::remove);
    }

    public synchronized Server server(String id) {
        Server s = id == null ? null : servers.get(id);
        if (s == null) {
            throw new RpsError("server.not.found", 404, id);
        }
        return s;
    }

    public synchronized boolean serverNameExists(String name) {
        return servers.values().stream().anyMatch(s -> s.serverName().equals(name));
    }

    public synchronized List<Server> servers(String key) {
        return servers.values().stream().filter(s -> key == null || key.isBlank() || s.serverName().contains(key))
                .sorted(Comparator.comparing(Server::serverName)).toList();
    }

    /**
     * Adds MACs to a server, all or nothing: a MAC of another enterprise is refused first, then one already in this
     * account.
     */
    public synchronized List<Device> addDevices(List<String> macs, String serverId, String remark,
            List<String> foreign, int maxBatch) {
        if (macs == null || macs.isEmpty()) {
            throw new RpsError("device.macs.empty", 400, null);
        }
        if (macs.size() > maxBatch) {
            throw new RpsError("device.batch.too.large", 400, maxBatch);
        }
        server(serverId);
        List<String> normalized = macs.stream().map(RpsState::mac).toList();
        for (String mac : normalized) {
            if (foreign.contains(mac)) {
                throw new RpsError("device.mac.added.by.other", 409, mac);
            }
        }
        for (String mac : normalized) {
            if (deviceByMac(mac).isPresent()) {
                throw new RpsError("device.mac.existed", 409, mac);
            }
        }
        List<Device> added = new ArrayList<>();
        for (String mac : normalized) {
            Device d = new Device(newId(), mac, serverId, remark);
            putDevice(d);
            added.add(d);
        }
        return added;
    }

    public synchronized Device editDevice(String id, String serverId, String remark) {
        Device current = device(id);
        if (serverId != null) {
            server(serverId);
        }
        Device d = new Device(id, current.mac(), serverId == null ? current.serverId() : serverId,
                remark == null ? current.remark() : remark);
        putDevice(d);
        return d;
    }

    public synchronized void deleteDevices(List<String> ids, List<String> macs) {
        List<String> targets = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            targets.add(device(id).id());
        }
        for (String mac : macs == null ? List.<String>of() : macs) {
            targets.add(deviceByMac(mac(mac)).orElseThrow(() -> new RpsError("device.not.found", 404, mac)).id());
        }
        targets.forEach(this::removeDevice);
    }

    public synchronized Device device(String id) {
        Device d = id == null ? null : devices.get(id);
        if (d == null) {
            throw new RpsError("device.not.found", 404, id);
        }
        return d;
    }

    public synchronized Optional<Device> deviceByMac(String mac) {
        String id = idByMac.get(mac);
        return id == null ? Optional.empty() : Optional.of(devices.get(id));
    }

    private void putDevice(Device d) {
        devices.put(d.id(), d);
        idByMac.put(d.mac(), d.id());
    }

    private boolean removeDevice(String id) {
        Device d = devices.remove(id);
        if (d != null) {
            idByMac.remove(d.mac());
        }
        return d != null;
    }

    public synchronized List<Device> devices(String key) {
        String k = key == null ? null : key.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f]", "");
        return devices.values().stream().filter(d -> k == null || k.isEmpty() || d.mac().contains(k))
                .sorted(Comparator.comparing(Device::mac)).toList();
    }

    public synchronized void reset() {
        servers.clear();
        devices.clear();
        idByMac.clear();
    }

    /** For reconciliation tests: change the state behind the client's back. */
    public synchronized void forceDevice(String mac, String serverId) {
        server(serverId);
        String m = mac(mac);
        Optional<Device> existing = deviceByMac(m);
        Device d = new Device(existing.map(Device::id).orElseGet(RpsState::newId), m, serverId, null);
        putDevice(d);
    }

    public synchronized boolean forceRemove(String mac) {
        return deviceByMac(mac(mac)).map(d -> removeDevice(d.id())).orElse(false);
    }

    static String mac(String mac) {
        String m = mac == null ? "" : mac.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f]", "");
        if (m.length() != 12) {
            throw new RpsError("device.mac.invalid", 400, mac);
        }
        return m;
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 64) {
            throw new RpsError("server.name.invalid", 400, name);
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
