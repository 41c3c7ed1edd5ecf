/**
 * Who gets which notification, and why: the {@link dev.postmaster.notification.boundary.Notifier} observes the
 * work component's events after they commit, decides for each person concerned (their preferences, their
 * address, whether they acted themselves), records every decision and queues the mail in the outbox; the
 * {@link dev.postmaster.notification.boundary.DecisionLog} reads the decisions back. Senders come from the
 * settings' {@code SenderPolicy}, like every mail the application sends.
 * {@link dev.postmaster.notification.boundary.AddressConfirmations} mails the signed link that confirms an address
 * people added to their own contact: until it is opened, the address gets no notifications and is never a sender.
 */
package dev.postmaster.notification;
