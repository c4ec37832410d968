-- 0002: dunning schemes, runs, actions per item and level, and the outbox (SQLite).
ALTER TABLE entities ADD COLUMN dunning_time TEXT NOT NULL DEFAULT '06:00';
ALTER TABLE entities ADD COLUMN dunning_approval INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN portal_url TEXT NOT NULL DEFAULT '';

CREATE TABLE dunning_schemes (
    id               INTEGER PRIMARY KEY,
    entity_id        INTEGER NOT NULL REFERENCES entities(id),
    name             TEXT NOT NULL,
    priority         INTEGER NOT NULL DEFAULT 100,
    match_segment    TEXT NOT NULL DEFAULT '',
    match_risk_class TEXT NOT NULL DEFAULT '',
    match_kind       TEXT NOT NULL DEFAULT '',
    is_default       INTEGER NOT NULL DEFAULT 0,
    min_gap_days     INTEGER NOT NULL DEFAULT 0,
    levels           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (entity_id, name)
);

ALTER TABLE customers ADD COLUMN risk_class TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN dunning_scheme_id INTEGER REFERENCES dunning_schemes(id);
ALTER TABLE customers ADD COLUMN dunning_paused_until TEXT;
ALTER TABLE customers ADD COLUMN dunning_pause_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE dunning_runs (
    id          INTEGER PRIMARY KEY,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    run_date    TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_by  TEXT NOT NULL DEFAULT '',
    approved_by TEXT NOT NULL DEFAULT '',
    customers   INTEGER NOT NULL DEFAULT 0,
    actions     INTEGER NOT NULL DEFAULT 0,
    messages    INTEGER NOT NULL DEFAULT 0,
    summary     TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL,
    approved_at TEXT,
    finished_at TEXT,
    UNIQUE (entity_id, run_date)
);

CREATE TABLE dunning_actions (
    id              INTEGER PRIMARY KEY,
    run_id          INTEGER NOT NULL REFERENCES dunning_runs(id),
    entity_id       INTEGER NOT NULL REFERENCES entities(id),
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    scheme_id       INTEGER REFERENCES dunning_schemes(id),
    action_date     TEXT NOT NULL,
    level           INTEGER NOT NULL,
    level_name      TEXT NOT NULL,
    channels        TEXT NOT NULL,
    currency        TEXT NOT NULL,
    total           INTEGER NOT NULL,
    interest        INTEGER NOT NULL DEFAULT 0,
    costs           INTEGER NOT NULL DEFAULT 0,
    announced_costs INTEGER NOT NULL DEFAULT 0,
    propose_block   INTEGER NOT NULL DEFAULT 0,
    handover        INTEGER NOT NULL DEFAULT 0,
    notify_email    TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX dunning_actions_customer ON dunning_actions (customer_id, action_date);
CREATE INDEX dunning_actions_run ON dunning_actions (run_id);

-- A level is never repeated for an item: the primary key says so, whatever
-- the number of runs or processes.
CREATE TABLE dunning_action_items (
    invoice_id INTEGER NOT NULL REFERENCES invoices(id),
    level      INTEGER NOT NULL,
    action_id  INTEGER NOT NULL REFERENCES dunning_actions(id),
    amount     INTEGER NOT NULL,
    interest   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (invoice_id, level)
);
CREATE INDEX dunning_action_items_action ON dunning_action_items (action_id);

-- The outbox: every message Kredo will send, written in the same
-- transaction as the decision that caused it.
CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    entity_id       INTEGER NOT NULL REFERENCES entities(id),
    customer_id     INTEGER REFERENCES customers(id),
    action_id       INTEGER REFERENCES dunning_actions(id),
    run_id          INTEGER REFERENCES dunning_runs(id),
    channel         TEXT NOT NULL,
    language        TEXT NOT NULL DEFAULT '',
    template        TEXT NOT NULL DEFAULT '',
    to_address      TEXT NOT NULL DEFAULT '',
    to_name         TEXT NOT NULL DEFAULT '',
    subject         TEXT NOT NULL DEFAULT '',
    body_text       TEXT NOT NULL DEFAULT '',
    body_html       TEXT NOT NULL DEFAULT '',
    pdf             BLOB,
    letter          TEXT NOT NULL DEFAULT '', -- the letter's data (JSON), to print it again
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    message_id      TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX messages_due ON messages (status, next_attempt_at);
CREATE INDEX messages_customer ON messages (customer_id, created_at);
CREATE INDEX messages_run ON messages (run_id);

-- Texts of reminders and letters as the operator edited them; the defaults
-- ship with Kredo (internal/comms/templates).
CREATE TABLE message_templates (
    language   TEXT NOT NULL,
    name       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (language, name)
);
