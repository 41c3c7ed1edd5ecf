/**
 * Who gets which notification, and from which sender. For now this holds the sender-address policy that every
 * outgoing mail (system mail and notifications alike) goes through.
 */
package dev.postmaster.notification;
