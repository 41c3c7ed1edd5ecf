package dev.postmaster.security.boundary;

import java.security.Principal;
import java.util.function.Predicate;

/**
 * Someone {@link Callers} recognised: who they are and which roles they hold, whether the console's session or
 * HTTP Basic told us.
 *
 * @param principal the signed-in user
 * @param roles     whether they hold a role (a group of {@link dev.postmaster.security.entity.Role})
 */
public record Caller(Principal principal, Predicate<String> roles) {

    public String name() {
        return principal.getName();
    }

    public boolean isUserInRole(String role) {
        return roles.test(role);
    }
}
