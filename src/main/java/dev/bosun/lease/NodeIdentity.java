package dev.bosun.lease;

import java.net.InetAddress;
import java.util.UUID;

/**
 * This Bosun process among the nodes sharing a database: host name plus a random suffix, minted
 * once per process. A restarted node gets a new id, so it never renews, finishes or inherits what
 * its previous life took (external-task locks, taken messages, leases).
 */
public record NodeIdentity(String id) {

    public static NodeIdentity mint() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return new NodeIdentity(
                "bosun@" + host + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public String toString() {
        return id;
    }
}
