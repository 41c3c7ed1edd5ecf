package dev.postmaster.security.boundary;

/** A user's password was changed (by themselves or an administrator); fired inside the changing transaction. */
public record PasswordChanged(String username) {
}
