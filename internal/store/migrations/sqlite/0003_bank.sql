-- 0003: bank accounts, imported statements, their transactions and learned customer IBANs (SQLite).
-- Dates are TEXT 'YYYY-MM-DD'; instants are TEXT RFC 3339 UTC; money is INTEGER minor units.
CREATE TABLE bank_accounts (
    id         INTEGER PRIMARY KEY,
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    account    TEXT NOT NULL UNIQUE, -- IBAN (upper case, no spaces) or the bank's account id
    created_at TEXT NOT NULL
);

CREATE TABLE statements (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES bank_accounts(id),
    format          TEXT NOT NULL,
    number          TEXT NOT NULL DEFAULT '',
    statement_id    TEXT NOT NULL, -- the parser's Statement.ID
    currency        TEXT NOT NULL DEFAULT '',
    opening_date    TEXT,
    opening_amount  INTEGER,
    closing_date    TEXT,
    closing_amount  INTEGER,
    file            TEXT NOT NULL DEFAULT '',
    imported_at     TEXT NOT NULL,
    UNIQUE (account_id, statement_id)
);

CREATE TABLE bank_transactions (
    id                INTEGER PRIMARY KEY,
    statement_id      INTEGER NOT NULL REFERENCES statements(id),
    account_id        INTEGER NOT NULL REFERENCES bank_accounts(id),
    entry_key         TEXT NOT NULL, -- "ref:" + the bank's reference, else "h:" + a content hash
    amount            INTEGER NOT NULL, -- signed: + money in
    currency          TEXT NOT NULL,
    booking_date      TEXT,
    value_date        TEXT,
    counterparty_name TEXT NOT NULL DEFAULT '',
    counterparty_iban TEXT NOT NULL DEFAULT '',
    remittance        TEXT NOT NULL DEFAULT '',
    structured_ref    TEXT NOT NULL DEFAULT '',
    end_to_end_id     TEXT NOT NULL DEFAULT '',
    return_code       TEXT NOT NULL DEFAULT '',
    kind              TEXT NOT NULL, -- incoming, outgoing, reversal, return
    match_state       TEXT NOT NULL, -- auto, suggested, unmatched, ignored
    rule              TEXT NOT NULL DEFAULT '',
    confidence        INTEGER NOT NULL DEFAULT 0,
    difference        INTEGER NOT NULL DEFAULT 0, -- paid minus allocated of the applied or best suggestion
    note              TEXT NOT NULL DEFAULT '',
    suggestion        TEXT NOT NULL DEFAULT '', -- the best suggestion (JSON), for the review queue
    payment_id        INTEGER REFERENCES payments(id),
    created_at        TEXT NOT NULL,
    UNIQUE (account_id, entry_key)
);
CREATE INDEX bank_transactions_statement ON bank_transactions (statement_id);
CREATE INDEX bank_transactions_state ON bank_transactions (account_id, match_state);

CREATE TABLE customer_ibans (
    iban        TEXT NOT NULL,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    learned_at  TEXT NOT NULL,
    PRIMARY KEY (entity_id, iban)
);
