-- 0007: KPIs: dated exchange rates, monthly snapshots of the receivables per
-- dimension, and the indexes the as-of queries read by (SQLite).

-- 1 unit of from_currency is worth rate units of to_currency from date on
-- (until the pair's next rate). The rate is kept as the decimal text given,
-- so it converts exactly (kpi.ParseRate).
CREATE TABLE exchange_rates (
    from_currency TEXT NOT NULL,
    to_currency   TEXT NOT NULL,
    date          TEXT NOT NULL,
    rate          TEXT NOT NULL,
    source        TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    PRIMARY KEY (from_currency, to_currency, date)
);

-- One row per entity, month end, dimension value and currency: the month's
-- net credit sales and the aging at the end of the month, from the ledger's
-- history. Recomputed as a whole per entity (kredo kpi snapshot); trends
-- read them instead of the ledger.
CREATE TABLE kpi_snapshots (
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    month_end   TEXT NOT NULL,
    dimension   TEXT NOT NULL, -- entity, segment, region, product_group, controller, customer, group
    value       TEXT NOT NULL,
    currency    TEXT NOT NULL,
    sales       INTEGER NOT NULL, -- net credit sales in the month
    not_due     INTEGER NOT NULL, not_due_n INTEGER NOT NULL,
    d1_30       INTEGER NOT NULL, d1_30_n   INTEGER NOT NULL,
    d31_60      INTEGER NOT NULL, d31_60_n  INTEGER NOT NULL,
    d61_90      INTEGER NOT NULL, d61_90_n  INTEGER NOT NULL,
    d91_180     INTEGER NOT NULL, d91_180_n INTEGER NOT NULL,
    d181        INTEGER NOT NULL, d181_n    INTEGER NOT NULL,
    credits     INTEGER NOT NULL, credits_n INTEGER NOT NULL,
    disputed    INTEGER NOT NULL, disputed_n INTEGER NOT NULL,
    computed_at TEXT NOT NULL,
    PRIMARY KEY (entity_id, dimension, value, currency, month_end)
);

-- Covering for the monthly sales (KPISales) and the items invoiced in a window.
CREATE INDEX invoices_entity_date ON invoices (entity_id, invoice_date, customer_id, product_group, currency, amount);
CREATE INDEX payments_entity_date ON payments (entity_id, date);
