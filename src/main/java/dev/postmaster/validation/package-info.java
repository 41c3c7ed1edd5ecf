/**
 * The input rules every component shares, written once as Bean Validation constraints: a host name, a mail
 * address, an http(s) URL. Entities, Faces inputs and (later) the REST API all validate through these, so an
 * address accepted in one place is accepted everywhere.
 */
package dev.postmaster.validation;
