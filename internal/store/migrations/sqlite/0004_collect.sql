-- 0004: the credit controller's day: activity log, promises to pay, payment plans, snoozes (SQLite).
ALTER TABLE customers ADD COLUMN snoozed_until TEXT;

-- The activity log is append-only: nothing is deleted or changed; a
-- correction is a new entry naming the one it corrects.
CREATE TABLE activities (
    id          INTEGER PRIMARY KEY,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    username    TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL, -- call, note, promise, plan, pause, resume, reassign, snooze, payment_received
    outcome     TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    ref_id      INTEGER, -- the promise or plan the entry is about
    corrects    INTEGER REFERENCES activities(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX activities_customer ON activities (customer_id, id);

CREATE TABLE promises (
    id          INTEGER PRIMARY KEY,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    controller  TEXT NOT NULL DEFAULT '',
    made_date   TEXT NOT NULL,
    due_date    TEXT NOT NULL,
    grace_days  INTEGER NOT NULL DEFAULT 0,
    currency    TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    items       TEXT NOT NULL DEFAULT '[]', -- JSON array of invoice ids; empty: the account in general
    status      TEXT NOT NULL DEFAULT 'open', -- open, kept, broken (set when the app evaluates it)
    created_at  TEXT NOT NULL
);
CREATE INDEX promises_entity_status ON promises (entity_id, status);
CREATE INDEX promises_customer ON promises (customer_id, id);

CREATE TABLE payment_plans (
    id          INTEGER PRIMARY KEY,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    agreed_by   TEXT NOT NULL DEFAULT '',
    agreed_date TEXT NOT NULL,
    currency    TEXT NOT NULL,
    principal   INTEGER NOT NULL,
    interest    INTEGER NOT NULL DEFAULT 0,
    costs       INTEGER NOT NULL DEFAULT 0,
    total       INTEGER NOT NULL,
    every       TEXT NOT NULL, -- weekly, monthly
    grace_days  INTEGER NOT NULL DEFAULT 0,
    on_break    TEXT NOT NULL, -- back_to_dunning, final_level
    items       TEXT NOT NULL DEFAULT '[]',
    status      TEXT NOT NULL DEFAULT 'active', -- active, completed, broken
    created_at  TEXT NOT NULL
);
CREATE INDEX payment_plans_entity_status ON payment_plans (entity_id, status);
CREATE INDEX payment_plans_customer ON payment_plans (customer_id, id);

CREATE TABLE plan_instalments (
    plan_id  INTEGER NOT NULL REFERENCES payment_plans(id),
    seq      INTEGER NOT NULL,
    due_date TEXT NOT NULL,
    amount   INTEGER NOT NULL,
    PRIMARY KEY (plan_id, seq)
);
