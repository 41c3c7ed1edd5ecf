/**
 * The JSON API's plumbing under {@code /api}: the JAX-RS application, authentication (the console's signed-in
 * session, or HTTP Basic checked by the same Jakarta Security identity store), role checks, and RFC 9457
 * problem details for every error. The resources themselves live in their components' {@code boundary}
 * packages.
 */
package dev.postmaster.api;
