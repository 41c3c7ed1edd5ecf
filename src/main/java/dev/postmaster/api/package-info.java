/**
 * The JSON API's plumbing under {@code /api}: the JAX-RS application, the {@link dev.postmaster.api.Allowed}
 * roles, and RFC 9457 problem details for every error. It knows no component: the resources live in their
 * components' {@code boundary} packages, and the authentication of callers in {@code security}.
 */
package dev.postmaster.api;
