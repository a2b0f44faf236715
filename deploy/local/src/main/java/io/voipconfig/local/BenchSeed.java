package io.voipconfig.local;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Properties;
import java.util.UUID;

import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.localinfra.DatabaseRoles;

/**
 * Seeds the benchmark organization {@code bench} (phones accept Digest and Basic, user {@code bench}, password
 * {@code bench-pw}) with N T46U phones {@code 0015ba000001}…, into a running local suite. Idempotent.
 *
 * <p>usage: {@code BenchSeed <count> [jdbcUrl]}; prints the MACs, one per line.
 */
public final class BenchSeed {

    private static final int BATCH = 5_000;

    static final UUID BENCH_ID = UUID.fromString("b0000000-0000-4000-8000-0000000000be");

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        String jdbc = args.length > 1 ? args[1] : "jdbc:postgresql://localhost:55432/" + DatabaseRoles.DATABASE;
        Path dataDir = Path.of(System.getenv().getOrDefault("VOIPCONFIG_DATA_DIR", "deploy/local/.data"));
        Properties keys = new Properties();
        try (InputStream in = Files.newInputStream(dataDir.resolve("secret-keys.properties"))) {
            keys.load(in);
        }
        SecretCipher cipher = SecretCipher.fromSpec(keys.getProperty("active"), keys.getProperty("keys"));
        PrintWriter out = new PrintWriter(
                new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII)));
        // The driver rewrites the batches into multi-row INSERTs: one round trip per 5,000 devices, not per device.
        try (Connection c = DriverManager.getConnection(jdbc + (jdbc.contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true", DatabaseRoles.OWNER,
                DatabaseRoles.devPassword(DatabaseRoles.OWNER))) {
            c.setAutoCommit(false);
            try (PreparedStatement org = c.prepareStatement("INSERT INTO organization (id, slug, name,"
                    + " provisioning_username, provisioning_password_enc, auth_mode) VALUES (?, 'bench', 'Benchmark',"
                    + " 'bench', ?, 'BOTH') ON CONFLICT (id) DO NOTHING")) {
                org.setObject(1, BENCH_ID);
                org.setString(2, cipher.encrypt("bench-pw", SecretContexts.provisioningPassword(BENCH_ID)));
                org.executeUpdate();
            }
            try (PreparedStatement dev = c.prepareStatement("INSERT INTO device (mac, organization_id, model, label)"
                    + " VALUES (?, ?, 'T46U', ?) ON CONFLICT (mac) DO NOTHING");
                    PreparedStatement acc = c.prepareStatement("INSERT INTO sip_account (device_mac, account_index,"
                            + " display_name, user_name, password_enc, server) VALUES (?, 1, ?, ?, ?, 'sip.bench.example')"
                            + " ON CONFLICT DO NOTHING")) {
                for (int i = 1; i <= count; i++) {
                    String mac = String.format("0015ba%06x", i);
                    dev.setString(1, mac);
                    dev.setObject(2, BENCH_ID);
                    dev.setString(3, "Bench " + i);
                    dev.addBatch();
                    acc.setString(1, mac);
                    acc.setString(2, "Bench " + i);
                    acc.setString(3, Integer.toString(100000 + i));
                    acc.setString(4, cipher.encrypt("pw-" + i, SecretContexts.sipPassword(MacAddress.parse(mac), 1)));
                    acc.addBatch();
                    out.println(mac);
                    if (i % BATCH == 0 || i == count) { // a million rows in one batch would hold them all in memory
                        dev.executeBatch();
                        acc.executeBatch();
                        c.commit();
                    }
                }
            }
            out.flush();
        }
    }
}
