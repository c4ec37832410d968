-- 0006: the worklist and who works which customer (SQLite).

-- Who works a customer: the ERP's controller column stays the ERP's; Kredo
-- keeps its own assignment beside it. The effective controller is a manual
-- assignment, else the ERP's, else the first matching rule's.
ALTER TABLE customers ADD COLUMN assigned_to TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN assigned_how TEXT NOT NULL DEFAULT ''; -- '', rule, manual

-- Assignment rules, first match wins; an empty condition matches anything.
CREATE TABLE assignment_rules (
    id          INTEGER PRIMARY KEY,
    position    INTEGER NOT NULL,
    entity_id   INTEGER REFERENCES entities(id), -- NULL: every entity
    segment     TEXT NOT NULL DEFAULT '',
    region      TEXT NOT NULL DEFAULT '',
    min_open    INTEGER NOT NULL DEFAULT 0, -- size: open balance at least this (minor units of the customer's currency)
    controller  TEXT NOT NULL,
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

-- The worklist as computed for a day: one row per customer with something
-- open, its score and the explanation. Refreshed in full by the daily job and
-- per customer when something happens to it (a call, a promise, a payment).
CREATE TABLE worklist (
    customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    controller  TEXT NOT NULL DEFAULT '', -- the effective controller, for "my list"
    day         TEXT NOT NULL,            -- the day it was computed for
    currency    TEXT NOT NULL,
    overdue     INTEGER NOT NULL,
    oldest_days INTEGER NOT NULL,
    urgent      INTEGER NOT NULL,         -- 1: a commitment broken: above every other row
    score       INTEGER NOT NULL,
    on_list     INTEGER NOT NULL,         -- 1: needs a person
    reasons     TEXT NOT NULL DEFAULT '[]',
    factors     TEXT NOT NULL DEFAULT '[]',
    done_on     TEXT                      -- a person finished it on this day: off the list that day
);
-- the day each entity's worklist was last made in full (a row's own day
-- moves when one customer is recomputed)
CREATE TABLE worklist_made (
    entity_id INTEGER PRIMARY KEY REFERENCES entities(id),
    day       TEXT NOT NULL
);

-- the pages read a page in this order and stop: no sort of the whole list;
-- done_on last, so counting the list reads the index alone
CREATE INDEX worklist_entity ON worklist (entity_id, on_list, urgent DESC, score DESC, overdue DESC, customer_id, done_on);
CREATE INDEX worklist_controller ON worklist (controller, on_list, urgent DESC, score DESC, overdue DESC, customer_id, done_on);
CREATE INDEX worklist_all ON worklist (on_list, urgent DESC, score DESC, overdue DESC, customer_id, done_on);

-- the payment feed reads the last days' payments of everyone in scope
CREATE INDEX payments_date ON payments (date);

-- the customer page lists a customer's subsidiaries (the group view)
CREATE INDEX customers_parent ON customers (entity_id, parent_number);
