-- V5: sessions that follow the account, and a sign-in throttle that every node shares.
-- security_stamp changes whenever what a session was granted changes (deactivated, role, password); a session
-- signed in under another stamp ends at its next request. password_change_required is set for the generated
-- first-start admin password. sign_in_failure counts failed sign-ins per user name, per client address and per
-- pair of both, in the database so that the counts hold across nodes and restarts, and memory stays flat.

ALTER TABLE user_account ADD COLUMN security_stamp INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE user_account ALTER COLUMN security_stamp DROP DEFAULT;
ALTER TABLE user_account ADD COLUMN password_change_required BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE user_account ALTER COLUMN password_change_required DROP DEFAULT;

CREATE TABLE sign_in_failure (
    throttle_key VARCHAR(200) NOT NULL,
    failures INTEGER NOT NULL,
    first_failure_at TIMESTAMP NOT NULL,
    last_failure_at TIMESTAMP NOT NULL,
    PRIMARY KEY (throttle_key)
);
CREATE INDEX ix_sign_in_failure_last ON sign_in_failure (last_failure_at);
