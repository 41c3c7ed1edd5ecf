-- V2: one shape for both mail servers (dev.postmaster.settings.entity.MailServer), and the History's changes as
-- rows instead of finished text.
--
-- mail_settings
--   * The encryption is stored once per server. "Use SSL" (smtp_ssl, imap_ssl) was kept beside smtp_security and
--     imap_security for rows saved before those existed; such rows (security NULL) meant SSL/TLS when the box was
--     ticked and no encryption otherwise, exactly as the code read them. The boxes go.
--   * The incoming account gets the authentication switch every server has (imap_auth); IMAP always signs in.
--   * Switches that EclipseLink made nullable are false where they were never set, and are NOT NULL from now on.
-- settings_audit_change
--   * One row per changed field of a History entry, without wording. Entries written before keep their text in
--     settings_audit.changes and are shown as they were.

UPDATE mail_settings SET smtp_security = CASE WHEN smtp_ssl THEN 'SSL_TLS' ELSE 'NONE' END
    WHERE smtp_security IS NULL;
UPDATE mail_settings SET imap_security = CASE WHEN imap_ssl THEN 'SSL_TLS' ELSE 'NONE' END
    WHERE imap_security IS NULL;
ALTER TABLE mail_settings DROP COLUMN smtp_ssl;
ALTER TABLE mail_settings DROP COLUMN imap_ssl;
ALTER TABLE mail_settings ALTER COLUMN smtp_security SET NOT NULL;
ALTER TABLE mail_settings ALTER COLUMN imap_security SET NOT NULL;

UPDATE mail_settings SET smtp_auth = FALSE WHERE smtp_auth IS NULL;
UPDATE mail_settings SET smtp_trust_certificate = FALSE WHERE smtp_trust_certificate IS NULL;
UPDATE mail_settings SET imap_trust_certificate = FALSE WHERE imap_trust_certificate IS NULL;
UPDATE mail_settings SET use_system_reply = TRUE WHERE use_system_reply IS NULL;
UPDATE mail_settings SET use_display_name = TRUE WHERE use_display_name IS NULL;
ALTER TABLE mail_settings ALTER COLUMN smtp_auth SET NOT NULL;
ALTER TABLE mail_settings ALTER COLUMN smtp_trust_certificate SET NOT NULL;
ALTER TABLE mail_settings ALTER COLUMN imap_trust_certificate SET NOT NULL;
ALTER TABLE mail_settings ALTER COLUMN use_system_reply SET NOT NULL;
ALTER TABLE mail_settings ALTER COLUMN use_display_name SET NOT NULL;

ALTER TABLE mail_settings ADD COLUMN imap_auth BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE mail_settings ALTER COLUMN imap_auth DROP DEFAULT;

CREATE TABLE settings_audit_change (
    audit_id BIGINT NOT NULL,
    line_no INTEGER NOT NULL,
    field_name VARCHAR(40) NOT NULL,
    before_value VARCHAR(2000),
    after_value VARCHAR(2000),
    PRIMARY KEY (audit_id, line_no),
    CONSTRAINT fk_settings_audit_change_audit_id FOREIGN KEY (audit_id) REFERENCES settings_audit (id)
);
