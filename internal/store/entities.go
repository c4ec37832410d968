package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

const entityCols = "id, code, name, currency, ibans, address_line, postal_code, city, country, vat_number, coc_number, email, phone, website, created_at"

func scanEntity(sc interface{ Scan(...any) error }) (ledger.Entity, error) {
	var e ledger.Entity
	var ibans string
	err := sc.Scan(&e.ID, &e.Code, &e.Name, &e.Currency, &ibans, &e.AddressLine, &e.PostalCode, &e.City,
		&e.Country, &e.VATNumber, &e.CoCNumber, &e.Email, &e.Phone, &e.Website, timeCol{&e.CreatedAt})
	e.IBANs = strings.Fields(ibans)
	return e, err
}

// Entities lists the entities in scope, ordered by code.
func (s *Store) Entities(ctx context.Context, sc ledger.Scope) ([]ledger.Entity, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+entityCols+" FROM entities WHERE 1=1"+scopeClause("id", sc)+" ORDER BY code")
	if err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	defer rows.Close()
	var out []ledger.Entity
	for rows.Next() {
		e, err := scanEntity(rows)
		if err != nil {
			return nil, fmt.Errorf("list entities: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EntityByCode returns the entity with the given code.
func (s *Store) EntityByCode(ctx context.Context, code string) (ledger.Entity, error) {
	e, err := scanEntity(s.read.QueryRowContext(ctx, s.q("SELECT "+entityCols+" FROM entities WHERE code = ?"), code))
	if err != nil {
		return e, fmt.Errorf("entity %q: %w", code, translate(err))
	}
	return e, nil
}

// Outcome tells what an upsert did with a record.
type Outcome int

// Upsert outcomes.
const (
	Unchanged Outcome = iota
	Inserted
	Updated
)

// UpsertEntity inserts the entity or, when its code exists with a different
// hash, keeps the old version in the history and updates it.
func (t *Tx) UpsertEntity(e ledger.Entity, hash uint64, importID int64) (int64, Outcome, error) {
	var id, old int64
	err := t.queryRow("SELECT id, row_hash FROM entities WHERE code = ?", e.Code).Scan(&id, &old)
	now := ts(t.s.now())
	args := []any{e.Name, e.Currency, strings.Join(e.IBANs, " "), e.AddressLine, e.PostalCode, e.City, e.Country,
		e.VATNumber, e.CoCNumber, e.Email, e.Phone, e.Website, int64(hash), now}
	switch {
	case err == nil && old == int64(hash):
		return id, Unchanged, nil
	case err == nil:
		if err := t.snapshot("entity", "entities", entityJSON, []int64{id}, importID); err != nil {
			return 0, 0, err
		}
		_, err := t.exec(`UPDATE entities SET name=?, currency=?, ibans=?, address_line=?, postal_code=?, city=?, country=?,
			vat_number=?, coc_number=?, email=?, phone=?, website=?, row_hash=?, updated_at=? WHERE id=?`, append(args, id)...)
		if err != nil {
			return 0, 0, fmt.Errorf("update entity %s: %w", e.Code, err)
		}
		return id, Updated, nil
	default:
		id, err := t.insertID(`INSERT INTO entities (name, currency, ibans, address_line, postal_code, city, country,
			vat_number, coc_number, email, phone, website, row_hash, updated_at, code, created_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, append(args, e.Code, now)...)
		if err != nil {
			return 0, 0, fmt.Errorf("insert entity %s: %w", e.Code, err)
		}
		return id, Inserted, nil
	}
}

var entityJSON = []string{"code", "name", "currency", "ibans", "address_line", "postal_code", "city", "country",
	"vat_number", "coc_number", "email", "phone", "website", "updated_at"}

// snapshot copies the current version of the given records into
// record_history as JSON, before they are changed.
func (t *Tx) snapshot(kind, table string, cols []string, ids []int64, importID int64) error {
	if len(ids) == 0 {
		return nil
	}
	fn := "json_object"
	if t.s.dialect == Postgres {
		fn = "jsonb_build_object"
	}
	var obj strings.Builder
	for i, c := range cols {
		if i > 0 {
			obj.WriteString(", ")
		}
		fmt.Fprintf(&obj, "'%s', %s", c, c)
	}
	var imp any
	if importID != 0 {
		imp = importID
	}
	for start := 0; start < len(ids); start += 500 {
		end := min(start+500, len(ids))
		_, err := t.exec("INSERT INTO record_history (kind, record_id, import_id, replaced_at, data) SELECT ?, id, ?, ?, "+
			fn+"("+obj.String()+") FROM "+table+" WHERE id IN ("+idList(ids[start:end])+")", kind, imp, ts(t.s.now()))
		if err != nil {
			return fmt.Errorf("keep history of %s: %w", table, err)
		}
	}
	return nil
}

func idList(ids []int64) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%d", id)
	}
	return b.String()
}

// HistoryEntry is one earlier version of a record.
type HistoryEntry struct {
	ImportID   int64
	ReplacedAt time.Time
	Data       string // JSON object of the columns as they were
}

// History returns the earlier versions of a record, oldest first. kind is
// "entity", "customer", "invoice" or "payment".
func (s *Store) History(ctx context.Context, kind string, id int64) ([]HistoryEntry, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT COALESCE(import_id, 0), replaced_at, data FROM record_history
		WHERE kind = ? AND record_id = ? ORDER BY id`), kind, id)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var h HistoryEntry
		if err := rows.Scan(&h.ImportID, timeCol{&h.ReplacedAt}, &h.Data); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
