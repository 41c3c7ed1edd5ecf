package dev.postmaster.infrastructure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.UUID;

/**
 * Which node of a cluster this process is. Several Payara Micro nodes share one database; what must happen once
 * (polling the incoming account) is held by a node's name in a lease row, what each node does (its sends, its
 * minute of outbox activity) is counted under its name, and {@code /health/ready} and {@code /metrics} say which
 * node answered.
 *
 * <p>The name is {@code POSTMASTER_NODE_NAME} (scripts/cluster.sh sets it beside Payara Micro's {@code --name}), else
 * the host name: one node per host needs no setting, and a node that restarts keeps its name, so it takes its own
 * lease back at once instead of waiting for it to run out. Two live processes must never share a name. The
 * {@linkplain #INCARNATION incarnation} tells this process from an earlier one of the same name.
 */
public final class ClusterNode {

    /** This node's name. */
    public static final String NAME = nameFrom(System.getenv("POSTMASTER_NODE_NAME"));

    /** This process, as opposed to an earlier process of the same node. */
    public static final String INCARNATION = UUID.randomUUID().toString();

    private ClusterNode() {
    }

    static String nameFrom(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
