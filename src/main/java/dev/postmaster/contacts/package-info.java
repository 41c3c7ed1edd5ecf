/**
 * People: contacts with their email addresses (exactly one of which is the default), and the link from a login
 * to its contact. The default address is where notifications go and, under some sender settings, what they
 * are sent from, once it is verified: an administrator's addresses are, and an address people add to their own
 * contact is when they open the link mailed to it.
 */
package dev.postmaster.contacts;
