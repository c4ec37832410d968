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

-- kredo_fk_new_rows checks the rows a statement inserted or updated
-- (the transition table new_rows) against their parents; its arguments
-- are pairs of (column, parent table), the parent's key being id.
CREATE FUNCTION kredo_fk_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    k int := 0;
    want bigint;
    got bigint;
    missing text;
BEGIN
    WHILE k < TG_NARGS LOOP
        EXECUTE format('SELECT count(DISTINCT %1$I) FROM new_rows', TG_ARGV[k]) INTO want;
        IF want > 0 THEN
            EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM %2$I p WHERE p.id IN (SELECT %1$I FROM new_rows) FOR KEY SHARE OF p) l',
                TG_ARGV[k], TG_ARGV[k+1]) INTO got;
            IF got <> want THEN
                EXECUTE format('SELECT n.%1$I::text FROM new_rows n WHERE n.%1$I IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %2$I p WHERE p.id = n.%1$I) LIMIT 1',
                    TG_ARGV[k], TG_ARGV[k+1]) INTO missing;
                RAISE EXCEPTION 'insert or update on table "%" violates foreign key "%_%_fkey"', TG_TABLE_NAME, TG_TABLE_NAME, TG_ARGV[k]
                    USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_TABLE_NAME || '_' || TG_ARGV[k] || '_fkey',
                    DETAIL = format('Key (%s)=(%s) is not present in table "%s".', TG_ARGV[k], missing, TG_ARGV[k+1]);
            END IF;
        END IF;
        k := k + 2;
    END LOOP;
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
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_new_rows('entity_id', 'entities', 'customer_id', 'customers');
CREATE TRIGGER payments_fk_update AFTER UPDATE ON payments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_new_rows('entity_id', 'entities', 'customer_id', 'customers');
CREATE TRIGGER allocations_fk_insert AFTER INSERT ON allocations REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_new_rows('payment_id', 'payments', 'invoice_id', 'invoices');
CREATE TRIGGER allocations_fk_update AFTER UPDATE ON allocations REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_new_rows('payment_id', 'payments', 'invoice_id', 'invoices');
CREATE TRIGGER bank_transactions_fk_insert AFTER INSERT ON bank_transactions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_new_rows('statement_id', 'statements', 'account_id', 'bank_accounts', 'payment_id', 'payments');
CREATE TRIGGER bank_transactions_fk_update AFTER UPDATE ON bank_transactions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_new_rows('statement_id', 'statements', 'account_id', 'bank_accounts', 'payment_id', 'payments');
CREATE TRIGGER customer_ibans_fk_insert AFTER INSERT ON customer_ibans REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_new_rows('entity_id', 'entities', 'customer_id', 'customers');
CREATE TRIGGER customer_ibans_fk_update AFTER UPDATE ON customer_ibans REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kredo_fk_new_rows('entity_id', 'entities', 'customer_id', 'customers');

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
