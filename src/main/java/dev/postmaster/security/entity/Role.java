package dev.postmaster.security.entity;

import java.util.Set;

/**
 * What a user may do. An administrator is also a user, so the groups it grants include {@code user}: every
 * page needs {@code user}, the admin pages need {@code admin}.
 */
public enum Role {
    ADMIN("admin", "user"),
    USER("user");

    public static final String ADMIN_GROUP = "admin";
    public static final String USER_GROUP = "user";

    private final Set<String> groups;

    Role(String... groups) {
        this.groups = Set.of(groups);
    }

    public Set<String> groups() {
        return groups;
    }
}
