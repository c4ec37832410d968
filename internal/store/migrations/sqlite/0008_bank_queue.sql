-- 0008: the unmatched-payments queue: per-entity bank settings (the tolerance
-- for short payments), every decision a person takes on a bank transaction,
-- and which import booked each transaction (for per-import metrics) (SQLite).
CREATE TABLE bank_settings (
    entity_id  INTEGER PRIMARY KEY REFERENCES entities(id),
    tolerance  INTEGER NOT NULL DEFAULT 0, -- minor units: a difference up to this counts as full payment
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);

CREATE TABLE bank_decisions (
    id             INTEGER PRIMARY KEY,
    transaction_id INTEGER NOT NULL REFERENCES bank_transactions(id),
    entity_id      INTEGER NOT NULL REFERENCES entities(id),
    action         TEXT NOT NULL, -- allocate, on_account, ignore, learn_iban, reopen
    previous_state TEXT NOT NULL, -- the transaction's match state before
    customer_id    INTEGER REFERENCES customers(id),
    payment_id     INTEGER, -- the payment created (not a foreign key: a reopen deletes it)
    overrides_auto INTEGER NOT NULL DEFAULT 0, -- 1: the decision undid an automatic match (a wrong match)
    detail         TEXT NOT NULL DEFAULT '',
    username       TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX bank_decisions_transaction ON bank_decisions (transaction_id);
CREATE INDEX bank_decisions_entity ON bank_decisions (entity_id, created_at);

ALTER TABLE bank_transactions ADD COLUMN import_id INTEGER; -- the import that booked it
ALTER TABLE bank_transactions ADD COLUMN decided_at TEXT; -- when a person last decided on it
ALTER TABLE bank_transactions ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
