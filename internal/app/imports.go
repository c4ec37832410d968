package app

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"strings"

	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// ImportOptions control an import.
type ImportOptions struct {
	// AllOrNothing rejects the whole file when any row is rejected (the
	// default for the CLI and API); otherwise the valid rows go in.
	AllOrNothing bool
	// EntityCode names the entity for UBL documents whose seller matches
	// no entity; empty means: match by the seller, or the only entity.
	EntityCode string
	// CSV forces the CSV delimiter or decimal separator instead of detecting.
	CSV csvfmt.Options
}

// Problem is one rejected row: the file, the row (the line where it starts,
// 0 for a whole-document problem), the field and the reason.
type Problem struct {
	File   string `json:"file"`
	Row    int    `json:"row,omitempty"`
	Field  string `json:"field,omitempty"`
	Value  string `json:"value,omitempty"`
	Reason string `json:"reason"`
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Row > 0 {
		fmt.Fprintf(&b, ": row %d", p.Row)
	}
	if p.Field != "" {
		fmt.Fprintf(&b, ", field %s", p.Field)
	}
	b.WriteString(": ")
	b.WriteString(p.Reason)
	return b.String()
}

// maxProblems caps the problems kept in a report; Rejected counts them all.
const maxProblems = 1000

// ImportReport tells what an import did.
type ImportReport struct {
	ImportID  int64     `json:"import_id"`
	Kind      string    `json:"kind"`
	File      string    `json:"file"`
	Detected  string    `json:"detected,omitempty"`
	Rows      int       `json:"rows"`
	Inserted  int       `json:"inserted"`
	Updated   int       `json:"updated"`
	Unchanged int       `json:"unchanged"`
	Rejected  int       `json:"rejected"`
	Committed bool      `json:"committed"`
	Problems  []Problem `json:"problems,omitempty"`
}

func (r *ImportReport) reject(p Problem) {
	r.Rejected++
	if len(r.Problems) < maxProblems {
		r.Problems = append(r.Problems, p)
	}
}

func (r *ImportReport) count(o store.Outcome) {
	switch o {
	case store.Inserted:
		r.Inserted++
	case store.Updated:
		r.Updated++
	default:
		r.Unchanged++
	}
}

// RecordSource yields parsed records (a CSV reader, or the API's JSON
// batch), io.EOF at the end. A *csvfmt.RowError or csvfmt.RowErrors is a
// rejected row; any other error aborts the import.
type RecordSource interface {
	Next() (csvfmt.Record, error)
}

// ImportCSV imports one CSV file of the given kind.
func (s *Service) ImportCSV(ctx context.Context, actor ledger.User, kind csvfmt.Kind, r io.Reader, file string, opt ImportOptions) (ImportReport, error) {
	rep := ImportReport{Kind: string(kind), File: file}
	if err := requireWrite(actor); err != nil {
		return rep, err
	}
	cr, err := csvfmt.NewReader(r, file, kind, opt.CSV)
	if err != nil {
		if ps := rowProblems(err); ps != nil {
			for _, p := range ps {
				rep.reject(p)
			}
			return rep, nil
		}
		return rep, fmt.Errorf("read %s: %w", file, err)
	}
	d := cr.Detected()
	rep.Detected = fmt.Sprintf("%s, delimiter %q, decimal %q", d.Encoding, d.Delimiter, string(rune(d.Decimal)))
	return s.ImportRecords(ctx, actor, kind, file, cr, opt, rep)
}

// rowProblems converts row errors from csvfmt into problems, or nil when
// err is not a row error.
func rowProblems(err error) []Problem {
	res := csvfmt.AsRowErrors(err)
	if len(res) == 0 {
		return nil
	}
	out := make([]Problem, len(res))
	for i, e := range res {
		out[i] = Problem{File: e.File, Row: e.Row, Field: e.Field, Value: e.Value, Reason: e.Reason}
	}
	return out
}

// ImportRecords imports records of one kind from src in one transaction.
// With AllOrNothing, any rejected row rolls the whole import back.
func (s *Service) ImportRecords(ctx context.Context, actor ledger.User, kind csvfmt.Kind, file string, src RecordSource, opt ImportOptions, rep ImportReport) (ImportReport, error) {
	rep.Kind, rep.File = string(kind), file
	if err := requireWrite(actor); err != nil {
		return rep, err
	}
	if kind == csvfmt.Entities {
		if err := requireAdmin(actor); err != nil {
			return rep, err
		}
	}
	err := s.importTx(ctx, actor, string(kind), file, opt.AllOrNothing, &rep, func(im *importer) error {
		return im.run(kind, src)
	})
	return rep, err
}

// errRejected rolls an import back because rows were rejected.
var errRejected = errors.New("rejected rows")

// finishImport records the outcome of an import: "done", "rejected" (err
// is errRejected: the rows were reported, which is no failure of the
// import) or "failed" (any other error, returned).
func (s *Service) finishImport(ctx context.Context, run store.ImportRun, err error) (string, error) {
	switch {
	case errors.Is(err, errRejected):
		run.Status, err = "rejected", nil
	case err != nil:
		run.Status = "failed"
	default:
		run.Status = "done"
	}
	if ferr := s.store.FinishImport(context.WithoutCancel(ctx), run); ferr != nil && err == nil {
		err = ferr
	}
	return run.Status, err
}

// importTx runs one import in one transaction: it records the import,
// gives body an importer, rolls everything back when body rejected a row
// and allOrNothing is set, and records the outcome.
func (s *Service) importTx(ctx context.Context, actor ledger.User, kind, file string, allOrNothing bool, rep *ImportReport, body func(*importer) error) error {
	id, err := s.store.StartImport(ctx, kind, file, actor.Username)
	if err != nil {
		return err
	}
	rep.ImportID = id
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		im := &importer{s: s, tx: tx, actor: actor, rep: rep, file: file, importID: id,
			customers: map[int64]map[string]store.Key{}, seen: map[uint64]int{}}
		if err := im.loadEntities(ctx); err != nil {
			return err
		}
		err := body(im)
		im.db() // the last batch's insert is in before the commit
		if err == nil {
			err = im.writeErr
		}
		if err != nil {
			return err
		}
		if rep.Rejected > 0 && allOrNothing {
			return errRejected
		}
		return nil
	})
	if !errors.Is(err, errRejected) && err == nil {
		rep.Committed = true
	} else {
		rep.Inserted, rep.Updated, rep.Unchanged = 0, 0, 0
	}
	status, err := s.finishImport(ctx, store.ImportRun{ID: id, Inserted: rep.Inserted, Updated: rep.Updated,
		Unchanged: rep.Unchanged, Rejected: rep.Rejected}, err)
	if err != nil {
		return fmt.Errorf("import %s: %w", file, err)
	}
	s.log.Info("import", "kind", kind, "file", file, "user", actor.Username, "status", status, "rows", rep.Rows,
		"inserted", rep.Inserted, "updated", rep.Updated, "unchanged", rep.Unchanged, "rejected", rep.Rejected)
	return nil
}

// importer is the state of one import transaction.
type importer struct {
	s         *Service
	tx        *store.Tx
	actor     ledger.User
	rep       *ImportReport
	file      string
	importID  int64
	entities  map[string]ledger.Entity
	customers map[int64]map[string]store.Key // entity id -> customer number -> key
	seen      map[uint64]int                 // hash of a record's key -> row, to catch duplicates within a file
	invoices  []pendingInvoice
	payment   *pendingPayment
	writing   chan error // the bulk insert of the previous batch, running while the next is read
	writeErr  error
}

// db returns the transaction once the previous batch's bulk insert is
// done: reading and checking the next batch overlaps with writing the
// last, but the transaction is used by one goroutine at a time.
func (im *importer) db() *store.Tx {
	if im.writing != nil {
		if err := <-im.writing; err != nil && im.writeErr == nil {
			im.writeErr = err
		}
		im.writing = nil
	}
	return im.tx
}

func (im *importer) loadEntities(ctx context.Context) error {
	es, err := im.s.store.Entities(ctx, ledger.Scope{All: true})
	if err != nil {
		return err
	}
	im.entities = map[string]ledger.Entity{}
	for _, e := range es {
		im.entities[e.Code] = e
	}
	return nil
}

func (im *importer) problem(row int, field, value, reason string, args ...any) {
	im.rep.reject(Problem{File: im.file, Row: row, Field: field, Value: value, Reason: fmt.Sprintf(reason, args...)})
}

// entity resolves an entity code the actor may write to.
func (im *importer) entity(row int, code string) (ledger.Entity, bool) {
	e, ok := im.entities[code]
	if !ok || !im.actor.Scope().Allows(e.ID) {
		im.problem(row, "entity", code, "unknown entity %q (or not granted to you); import entities first", code)
		return e, false
	}
	return e, true
}

// duplicate reports (and rejects) a key seen earlier in the same file.
func (im *importer) duplicate(row int, field, value string, key ...string) bool {
	h := fnv.New64a()
	for _, k := range key {
		h.Write([]byte(k))
		h.Write([]byte{0})
	}
	sum := h.Sum64()
	if first, ok := im.seen[sum]; ok {
		im.problem(row, field, value, "%s %q appears twice in this file (first on row %d)", field, value, first)
		return true
	}
	im.seen[sum] = row
	return false
}

func (im *importer) customerKeys(entityID int64) (map[string]store.Key, error) {
	if m, ok := im.customers[entityID]; ok {
		return m, nil
	}
	m, err := im.db().CustomerKeys(entityID)
	if err != nil {
		return nil, err
	}
	im.customers[entityID] = m
	return m, nil
}

func (im *importer) run(kind csvfmt.Kind, src RecordSource) error {
	for {
		rec, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if ps := rowProblems(err); ps != nil {
				im.rep.Rows++
				for _, p := range ps[1:] {
					im.rep.Problems = append(im.rep.Problems, p) // one row, several fields: count the row once
				}
				im.rep.reject(ps[0])
				continue
			}
			return err
		}
		im.rep.Rows++
		switch {
		case rec.Entity != nil:
			err = im.entityRow(rec.Row, *rec.Entity)
		case rec.Customer != nil:
			err = im.customerRow(rec.Row, *rec.Customer)
		case rec.Invoice != nil:
			err = im.invoiceRow(rec.Row, *rec.Invoice)
		case rec.Payment != nil:
			err = im.paymentRow(rec.Row, *rec.Payment)
		default:
			err = fmt.Errorf("record of row %d has no value", rec.Row)
		}
		if err != nil {
			return err
		}
		if im.writeErr != nil {
			return im.writeErr
		}
		if len(im.invoices) >= invoiceBatch {
			if err := im.flushInvoices(); err != nil {
				return err
			}
		}
	}
	if err := im.flushInvoices(); err != nil {
		return err
	}
	return im.flushPayment()
}

func (im *importer) entityRow(row int, e ledger.Entity) error {
	if im.duplicate(row, "code", e.Code, "entity", e.Code) {
		return nil
	}
	id, o, err := im.db().UpsertEntity(e, entityHash(e), im.importID)
	if err != nil {
		return err
	}
	e.ID = id
	im.entities[e.Code] = e
	im.rep.count(o)
	return nil
}

func (im *importer) customerRow(row int, c ledger.Customer) error {
	e, ok := im.entity(row, c.EntityCode)
	if !ok || im.duplicate(row, "number", c.Number, "customer", e.Code, c.Number) {
		return nil
	}
	c.EntityID = e.ID
	if c.Currency == "" {
		c.Currency = e.Currency
	}
	if c.ParentNumber == c.Number {
		im.problem(row, "parent_number", c.ParentNumber, "a customer cannot be its own parent")
		return nil
	}
	keys, err := im.customerKeys(e.ID)
	if err != nil {
		return err
	}
	h := customerHash(c)
	k, exists := keys[c.Number]
	switch {
	case !exists:
		id, err := im.db().InsertCustomer(c, h)
		if err != nil {
			return err
		}
		keys[c.Number] = store.Key{ID: id, Hash: h}
		im.rep.Inserted++
	case k.Hash == h:
		im.rep.Unchanged++
	default:
		c.ID = k.ID
		if err := im.db().UpdateCustomer(c, h, im.importID); err != nil {
			return err
		}
		keys[c.Number] = store.Key{ID: k.ID, Hash: h}
		im.rep.Updated++
	}
	return nil
}
