/**
 * Sign-in with Jakarta Security: a custom form mechanism (the console's login page), an identity store over the
 * {@code user_account} table with PBKDF2 password hashes, the roles {@code admin} and {@code user}, and a
 * throttle that slows down repeated failures. The first {@code admin} account is created at boot.
 */
package dev.postmaster.security;
