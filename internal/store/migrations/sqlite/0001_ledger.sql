-- 0001: the receivables ledger, users and imports (SQLite).
-- Dates are TEXT 'YYYY-MM-DD'; instants are TEXT RFC 3339 UTC; money is INTEGER minor units.
CREATE TABLE entities (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    currency     TEXT NOT NULL,
    ibans        TEXT NOT NULL DEFAULT '',
    address_line TEXT NOT NULL DEFAULT '',
    postal_code  TEXT NOT NULL DEFAULT '',
    city         TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    vat_number   TEXT NOT NULL DEFAULT '',
    coc_number   TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    website      TEXT NOT NULL DEFAULT '',
    row_hash     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    file        TEXT NOT NULL,
    username    TEXT NOT NULL DEFAULT '',
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL DEFAULT 'running',
    inserted    INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE customers (
    id              INTEGER PRIMARY KEY,
    entity_id       INTEGER NOT NULL REFERENCES entities(id),
    number          TEXT NOT NULL,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL DEFAULT 'b2b',
    coc_number      TEXT NOT NULL DEFAULT '',
    vat_number      TEXT NOT NULL DEFAULT '',
    address_line    TEXT NOT NULL DEFAULT '',
    postal_code     TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL DEFAULT '',
    country         TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    language        TEXT NOT NULL DEFAULT 'nl',
    segment         TEXT NOT NULL DEFAULT '',
    region          TEXT NOT NULL DEFAULT '',
    account_manager TEXT NOT NULL DEFAULT '',
    controller      TEXT NOT NULL DEFAULT '',
    parent_number   TEXT NOT NULL DEFAULT '',
    payment_terms   INTEGER NOT NULL DEFAULT 30,
    currency        TEXT NOT NULL DEFAULT '',
    credit_limit    INTEGER NOT NULL DEFAULT 0,
    contacts        TEXT NOT NULL DEFAULT '[]',
    row_hash        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (entity_id, number)
);
CREATE INDEX customers_name ON customers (entity_id, name);

CREATE TABLE invoices (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    kind          TEXT NOT NULL,
    number        TEXT NOT NULL,
    invoice_date  TEXT NOT NULL,
    due_date      TEXT NOT NULL,
    currency      TEXT NOT NULL,
    amount        INTEGER NOT NULL,
    open_amount   INTEGER NOT NULL,
    source_open   INTEGER, -- the open amount the source (ERP) last gave, NULL if it gave none
    import_id     INTEGER, -- the import that last wrote the row
    payment_ref   TEXT NOT NULL DEFAULT '',
    product_group TEXT NOT NULL DEFAULT '',
    po_number     TEXT NOT NULL DEFAULT '',
    description   TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    source        TEXT NOT NULL DEFAULT '',
    row_hash      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (entity_id, number)
);
CREATE INDEX invoices_customer ON invoices (customer_id, due_date);
CREATE INDEX invoices_open ON invoices (entity_id, status, due_date);

CREATE TABLE payments (
    id          INTEGER PRIMARY KEY,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    reference   TEXT NOT NULL,
    customer_id INTEGER REFERENCES customers(id),
    date        TEXT NOT NULL,
    currency    TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    row_hash    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (entity_id, reference)
);
CREATE INDEX payments_customer ON payments (customer_id, date);

CREATE TABLE allocations (
    id         INTEGER PRIMARY KEY,
    payment_id INTEGER NOT NULL REFERENCES payments(id),
    invoice_id INTEGER NOT NULL REFERENCES invoices(id),
    amount     INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (payment_id, invoice_id)
);
CREATE INDEX allocations_invoice ON allocations (invoice_id);

-- History: the full previous version of a record each time an import changed it.
CREATE TABLE record_history (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    record_id   INTEGER NOT NULL,
    import_id   INTEGER REFERENCES imports(id),
    replaced_at TEXT NOT NULL,
    data        TEXT NOT NULL
);
CREATE INDEX record_history_record ON record_history (kind, record_id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL,
    language      TEXT NOT NULL DEFAULT 'en',
    all_entities  INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT NOT NULL DEFAULT '',
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

CREATE TABLE user_entities (
    user_id   INTEGER NOT NULL REFERENCES users(id),
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    PRIMARY KEY (user_id, entity_id)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
);
