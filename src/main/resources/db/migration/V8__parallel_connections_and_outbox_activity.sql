-- V8: the outbox's "Parallel connections" setting, and its activity per minute for the Outbox page's chart.
--
-- mail_settings.smtp_connections: how many SMTP connections the outbox sends over at once (1-8). NULL, as in
-- every row saved before V8, means the default (2).
--
-- outbox_minute: what each node's drainer did in one minute (sent, deferred, failed) and the cluster-wide queue
-- depth it saw at the end of that minute. One row per (minute_start, node), so nodes never write the same row; the
-- chart adds the nodes' counts up and takes the largest depth. Rows older than a day are deleted.
--
-- decision_actor_at: the per-user notification limit counts one actor's decisions of the last minute on every
-- change that notifies anyone; without this index that count read the whole table (a profile of POST /api/tasks
-- found it growing with every notification ever decided).

ALTER TABLE mail_settings ADD COLUMN smtp_connections INTEGER;

CREATE TABLE outbox_minute (
    minute_start TIMESTAMP NOT NULL,
    node VARCHAR(100) NOT NULL,
    sent INTEGER NOT NULL,
    deferred INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    depth INTEGER,
    PRIMARY KEY (minute_start, node)
);

CREATE INDEX decision_actor_at ON notification_decision (actor, at);
