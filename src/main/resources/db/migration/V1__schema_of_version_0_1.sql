-- V1: the database schema of Postmaster 0.1.
--
-- This is exactly the schema EclipseLink generated for version 0.1 (eclipselink.ddl-generation =
-- create-or-extend-tables), captured from H2 2.2.224 and PostgreSQL 15 and written out by hand.
-- It is written so that it also runs on a database EclipseLink already created (Flyway baseline is
-- not needed): every statement is skipped when its object exists, and running it twice changes nothing.
--
-- One script for both databases, no placeholders:
--   * TEXT is what EclipseLink made of the @Lob String (settings_audit.changes): text on PostgreSQL;
--     H2 2.2 (since 2.1.212) reads TEXT as CHARACTER VARYING, which is what EclipseLink made there.
--   * BYTEA is what EclipseLink made of the @Lob byte[] (outbox_message.mime) on PostgreSQL; H2 reads
--     BYTEA as BINARY VARYING, which is what EclipseLink made there.
--   * Unquoted names: H2 folds them to upper case, PostgreSQL to lower case, as EclipseLink's DDL did.
--
-- Constraints: primary keys and column-level UNIQUE are unnamed, as EclipseLink left them (H2 names them
-- CONSTRAINT_xx, PostgreSQL <table>_pkey / <table>_<column>_key). The named ones (unq_*, fk_*) carry
-- EclipseLink's names. PostgreSQL has no ADD CONSTRAINT IF NOT EXISTS, so every constraint is declared
-- inside its CREATE TABLE and is skipped together with an existing table: this script does not add a
-- constraint to a table that already exists without it.
--
-- Tables are created in dependency order (contact, project, appointment before the tables referring to them).

CREATE TABLE IF NOT EXISTS id_generator (
    seq_name VARCHAR(50) NOT NULL,
    seq_count NUMERIC(38),
    PRIMARY KEY (seq_name)
);

CREATE TABLE IF NOT EXISTS mail_settings (
    id BIGINT NOT NULL,
    activated_at TIMESTAMP,
    saved_at TIMESTAMP NOT NULL,
    saved_by VARCHAR(100),
    slot VARCHAR(16) NOT NULL,
    source VARCHAR(16) NOT NULL,
    version BIGINT,
    application_name VARCHAR(100),
    application_url VARCHAR(2000),
    connect_timeout_seconds INTEGER,
    error_mail_to VARCHAR(254),
    imap_host VARCHAR(253),
    imap_password_sealed VARCHAR(1024),
    imap_port INTEGER,
    imap_security VARCHAR(16),
    imap_ssl BOOLEAN,
    imap_trust_certificate BOOLEAN,
    imap_username VARCHAR(254),
    read_timeout_seconds INTEGER,
    reply_to VARCHAR(254),
    smtp_auth BOOLEAN,
    smtp_host VARCHAR(253),
    smtp_password_sealed VARCHAR(1024),
    smtp_port INTEGER,
    smtp_security VARCHAR(16),
    smtp_ssl BOOLEAN,
    smtp_trust_certificate BOOLEAN,
    smtp_username VARCHAR(254),
    use_display_name BOOLEAN,
    use_system_reply BOOLEAN,
    PRIMARY KEY (id),
    UNIQUE (slot)
);

CREATE TABLE IF NOT EXISTS settings_audit (
    id BIGINT NOT NULL,
    action VARCHAR(32) NOT NULL,
    actor VARCHAR(100) NOT NULL,
    at TIMESTAMP NOT NULL,
    changes TEXT,
    summary VARCHAR(1000),
    PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS contact (
    id BIGINT NOT NULL,
    active BOOLEAN NOT NULL,
    first_name VARCHAR(100),
    last_name VARCHAR(100),
    version BIGINT,
    PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS contact_email (
    address VARCHAR(254) NOT NULL,
    is_default BOOLEAN NOT NULL,
    contact_id BIGINT,
    CONSTRAINT fk_contact_email_contact_id FOREIGN KEY (contact_id) REFERENCES contact (id)
);

CREATE TABLE IF NOT EXISTS user_account (
    id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    enabled BOOLEAN NOT NULL,
    password_hash VARCHAR(512) NOT NULL,
    role VARCHAR(16) NOT NULL,
    username VARCHAR(100) NOT NULL,
    version BIGINT,
    contact_id BIGINT,
    PRIMARY KEY (id),
    UNIQUE (username),
    CONSTRAINT fk_user_account_contact_id FOREIGN KEY (contact_id) REFERENCES contact (id)
);

CREATE TABLE IF NOT EXISTS project (
    id BIGINT NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    name VARCHAR(200) NOT NULL,
    version BIGINT,
    PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS project_member (
    project_id BIGINT,
    username VARCHAR(100),
    CONSTRAINT fk_project_member_project_id FOREIGN KEY (project_id) REFERENCES project (id)
);

CREATE TABLE IF NOT EXISTS task (
    id BIGINT NOT NULL,
    assignee VARCHAR(100),
    created_by VARCHAR(100) NOT NULL,
    due_date DATE,
    status VARCHAR(16) NOT NULL,
    title VARCHAR(300) NOT NULL,
    version BIGINT,
    PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS appointment (
    id BIGINT NOT NULL,
    cancelled BOOLEAN NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    location VARCHAR(300),
    starts_at TIMESTAMP NOT NULL,
    title VARCHAR(300) NOT NULL,
    version BIGINT,
    PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS appointment_attendee (
    appointment_id BIGINT,
    username VARCHAR(100),
    CONSTRAINT fk_appointment_attendee_appointment_id FOREIGN KEY (appointment_id) REFERENCES appointment (id)
);

CREATE TABLE IF NOT EXISTS outbox_message (
    id BIGINT NOT NULL,
    attempts INTEGER NOT NULL,
    claimed_by VARCHAR(100),
    claimed_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    kind VARCHAR(40) NOT NULL,
    last_error VARCHAR(2000),
    last_reply VARCHAR(1000),
    message_id VARCHAR(250) NOT NULL,
    mime BYTEA NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    recipients VARCHAR(1000) NOT NULL,
    sent_at TIMESTAMP,
    status VARCHAR(16) NOT NULL,
    subject VARCHAR(1000),
    version BIGINT,
    PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS notification_preference (
    id BIGINT NOT NULL,
    enabled BOOLEAN NOT NULL,
    type VARCHAR(40) NOT NULL,
    username VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT unq_notification_preference_0 UNIQUE (username, type)
);

CREATE TABLE IF NOT EXISTS notification_decision (
    id BIGINT NOT NULL,
    actor VARCHAR(100) NOT NULL,
    at TIMESTAMP NOT NULL,
    outbox_id BIGINT,
    outcome VARCHAR(16) NOT NULL,
    reason VARCHAR(200),
    recipient VARCHAR(100) NOT NULL,
    recipient_address VARCHAR(254),
    record_id BIGINT NOT NULL,
    record_kind VARCHAR(20) NOT NULL,
    record_title VARCHAR(300),
    type VARCHAR(40) NOT NULL,
    PRIMARY KEY (id)
);

-- Indexes (@Table(indexes = ...)), with EclipseLink's names.
CREATE INDEX IF NOT EXISTS settings_audit_at ON settings_audit (at);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox_message (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS outbox_message_id ON outbox_message (message_id);
CREATE INDEX IF NOT EXISTS decision_recipient ON notification_decision (recipient);
CREATE INDEX IF NOT EXISTS decision_record ON notification_decision (record_kind, record_id);

-- Columns that later versions of the code added to existing tables (EclipseLink's "extend").
-- On a database created by this script or by the current EclipseLink they exist already and are skipped.
-- All are nullable, as EclipseLink made them, except contact.active.
ALTER TABLE mail_settings ADD COLUMN IF NOT EXISTS smtp_security VARCHAR(16);
ALTER TABLE mail_settings ADD COLUMN IF NOT EXISTS smtp_trust_certificate BOOLEAN;
ALTER TABLE mail_settings ADD COLUMN IF NOT EXISTS imap_security VARCHAR(16);
ALTER TABLE mail_settings ADD COLUMN IF NOT EXISTS imap_trust_certificate BOOLEAN;
ALTER TABLE mail_settings ADD COLUMN IF NOT EXISTS connect_timeout_seconds INTEGER;
ALTER TABLE mail_settings ADD COLUMN IF NOT EXISTS read_timeout_seconds INTEGER;
ALTER TABLE mail_settings ADD COLUMN IF NOT EXISTS error_mail_to VARCHAR(254);
-- Only the column: the foreign key fk_user_account_contact_id cannot be added idempotently on both
-- databases (see the header), so a user_account table that predates contact_id gets the column without it.
ALTER TABLE user_account ADD COLUMN IF NOT EXISTS contact_id BIGINT;
-- NOT NULL on a table that may have rows needs a default: existing contacts are active (the entity's
-- default). The default is dropped again so that the column ends up exactly as EclipseLink declares it
-- (NOT NULL, no default); dropping a default that is not there is a no-op on both databases.
ALTER TABLE contact ADD COLUMN IF NOT EXISTS active BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE contact ALTER COLUMN active DROP DEFAULT;

-- One row per @TableGenerator(table = "id_generator", pkColumnValue = ...), with the value EclipseLink
-- inserts when it creates the generator (0, so the first id is 1). Existing rows are left alone.
-- SELECT without FROM is accepted by both H2 2.2 and PostgreSQL.
INSERT INTO id_generator (seq_name, seq_count) SELECT 'appointment', 0
    WHERE NOT EXISTS (SELECT 1 FROM id_generator WHERE seq_name = 'appointment');
INSERT INTO id_generator (seq_name, seq_count) SELECT 'contact', 0
    WHERE NOT EXISTS (SELECT 1 FROM id_generator WHERE seq_name = 'contact');
INSERT INTO id_generator (seq_name, seq_count) SELECT 'mail_settings', 0
    WHERE NOT EXISTS (SELECT 1 FROM id_generator WHERE seq_name = 'mail_settings');
INSERT INTO id_generator (seq_name, seq_count) SELECT 'notification_decision', 0
    WHERE NOT EXISTS (SELECT 1 FROM id_generator WHERE seq_name = 'notification_decision');
INSERT INTO id_generator (seq_name, seq_count) SELECT 'notification_preference', 0
    WHERE NOT EXISTS (SELECT 1 FROM id_generator WHERE seq_name = 'notification_preference');
INSERT INTO id_generator (seq_name, seq_count) SELECT 'outbox_message', 0
    WHERE NOT EXISTS (SELECT 1 FROM id_generator WHERE seq_name = 'outbox_message');
INSERT INTO id_generator (seq_name, seq_count) SELECT 'project', 0
    WHERE NOT EXISTS (SELECT 1 FROM id_generator WHERE seq_name = 'project');
INSERT INTO id_generator (seq_name, seq_count) SELECT 'settings_audit', 0
    WHERE NOT EXISTS (SELECT 1 FROM id_generator WHERE seq_name = 'settings_audit');
INSERT INTO id_generator (seq_name, seq_count) SELECT 'task', 0
    WHERE NOT EXISTS (SELECT 1 FROM id_generator WHERE seq_name = 'task');
INSERT INTO id_generator (seq_name, seq_count) SELECT 'user_account', 0
    WHERE NOT EXISTS (SELECT 1 FROM id_generator WHERE seq_name = 'user_account');
