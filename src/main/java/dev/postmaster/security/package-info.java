/**
 * Who may do what. Sign-in with Jakarta Security: a custom form mechanism (the console's login page), an identity
 * store over the {@code user_account} table with PBKDF2 password hashes, the roles {@code admin}, {@code user} and
 * {@code metrics} (a scraper's), and a throttle that slows down repeated failures; the callers of the API,
 * {@code /health} and {@code /metrics}, by session or HTTP Basic
 * ({@link dev.postmaster.security.boundary.Callers}), go through the same store.
 * {@link dev.postmaster.security.boundary.UserAccounts} holds the rules for user names, passwords and a user's
 * address, for the Users page and {@code /api/users} alike, and {@link dev.postmaster.security.boundary.ActiveUser}
 * says who makes the current request. The first {@code admin} account is created at boot.
 */
package dev.postmaster.security;
