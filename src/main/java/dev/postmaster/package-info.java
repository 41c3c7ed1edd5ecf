/**
 * Postmaster: the mail subsystem of an enterprise application.
 *
 * <p>Packages are cut by business component ({@code settings}, {@code mailruntime}, {@code notification},
 * {@code security}) and, inside a component, by role: {@code boundary} is what other components and the console
 * call, {@code control} is the machinery behind it, {@code entity} is what JPA stores. The {@code console}
 * package holds the Faces backing beans, in packages that mirror the page paths.
 */
package dev.postmaster;
