-- V10: OAuth2 sign-in for each mail server. "Requires authentication" (a switch) becomes the way a server is
-- signed in to: NONE, PASSWORD or OAUTH2. Servers that signed in keep doing so with their password; the incoming
-- account always signed in. Each server gets its OAuth2 client (provider, endpoints, scopes, client id, the client
-- secret sealed like a password) and its grant (the refresh token, sealed, with the account and when it was
-- granted). Statements that read the same on H2 and PostgreSQL.

ALTER TABLE mail_settings ADD COLUMN smtp_auth_method VARCHAR(16);
ALTER TABLE mail_settings ADD COLUMN imap_auth_method VARCHAR(16);
UPDATE mail_settings SET smtp_auth_method = CASE WHEN smtp_auth THEN 'PASSWORD' ELSE 'NONE' END,
    imap_auth_method = 'PASSWORD';
ALTER TABLE mail_settings ALTER COLUMN smtp_auth_method SET NOT NULL;
ALTER TABLE mail_settings ALTER COLUMN imap_auth_method SET NOT NULL;
ALTER TABLE mail_settings DROP COLUMN smtp_auth;
ALTER TABLE mail_settings DROP COLUMN imap_auth;

ALTER TABLE mail_settings ADD COLUMN smtp_oauth_provider VARCHAR(16);
ALTER TABLE mail_settings ADD COLUMN smtp_oauth_tenant VARCHAR(100);
ALTER TABLE mail_settings ADD COLUMN smtp_oauth_authorization_url VARCHAR(2000);
ALTER TABLE mail_settings ADD COLUMN smtp_oauth_token_url VARCHAR(2000);
ALTER TABLE mail_settings ADD COLUMN smtp_oauth_scopes VARCHAR(1000);
ALTER TABLE mail_settings ADD COLUMN smtp_oauth_client_id VARCHAR(254);
ALTER TABLE mail_settings ADD COLUMN smtp_oauth_secret_sealed VARCHAR(2048);
ALTER TABLE mail_settings ADD COLUMN smtp_oauth_secret_expires DATE;
ALTER TABLE mail_settings ADD COLUMN smtp_oauth_refresh_sealed VARCHAR(8192);
ALTER TABLE mail_settings ADD COLUMN smtp_oauth_account VARCHAR(254);
ALTER TABLE mail_settings ADD COLUMN smtp_oauth_granted_at TIMESTAMP;

ALTER TABLE mail_settings ADD COLUMN imap_oauth_provider VARCHAR(16);
ALTER TABLE mail_settings ADD COLUMN imap_oauth_tenant VARCHAR(100);
ALTER TABLE mail_settings ADD COLUMN imap_oauth_authorization_url VARCHAR(2000);
ALTER TABLE mail_settings ADD COLUMN imap_oauth_token_url VARCHAR(2000);
ALTER TABLE mail_settings ADD COLUMN imap_oauth_scopes VARCHAR(1000);
ALTER TABLE mail_settings ADD COLUMN imap_oauth_client_id VARCHAR(254);
ALTER TABLE mail_settings ADD COLUMN imap_oauth_secret_sealed VARCHAR(2048);
ALTER TABLE mail_settings ADD COLUMN imap_oauth_secret_expires DATE;
ALTER TABLE mail_settings ADD COLUMN imap_oauth_refresh_sealed VARCHAR(8192);
ALTER TABLE mail_settings ADD COLUMN imap_oauth_account VARCHAR(254);
ALTER TABLE mail_settings ADD COLUMN imap_oauth_granted_at TIMESTAMP;
