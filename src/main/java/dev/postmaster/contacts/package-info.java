/**
 * People: contacts with their email addresses (exactly one of which is the default), and the link from a login
 * to its contact. The default address is where notifications go and, under some sender settings, what they
 * are sent from.
 */
package dev.postmaster.contacts;
