-- V7: holding the outbox (Postfix's postsuper -h for the whole queue). One row: whether sending is held, who
-- held or released it last, and when. A missing row means "not held", so the row is made on first use.

CREATE TABLE outbox_hold (
    id BIGINT NOT NULL,
    held BOOLEAN NOT NULL,
    changed_by VARCHAR(100),
    changed_at TIMESTAMP,
    version BIGINT,
    PRIMARY KEY (id)
);
