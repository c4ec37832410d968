-- 0012: the foreign keys of the tables a bank statement writes a row per
-- line into (payments, allocations, bank_transactions, customer_ibans) are
-- checked once per statement instead of once per row (PostgreSQL only).
--
-- Why: PostgreSQL checks a foreign key with a query per row (a trigger
-- that looks the parent up and locks it). A statement of 100,000 lines
-- writes nine such keys per line; measured, the checks were 5 s of a 12.4 s
-- import (docs/benchmarks.md, "Bank statements"). The same checks over a
-- whole INSERT or COPY at once cost a few milliseconds per 5,000 rows.
--
-- What stays the same (docs/architecture.md, "Foreign keys on PostgreSQL"):
-- - a row naming a parent that does not exist is refused, with SQLSTATE
--   23503 (foreign_key_violation), as before;
-- - the parents a statement names are locked FOR KEY SHARE until the
--   transaction ends, as a foreign key locks them, so a concurrent delete
--   waits and then fails;
-- - a parent still named by a row cannot be deleted (23503), and ids of
--   parents never change.
-- SQLite keeps its declared foreign keys: there a check is an index probe
-- in the same process and costs nothing measurable.

-- The children's checks, one function per table: each key the rows of a
-- statement (the transition table new_rows) name is looked up once, by
-- primary key, and locked FOR KEY SHARE, as a declared key does per row.
-- The SQL is static, so each connection plans it once (dynamic SQL cost
-- ~130 µs a statement more; a single-row INSERT now costs ~20 µs more
-- than with a declared key). LATERAL keeps the plan a look-up per key
-- whatever the number of rows the plan was made for.
CREATE FUNCTION kredo_fk_missing(child text, col text, parent text, key bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'insert or update on table "%" violates foreign key "%_%_fkey"', child, child, col
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = child || '_' || col || '_fkey',
        DETAIL = format('Key (%s)=(%s) is not present in table "%s".', col, key, parent);
END
$$;

CREATE FUNCTION payments_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE missing bigint;
BEGIN
    SELECT n.k INTO missing FROM (SELECT DISTINCT entity_id AS k FROM new_rows WHERE entity_id IS NOT NULL) n
        LEFT JOIN LATERAL (SELECT p.id FROM entities p WHERE p.id = n.k FOR KEY SHARE) l ON true WHERE l.id IS NULL LIMIT 1;
    IF FOUND THEN PERFORM kredo_fk_missing(TG_TABLE_NAME, 'entity_id', 'entities', missing); END IF;
    SELECT n.k INTO missing FROM (SELECT DISTINCT customer_id AS k FROM new_rows WHERE customer_id IS NOT NULL) n
        LEFT JOIN LATERAL (SELECT p.id FROM customers p WHERE p.id = n.k FOR KEY SHARE) l ON true WHERE l.id IS NULL LIMIT 1;
    IF FOUND THEN PERFORM kredo_fk_missing(TG_TABLE_NAME, 'customer_id', 'customers', missing); END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION allocations_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE missing bigint;
BEGIN
    SELECT n.k INTO missing FROM (SELECT DISTINCT payment_id AS k FROM new_rows WHERE payment_id IS NOT NULL) n
        LEFT JOIN LATERAL (SELECT p.id FROM payments p WHERE p.id = n.k FOR KEY SHARE) l ON true WHERE l.id IS NULL LIMIT 1;
    IF FOUND THEN PERFORM kredo_fk_missing(TG_TABLE_NAME, 'payment_id', 'payments', missing); END IF;
    SELECT n.k INTO missing FROM (SELECT DISTINCT invoice_id AS k FROM new_rows WHERE invoice_id IS NOT NULL) n
        LEFT JOIN LATERAL (SELECT p.id FROM invoices p WHERE p.id = n.k FOR KEY SHARE) l ON true WHERE l.id IS NULL LIMIT 1;
    IF FOUND THEN PERFORM kredo_fk_missing(TG_TABLE_NAME, 'invoice_id', 'invoices', missing); END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION bank_transactions_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE missing bigint;
BEGIN
    SELECT n.k INTO missing FROM (SELECT DISTINCT statement_id AS k FROM new_rows WHERE statement_id IS NOT NULL) n
        LEFT JOIN LATERAL (SELECT p.id FROM statements p WHERE p.id = n.k FOR KEY SHARE) l ON true WHERE l.id IS NULL LIMIT 1;
    IF FOUND THEN PERFORM kredo_fk_missing(TG_TABLE_NAME, 'statement_id', 'statements', missing); END IF;
    SELECT n.k INTO missing FROM (SELECT DISTINCT account_id AS k FROM new_rows WHERE account_id IS NOT NULL) n
        LEFT JOIN LATERAL (SELECT p.id FROM bank_accounts p WHERE p.id = n.k FOR KEY SHARE) l ON true WHERE l.id IS NULL LIMIT 1;
    IF FOUND THEN PERFORM kredo_fk_missing(TG_TABLE_NAME, 'account_id', 'bank_accounts', missing); END IF;
    SELECT n.k INTO missing FROM (SELECT DISTINCT payment_id AS k FROM new_rows WHERE payment_id IS NOT NULL) n
        LEFT JOIN LATERAL (SELECT p.id FROM payments p WHERE p.id = n.k FOR KEY SHARE) l ON true WHERE l.id IS NULL LIMIT 1;
    IF FOUND THEN PERFORM kredo_fk_missing(TG_TABLE_NAME, 'payment_id', 'payments', missing); END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION customer_ibans_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE missing bigint;
BEGIN
    SELECT n.k INTO missing FROM (SELECT DISTINCT entity_id AS k FROM new_rows WHERE entity_id IS NOT NULL) n
        LEFT JOIN LATERAL (SELECT p.id FROM entities p WHERE p.id = n.k FOR KEY SHARE) l ON true WHERE l.id IS NULL LIMIT 1;
    IF FOUND THEN PERFORM kredo_fk_missing(TG_TABLE_NAME, 'entity_id', 'entities', missing); END IF;
    SELECT n.k INTO missing FROM (SELECT DISTINCT customer_id AS k FROM new_rows WHERE customer_id IS NOT NULL) n
        LEFT JOIN LATERAL (SELECT p.id FROM customers p WHERE p.id = n.k FOR KEY SHARE) l ON true WHERE l.id IS NULL LIMIT 1;
    IF FOUND THEN PERFORM kredo_fk_missing(TG_TABLE_NAME, 'customer_id', 'customers', missing); END IF;
    RETURN NULL;
END
$$;

-- kredo_fk_old_rows refuses to delete parents (the transition table
-- old_rows) a row still names; its arguments are pairs of (child table,
-- column).
CREATE FUNCTION kredo_fk_old_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    k int := 0;
    named text;
BEGIN
    WHILE k < TG_NARGS LOOP
        EXECUTE format('SELECT c.%2$I::text FROM %1$I c WHERE c.%2$I IN (SELECT id FROM old_rows) LIMIT 1', TG_ARGV[k], TG_ARGV[k+1]) INTO named;
        IF named IS NOT NULL THEN
            RAISE EXCEPTION 'update or delete on table "%" violates foreign key "%_%_fkey" on table "%"', TG_TABLE_NAME, TG_ARGV[k], TG_ARGV[k+1], TG_ARGV[k]
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[k] || '_' || TG_ARGV[k+1] || '_fkey',
                DETAIL = format('Key (id)=(%s) is still referenced from table "%s".', named, TG_ARGV[k]);
        END IF;
        k := k + 2;
    END LOOP;
    RETURN NULL;
END
$$;

-- kredo_fk_keep_id refuses to change a parent's id.
CREATE FUNCTION kredo_fk_keep_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'update on table "%" changes id % to %: ids a foreign key may name never change', TG_TABLE_NAME, OLD.id, NEW.id
        USING ERRCODE = 'foreign_key_violation';
END
$$;

ALTER TABLE payments DROP CONSTRAINT payments_entity_id_fkey;
ALTER TABLE payments DROP CONSTRAINT payments_customer_id_fkey;
ALTER TABLE allocations DROP CONSTRAINT allocations_payment_id_fkey;
ALTER TABLE allocations DROP CONSTRAINT allocations_invoice_id_fkey;
ALTER TABLE bank_transactions DROP CONSTRAINT bank_transactions_statement_id_fkey;
ALTER TABLE bank_transactions DROP CONSTRAINT bank_transactions_account_id_fkey;
ALTER TABLE bank_transactions DROP CONSTRAINT bank_transactions_payment_id_fkey;
ALTER TABLE customer_ibans DROP CONSTRAINT customer_ibans_entity_id_fkey;
ALTER TABLE customer_ibans DROP CONSTRAINT customer_ibans_customer_id_fkey;

-- the children: every INSERT (or COPY) and UPDATE statement checks its rows
CREATE TRIGGER payments_fk_insert AFTER INSERT ON payments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION payments_keys();
CREATE TRIGGER payments_fk_update AFTER UPDATE ON payments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION payments_keys();
CREATE TRIGGER allocations_fk_insert AFTER INSERT ON allocations REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION allocations_keys();
CREATE TRIGGER allocations_fk_update AFTER UPDATE ON allocations REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION allocations_keys();
CREATE TRIGGER bank_transactions_fk_insert AFTER INSERT ON bank_transactions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bank_transactions_keys();
CREATE TRIGGER bank_transactions_fk_update AFTER UPDATE ON bank_transactions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bank_transactions_keys();
CREATE TRIGGER customer_ibans_fk_insert AFTER INSERT ON customer_ibans REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION customer_ibans_keys();
CREATE TRIGGER customer_ibans_fk_update AFTER UPDATE ON customer_ibans REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION customer_ibans_keys();

-- the parents: no delete of a row still named, no change of an id
CREATE TRIGGER entities_fk_delete AFTER DELETE ON entities REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_old_rows('payments', 'entity_id', 'customer_ibans', 'entity_id');
CREATE TRIGGER customers_fk_delete AFTER DELETE ON customers REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_old_rows('payments', 'customer_id', 'customer_ibans', 'customer_id');
CREATE TRIGGER invoices_fk_delete AFTER DELETE ON invoices REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_old_rows('allocations', 'invoice_id');
CREATE TRIGGER payments_fk_delete AFTER DELETE ON payments REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_old_rows('allocations', 'payment_id', 'bank_transactions', 'payment_id');
CREATE TRIGGER statements_fk_delete AFTER DELETE ON statements REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_old_rows('bank_transactions', 'statement_id');
CREATE TRIGGER bank_accounts_fk_delete AFTER DELETE ON bank_accounts REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_old_rows('bank_transactions', 'account_id');

CREATE TRIGGER entities_keep_id BEFORE UPDATE ON entities FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION kredo_fk_keep_id();
CREATE TRIGGER customers_keep_id BEFORE UPDATE ON customers FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION kredo_fk_keep_id();
CREATE TRIGGER invoices_keep_id BEFORE UPDATE ON invoices FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION kredo_fk_keep_id();
CREATE TRIGGER payments_keep_id BEFORE UPDATE ON payments FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION kredo_fk_keep_id();
CREATE TRIGGER statements_keep_id BEFORE UPDATE ON statements FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION kredo_fk_keep_id();
CREATE TRIGGER bank_accounts_keep_id BEFORE UPDATE ON bank_accounts FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION kredo_fk_keep_id();
