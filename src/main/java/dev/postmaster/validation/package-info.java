/**
 * The input rules the entities share, written once as Bean Validation constraints: a host name, a mail address,
 * an http(s) URL, a single line of text. Entities carry them; the boundaries check them (the settings service
 * validates a whole draft, {@code Contacts} and {@code UserAccounts} check addresses with the same rule), so an
 * address accepted in one place is accepted everywhere, in the console and the API alike.
 */
package dev.postmaster.validation;
