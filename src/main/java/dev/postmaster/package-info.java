/**
 * Postmaster: the mail subsystem of an enterprise application.
 *
 * <p>Packages are cut by business component: {@code settings} (the Email settings), {@code mailruntime} (the
 * sessions built from them, and their tests), {@code contacts}, {@code security}, {@code work} (what triggers
 * notifications), {@code notification} (who gets which mail), {@code outbox} (durable sending), plus the JAX-RS
 * plumbing {@code api}, the shared constraints of {@code validation} and the cross-cutting
 * {@code infrastructure}. Inside a component, {@code boundary} is what other components and the console call,
 * {@code control} is the machinery behind it, {@code entity} is what JPA stores. The {@code console} package
 * holds the Faces backing beans, in packages that mirror the page paths. {@code ArchitectureTest} keeps the
 * dependencies pointing one way (see {@code docs/design.md}).
 */
package dev.postmaster;
