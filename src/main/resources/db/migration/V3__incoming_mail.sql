-- V3: incoming mail. The settings of the IMAP poller and of where replies go; what the poller read (one row per
-- message, unique per mailbox and UID and per Message-ID, so nothing is taken in twice); the state of each
-- mailbox it reads; comments on work records (replies threaded); bounce marks on outgoing mail and addresses.

ALTER TABLE mail_settings ADD COLUMN imap_address VARCHAR(254);
ALTER TABLE mail_settings ADD COLUMN replies_to_incoming BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE mail_settings ALTER COLUMN replies_to_incoming DROP DEFAULT;
ALTER TABLE mail_settings ADD COLUMN poll_interval_seconds INTEGER;
ALTER TABLE mail_settings ADD COLUMN max_message_megabytes INTEGER;
ALTER TABLE mail_settings ADD COLUMN backlog_days INTEGER;

CREATE TABLE inbound_mailbox (
    mailbox VARCHAR(300) NOT NULL,
    uid_validity BIGINT,
    first_connected_at TIMESTAMP NOT NULL,
    backlog_before TIMESTAMP NOT NULL,
    backlog VARCHAR(16) NOT NULL,
    version BIGINT,
    PRIMARY KEY (mailbox)
);

CREATE TABLE inbound_message (
    id BIGINT NOT NULL,
    mailbox VARCHAR(300) NOT NULL,
    uid_validity BIGINT NOT NULL,
    uid BIGINT NOT NULL,
    message_key VARCHAR(500) NOT NULL,
    received_at TIMESTAMP,
    read_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    from_address VARCHAR(1000),
    to_addresses VARCHAR(2000),
    subject VARCHAR(1000),
    size_bytes BIGINT NOT NULL,
    headers TEXT NOT NULL,
    mime BYTEA,
    text_body TEXT,
    outcome VARCHAR(24) NOT NULL,
    reason VARCHAR(1000),
    record_kind VARCHAR(20),
    record_id BIGINT,
    author VARCHAR(100),
    outbox_id BIGINT,
    PRIMARY KEY (id),
    CONSTRAINT inbound_message_uid UNIQUE (mailbox, uid_validity, uid),
    CONSTRAINT inbound_message_key UNIQUE (message_key)
);
CREATE INDEX inbound_message_read_at ON inbound_message (read_at);
CREATE INDEX inbound_message_outcome ON inbound_message (outcome);

CREATE TABLE record_comment (
    id BIGINT NOT NULL,
    record_kind VARCHAR(20) NOT NULL,
    record_id BIGINT NOT NULL,
    author VARCHAR(100) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    body TEXT NOT NULL,
    origin VARCHAR(20) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX record_comment_record ON record_comment (record_kind, record_id);

CREATE TABLE address_bounce (
    address VARCHAR(254) NOT NULL,
    hard_bounces INTEGER NOT NULL,
    soft_bounces INTEGER NOT NULL,
    last_bounce_at TIMESTAMP NOT NULL,
    last_detail VARCHAR(1000),
    bouncing BOOLEAN NOT NULL,
    version BIGINT,
    PRIMARY KEY (address)
);

ALTER TABLE outbox_message ADD COLUMN bounced_at TIMESTAMP;
ALTER TABLE outbox_message ADD COLUMN bounce_detail VARCHAR(1000);
ALTER TABLE notification_decision ADD COLUMN bounce VARCHAR(1000);

INSERT INTO id_generator (seq_name, seq_count) VALUES ('inbound_message', 0);
INSERT INTO id_generator (seq_name, seq_count) VALUES ('record_comment', 0);
