package dev.postmaster.settings.entity;

/**
 * How the application signs in to a mail server: not at all (an SMTP relay that trusts the network), with the
 * username and a password, or with OAuth2 (SASL XOAUTH2 with an access token the provider issues for the account
 * an administrator connected). Microsoft 365 has turned passwords off for IMAP and is retiring them for SMTP, and
 * Google Workspace wants OAuth, so OAuth2 is a first-class choice and not a variant of the password.
 */
public enum AuthMethod {
    NONE("None"),
    PASSWORD("Password"),
    OAUTH2("OAuth2");

    private final String label;

    AuthMethod(String label) {
        this.label = label;
    }

    /** How the Email page names the choice. */
    public String label() {
        return label;
    }
}
