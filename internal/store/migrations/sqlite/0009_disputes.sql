-- 0009: disputes: reason codes with their SLA, team queues, routing rules,
-- disputes on one or more invoices (part of an amount), their append-only
-- history, attachments and notifications (SQLite).
CREATE TABLE dispute_reasons (
    code     TEXT PRIMARY KEY,
    label    TEXT NOT NULL,
    sla_days INTEGER NOT NULL, -- working days from opening to the due date
    active   INTEGER NOT NULL DEFAULT 1,
    position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO dispute_reasons (code, label, sla_days, position) VALUES
    ('wrong_price', 'Wrong price', 10, 1), ('wrong_quantity', 'Wrong quantity', 10, 2),
    ('quality', 'Quality complaint', 15, 3), ('delivery_delay', 'Delivery delay', 10, 4),
    ('not_delivered', 'Not delivered', 10, 5), ('return', 'Return', 15, 6), ('invoice_error', 'Invoice error', 5, 7),
    ('missing_po', 'Missing PO number', 5, 8), ('payment_difficulty', 'Payment difficulty', 5, 9),
    ('short_payment', 'Short payment', 10, 10), ('other', 'Other', 10, 11);

-- A queue is a team that owns disputes; its manager gets the escalations.
CREATE TABLE dispute_queues (
    code    TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    manager TEXT NOT NULL DEFAULT '' -- username
);
INSERT INTO dispute_queues (code, name) VALUES ('disputes', 'Disputes (default)'), ('sales', 'Sales'),
    ('logistics', 'Logistics'), ('quality', 'Quality'), ('billing', 'Billing');

CREATE TABLE dispute_queue_members (
    queue    TEXT NOT NULL REFERENCES dispute_queues(code),
    username TEXT NOT NULL,
    PRIMARY KEY (queue, username)
);

-- Ordered routing rules; empty conditions match anything; the first match wins.
CREATE TABLE dispute_rules (
    id            INTEGER PRIMARY KEY,
    position      INTEGER NOT NULL,
    entity_id     INTEGER REFERENCES entities(id), -- NULL: every entity
    reason        TEXT NOT NULL DEFAULT '',
    currency      TEXT NOT NULL DEFAULT '',
    min_amount    INTEGER NOT NULL DEFAULT 0,
    max_amount    INTEGER NOT NULL DEFAULT 0,
    risk_class    TEXT NOT NULL DEFAULT '',
    segment       TEXT NOT NULL DEFAULT '',
    customer_group TEXT NOT NULL DEFAULT '',
    product_group TEXT NOT NULL DEFAULT '',
    queue         TEXT NOT NULL DEFAULT '',
    assignee      TEXT NOT NULL DEFAULT '',
    priority      TEXT NOT NULL DEFAULT 'normal',
    updated_by    TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);
INSERT INTO dispute_rules (position, reason, queue, updated_at) VALUES
    (1, 'wrong_price', 'sales', '2026-01-01T00:00:00.000000Z'), (2, 'wrong_quantity', 'logistics', '2026-01-01T00:00:00.000000Z'),
    (3, 'delivery_delay', 'logistics', '2026-01-01T00:00:00.000000Z'), (4, 'not_delivered', 'logistics', '2026-01-01T00:00:00.000000Z'),
    (5, 'return', 'logistics', '2026-01-01T00:00:00.000000Z'), (6, 'quality', 'quality', '2026-01-01T00:00:00.000000Z'),
    (7, 'invoice_error', 'billing', '2026-01-01T00:00:00.000000Z'), (8, 'missing_po', 'billing', '2026-01-01T00:00:00.000000Z'),
    (9, 'short_payment', 'billing', '2026-01-01T00:00:00.000000Z');

-- Per entity: write-offs above the threshold need a credit manager.
CREATE TABLE dispute_settings (
    entity_id           INTEGER PRIMARY KEY REFERENCES entities(id),
    write_off_threshold INTEGER NOT NULL -- minor units of the entity's currency; -1: always
);

CREATE TABLE disputes (
    id              INTEGER PRIMARY KEY,
    entity_id       INTEGER NOT NULL REFERENCES entities(id),
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    reason          TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    currency        TEXT NOT NULL,
    amount          INTEGER NOT NULL, -- disputed, minor units: the sum of dispute_items
    status          TEXT NOT NULL DEFAULT 'open', -- open, in_progress, waiting_customer, resolved, rejected
    priority        TEXT NOT NULL DEFAULT 'normal',
    queue           TEXT NOT NULL,
    assignee        TEXT NOT NULL DEFAULT '',
    rule_id         INTEGER, -- the routing rule that decided (NULL: default queue)
    product_group   TEXT NOT NULL DEFAULT '',
    opened_date     TEXT NOT NULL,
    due_date        TEXT NOT NULL,
    escalated_on    TEXT,
    source          TEXT NOT NULL DEFAULT 'manual', -- manual, api, payment
    payment_id      INTEGER UNIQUE REFERENCES payments(id), -- the short payment that raised it: one dispute per payment
    opened_by       TEXT NOT NULL DEFAULT '',
    resolution      TEXT NOT NULL DEFAULT '', -- credit_note, credit_pending, write_off, rejected
    resolved_amount INTEGER NOT NULL DEFAULT 0,
    resolved_date   TEXT,
    resolution_ref  TEXT NOT NULL DEFAULT '', -- the ERP's credit note number
    pending_amount  INTEGER NOT NULL DEFAULT 0, -- a write-off waiting for a credit manager
    pending_by      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX disputes_entity_status ON disputes (entity_id, status);
CREATE INDEX disputes_customer ON disputes (customer_id, id);

CREATE TABLE dispute_items (
    dispute_id INTEGER NOT NULL REFERENCES disputes(id),
    invoice_id INTEGER NOT NULL REFERENCES invoices(id),
    amount     INTEGER NOT NULL, -- disputed on this invoice, minor units
    PRIMARY KEY (dispute_id, invoice_id)
);
CREATE INDEX dispute_items_invoice ON dispute_items (invoice_id);

-- The history is append-only: every change and comment is a new row.
CREATE TABLE dispute_events (
    id         INTEGER PRIMARY KEY,
    dispute_id INTEGER NOT NULL REFERENCES disputes(id),
    username   TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL, -- opened, comment, status, reassign, priority, escalated, write_off_requested, resolved, attachment
    from_value TEXT NOT NULL DEFAULT '',
    to_value   TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX dispute_events_dispute ON dispute_events (dispute_id, id);

CREATE TABLE dispute_attachments (
    id           INTEGER PRIMARY KEY,
    dispute_id   INTEGER NOT NULL REFERENCES disputes(id),
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL DEFAULT '',
    size         INTEGER NOT NULL,
    data         BLOB NOT NULL,
    username     TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);
CREATE INDEX dispute_attachments_dispute ON dispute_attachments (dispute_id);

-- In-app notifications; mailed_at is set when the e-mail digest took it.
CREATE TABLE dispute_notifications (
    id         INTEGER PRIMARY KEY,
    dispute_id INTEGER NOT NULL REFERENCES disputes(id),
    username   TEXT NOT NULL,
    kind       TEXT NOT NULL, -- new, escalated, assigned
    created_at TEXT NOT NULL,
    read_at    TEXT,
    mailed_at  TEXT
);
CREATE INDEX dispute_notifications_user ON dispute_notifications (username, id);
