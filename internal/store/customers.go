package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// customerWriteCols are the columns an import writes, in argument order.
var customerWriteCols = []string{"name", "kind", "coc_number", "vat_number", "address_line", "postal_code", "city",
	"country", "email", "phone", "language", "segment", "region", "risk_class", "account_manager", "controller", "parent_number",
	"payment_terms", "currency", "credit_limit", "contacts"}

func customerArgs(c ledger.Customer) ([]any, error) {
	contacts := c.Contacts
	if contacts == nil {
		contacts = []ledger.Contact{}
	}
	cj, err := json.Marshal(contacts)
	if err != nil {
		return nil, fmt.Errorf("encode contacts: %w", err)
	}
	return []any{c.Name, c.Kind, c.CoCNumber, c.VATNumber, c.AddressLine, c.PostalCode, c.City, c.Country, c.Email,
		c.Phone, c.Language, c.Segment, c.Region, c.RiskClass, c.AccountManager, c.Controller, c.ParentNumber, c.PaymentTerms,
		c.Currency, c.CreditLimit, string(cj)}, nil
}

const customerSelect = `SELECT c.id, c.entity_id, e.code, c.number, c.name, c.kind, c.coc_number, c.vat_number, c.address_line,
	c.postal_code, c.city, c.country, c.email, c.phone, c.language, c.segment, c.region, c.risk_class, c.account_manager,
	` + controllerExpr + `, c.parent_number, COALESCE(p.id, 0), c.payment_terms, c.currency, c.credit_limit, c.contacts, c.updated_at
	FROM customers c JOIN entities e ON e.id = c.entity_id
	LEFT JOIN customers p ON p.entity_id = c.entity_id AND p.number = c.parent_number AND c.parent_number <> ''`

func scanCustomer(row interface{ Scan(...any) error }) (ledger.Customer, error) {
	var c ledger.Customer
	var contacts string
	err := row.Scan(&c.ID, &c.EntityID, &c.EntityCode, &c.Number, &c.Name, &c.Kind, &c.CoCNumber, &c.VATNumber,
		&c.AddressLine, &c.PostalCode, &c.City, &c.Country, &c.Email, &c.Phone, &c.Language, &c.Segment, &c.Region,
		&c.RiskClass, &c.AccountManager, &c.Controller, &c.ParentNumber, &c.ParentID, &c.PaymentTerms, &c.Currency, &c.CreditLimit,
		&contacts, timeCol{&c.UpdatedAt})
	if err != nil {
		return c, translate(err)
	}
	if err := json.Unmarshal([]byte(contacts), &c.Contacts); err != nil {
		return c, fmt.Errorf("customer %d contacts: %w", c.ID, err)
	}
	if len(c.Contacts) == 0 {
		c.Contacts = nil
	}
	return c, nil
}

// Customer returns one customer, if its entity is in scope.
func (s *Store) Customer(ctx context.Context, sc ledger.Scope, id int64) (ledger.Customer, error) {
	c, err := scanCustomer(s.read.QueryRowContext(ctx, s.q(customerSelect+" WHERE c.id = ?"+scopeClause("c.entity_id", sc)), id))
	if err != nil {
		return c, fmt.Errorf("customer %d: %w", id, err)
	}
	return c, nil
}

// CustomerByNumber returns the customer with the ERP number in an entity.
func (s *Store) CustomerByNumber(ctx context.Context, sc ledger.Scope, entityID int64, number string) (ledger.Customer, error) {
	c, err := scanCustomer(s.read.QueryRowContext(ctx, s.q(customerSelect+" WHERE c.entity_id = ? AND c.number = ?"+scopeClause("c.entity_id", sc)), entityID, number))
	if err != nil {
		return c, fmt.Errorf("customer %s: %w", number, err)
	}
	return c, nil
}

func customerWhere(f ledger.CustomerFilter) (string, []any) {
	var w strings.Builder
	var args []any
	w.WriteString(" WHERE 1=1")
	w.WriteString(scopeClause("c.entity_id", f.Scope))
	if f.EntityID != 0 {
		w.WriteString(" AND c.entity_id = ?")
		args = append(args, f.EntityID)
	}
	if f.Search != "" {
		w.WriteString(" AND (LOWER(c.name) LIKE ? OR LOWER(c.number) LIKE ?)")
		pat := "%" + strings.ToLower(f.Search) + "%"
		args = append(args, pat, pat)
	}
	if f.Segment != "" {
		w.WriteString(" AND c.segment = ?")
		args = append(args, f.Segment)
	}
	if f.Region != "" {
		w.WriteString(" AND c.region = ?")
		args = append(args, f.Region)
	}
	return w.String(), args
}

// Customers lists customers matching the filter, ordered by entity and
// number, and the total count ignoring Offset and Limit.
func (s *Store) Customers(ctx context.Context, f ledger.CustomerFilter) ([]ledger.Customer, int, error) {
	where, args := customerWhere(f)
	var total int
	if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM customers c"+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count customers: %w", err)
	}
	out, err := s.listCustomers(ctx, where+" ORDER BY e.code, c.number"+limitClause(f.Offset, f.Limit), args)
	return out, total, err
}

// EachCustomer streams the customers matching the filter to fn, in the
// order of Customers, without holding them all in memory.
func (s *Store) EachCustomer(ctx context.Context, f ledger.CustomerFilter, fn func(ledger.Customer) error) error {
	where, args := customerWhere(f)
	rows, err := s.read.QueryContext(ctx, s.q(customerSelect+where+" ORDER BY e.code, c.number"), args...)
	if err != nil {
		return fmt.Errorf("list customers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCustomer(rows)
		if err != nil {
			return fmt.Errorf("list customers: %w", err)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *Store) listCustomers(ctx context.Context, tail string, args []any) ([]ledger.Customer, error) {
	var out []ledger.Customer
	err := func() error {
		rows, err := s.read.QueryContext(ctx, s.q(customerSelect+tail), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanCustomer(rows)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	}()
	if err != nil {
		return nil, fmt.Errorf("list customers: %w", err)
	}
	return out, nil
}

// Subsidiaries lists the customers whose parent is the given customer.
//
// They are sorted here, not in SQL: with ORDER BY number SQLite walks the
// entity's customers in number order instead of the index on the parent
// (24 ms against 0.05 ms at 100,000 customers).
func (s *Store) Subsidiaries(ctx context.Context, sc ledger.Scope, parent ledger.Customer) ([]ledger.Customer, error) {
	out, err := s.listCustomers(ctx, " WHERE c.entity_id = ? AND c.parent_number = ?"+scopeClause("c.entity_id", sc),
		[]any{parent.EntityID, parent.Number})
	slices.SortFunc(out, func(a, b ledger.Customer) int { return strings.Compare(a.Number, b.Number) })
	return out, err
}

func limitClause(offset, limit int) string {
	if limit <= 0 {
		return ""
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(offset, 0))
}

// Key identifies an existing record for an import: its id and content hash.
type Key struct {
	ID   int64
	Hash uint64
}

// CustomerKeys returns number -> key for every customer of an entity, so an
// import can resolve customer numbers without a query per row.
func (t *Tx) CustomerKeys(entityID int64) (map[string]Key, error) {
	rows, err := t.query("SELECT number, id, row_hash FROM customers WHERE entity_id = ?", entityID)
	if err != nil {
		return nil, fmt.Errorf("customer keys: %w", err)
	}
	defer rows.Close()
	out := map[string]Key{}
	for rows.Next() {
		var n string
		var k Key
		var h int64
		if err := rows.Scan(&n, &k.ID, &h); err != nil {
			return nil, fmt.Errorf("customer keys: %w", err)
		}
		k.Hash = uint64(h)
		out[n] = k
	}
	return out, rows.Err()
}

// InsertCustomer adds a customer and returns its id.
func (t *Tx) InsertCustomer(c ledger.Customer, hash uint64) (int64, error) {
	args, err := customerArgs(c)
	if err != nil {
		return 0, err
	}
	now := ts(t.s.now())
	args = append(args, int64(hash), now, c.EntityID, c.Number, now)
	id, err := t.insertID("INSERT INTO customers ("+strings.Join(customerWriteCols, ", ")+
		", row_hash, updated_at, entity_id, number, created_at) VALUES ("+placeholders(len(args))+")", args...)
	if err != nil {
		return 0, fmt.Errorf("insert customer %s: %w", c.Number, err)
	}
	return id, nil
}

// UpdateCustomer keeps the current version of customer c.ID in the history
// and overwrites it with c.
func (t *Tx) UpdateCustomer(c ledger.Customer, hash uint64, importID int64) error {
	if err := t.snapshot("customer", "customers", append([]string{"number"}, append(customerWriteCols, "updated_at")...), []int64{c.ID}, importID); err != nil {
		return err
	}
	args, err := customerArgs(c)
	if err != nil {
		return err
	}
	args = append(args, int64(hash), ts(t.s.now()), c.ID)
	_, err = t.exec("UPDATE customers SET "+strings.Join(customerWriteCols, "=?, ")+"=?, row_hash=?, updated_at=? WHERE id=?", args...)
	if err != nil {
		return fmt.Errorf("update customer %s: %w", c.Number, err)
	}
	return nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// FindCustomer returns the entity's customer with the VAT number, else the
// chamber-of-commerce number, else the name (case-insensitive); empty
// values are not matched. ErrNotFound when none matches.
func (s *Store) FindCustomer(ctx context.Context, entityID int64, vat, coc, name string) (ledger.Customer, error) {
	for _, m := range []struct{ cond, v string }{
		{"UPPER(REPLACE(c.vat_number, ' ', '')) = ?", strings.ToUpper(strings.ReplaceAll(vat, " ", ""))},
		{"c.coc_number = ?", coc},
		{"LOWER(c.name) = ?", strings.ToLower(name)},
	} {
		if m.v == "" {
			continue
		}
		c, err := scanCustomer(s.read.QueryRowContext(ctx, s.q(customerSelect+" WHERE c.entity_id = ? AND "+m.cond+" ORDER BY c.id LIMIT 1"), entityID, m.v))
		if err == nil || !isNotFound(err) {
			return c, err
		}
	}
	return ledger.Customer{}, fmt.Errorf("customer: %w", ledger.ErrNotFound)
}
