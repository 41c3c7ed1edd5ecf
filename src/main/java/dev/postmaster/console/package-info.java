/**
 * The web console's backing beans, in packages that mirror the page paths ({@code admin/email.xhtml} is backed
 * by {@code console.admin.EmailBacking}). Backing beans hold page state and translate between the page and the
 * components' boundaries (and nothing else: {@code ArchitectureTest}); the rules themselves live in the
 * components, the words of the pages here.
 */
package dev.postmaster.console;
