-- 0005: adjustments lower an invoice's open amount without cash: a write-off
-- (a short payment within the bank-cost tolerance, a dispute written off) or
-- a pending credit note recorded in Kredo until the ERP books it (SQLite).
-- Append-only: a correction is a new row with the opposite amount.
CREATE TABLE adjustments (
    id          INTEGER PRIMARY KEY,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    invoice_id  INTEGER NOT NULL REFERENCES invoices(id),
    kind        TEXT NOT NULL, -- write_off, credit_pending
    date        TEXT NOT NULL, -- the booking date (as-of figures use it)
    currency    TEXT NOT NULL,
    amount      INTEGER NOT NULL, -- minor units taken off the open amount (negative for a credit note's)
    reason      TEXT NOT NULL DEFAULT '',
    ref_kind    TEXT NOT NULL DEFAULT '', -- what caused it: dispute, bank_transaction
    ref_id      INTEGER,
    username    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX adjustments_invoice ON adjustments (invoice_id);
CREATE INDEX adjustments_entity_date ON adjustments (entity_id, date);
