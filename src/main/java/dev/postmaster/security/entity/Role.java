package dev.postmaster.security.entity;

import java.util.Set;

/**
 * What a user may do. An administrator is also a user, so the groups it grants include {@code user}: every
 * page needs {@code user}, the admin pages need {@code admin}. A metrics account is for a monitoring system such
 * as Prometheus: its one group, {@code metrics}, lets it read {@code /metrics} and nothing else (no page, no API
 * resource). An administrator may read the metrics too.
 */
public enum Role {
    ADMIN("admin", "user", "metrics"),
    USER("user"),
    METRICS("metrics");

    public static final String ADMIN_GROUP = "admin";
    public static final String USER_GROUP = "user";
    public static final String METRICS_GROUP = "metrics";

    private final Set<String> groups;

    Role(String... groups) {
        this.groups = Set.of(groups);
    }

    public Set<String> groups() {
        return groups;
    }
}
