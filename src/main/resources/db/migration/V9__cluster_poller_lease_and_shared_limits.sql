-- V9: what the nodes of a cluster share (issue 11).
--
-- poller_lease: one row per thing that exactly one node may do at a time; today only 'inbound', polling the
-- incoming account. The holder renews it with a conditional UPDATE; another node takes it only when it ran out.
-- fencing goes up each time it changes hands, and every transaction that stores polled mail confirms it.
--
-- rate_window: a rate limit that holds across nodes ('error-mail': at most one mail of SEVERE log records a
-- minute, the count of those left out told in the next). Read and written under a row lock.

CREATE TABLE poller_lease (
    name VARCHAR(50) NOT NULL,
    holder VARCHAR(100),
    incarnation VARCHAR(40),
    fencing BIGINT NOT NULL,
    acquired_at TIMESTAMP,
    renewed_at TIMESTAMP,
    expires_at TIMESTAMP,
    confirmed_at TIMESTAMP,
    PRIMARY KEY (name)
);
INSERT INTO poller_lease (name, fencing) VALUES ('inbound', 0);

CREATE TABLE rate_window (
    name VARCHAR(50) NOT NULL,
    last_pass_at TIMESTAMP NOT NULL,
    suppressed INTEGER NOT NULL,
    PRIMARY KEY (name)
);
INSERT INTO rate_window (name, last_pass_at, suppressed) VALUES ('error-mail', TIMESTAMP '1970-01-01 00:00:00', 0);
