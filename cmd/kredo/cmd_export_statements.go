package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// statementJSON is one statement as kredo export statements --format json
// writes it: amounts are decimal strings with '.', dates YYYY-MM-DD.
type statementJSON struct {
	Entity         string      `json:"entity"`
	Account        string      `json:"account"`
	Format         string      `json:"format"`
	Number         string      `json:"number"`
	StatementID    string      `json:"statement_id"`
	Currency       string      `json:"currency"`
	OpeningDate    string      `json:"opening_date,omitempty"`
	OpeningBalance string      `json:"opening_balance,omitempty"`
	ClosingDate    string      `json:"closing_date,omitempty"`
	ClosingBalance string      `json:"closing_balance,omitempty"`
	File           string      `json:"file"`
	ImportedAt     string      `json:"imported_at"`
	Entries        []entryJSON `json:"entries"`
}

// entryJSON is one booked transaction of a statement.
type entryJSON struct {
	BookingDate      string `json:"booking_date"`
	ValueDate        string `json:"value_date,omitempty"`
	Amount           string `json:"amount"` // signed: negative is money out
	Currency         string `json:"currency"`
	BankReference    string `json:"bank_reference,omitempty"`
	EndToEndID       string `json:"end_to_end_id,omitempty"`
	StructuredRef    string `json:"structured_ref,omitempty"`
	CounterpartyName string `json:"counterparty_name,omitempty"`
	CounterpartyIBAN string `json:"counterparty_iban,omitempty"`
	Remittance       string `json:"remittance,omitempty"`
	Kind             string `json:"kind"`        // incoming, outgoing, reversal, return
	MatchState       string `json:"match_state"` // auto, manual, suggested, unmatched, ignored
	Rule             string `json:"rule,omitempty"`
	Confidence       int    `json:"confidence,omitempty"`
	Note             string `json:"note,omitempty"`
}

var statementColumns = []string{"entity", "account", "format", "number", "statement_id", "currency", "opening_date", "opening_balance",
	"closing_date", "closing_balance", "file", "imported_at", "booking_date", "value_date", "amount", "entry_currency", "bank_reference",
	"end_to_end_id", "structured_ref", "counterparty_name", "counterparty_iban", "remittance", "kind", "match_state", "rule", "confidence", "note"}

// exportStatements writes kredo export statements: each imported
// statement with its balances and entries, as a JSON array of statements
// or as CSV with one row per entry (a statement without entries is one row
// with the entry columns empty).
func exportStatements(e *env, db *dbFlags, format, entity, out string) error {
	if format != "csv" && format != "json" {
		return &exitError{2, fmt.Errorf("--format must be csv or json")}
	}
	svc, closeDB, err := e.open(db, e.logger(db))
	if err != nil {
		return err
	}
	defer closeDB()
	es, err := svc.Entities(e.ctx, app.System)
	if err != nil {
		return err
	}
	codes := map[int64]string{}
	var entityID int64
	for _, x := range es {
		codes[x.ID] = x.Code
		if x.Code == entity {
			entityID = x.ID
		}
	}
	if entity != "" && entityID == 0 {
		return &exitError{2, fmt.Errorf("--entity: unknown entity %q", entity)}
	}
	var w io.Writer = e.stdout
	var file *atomicFile // the file is put in place only when the export is whole
	if out != "" {
		f, err := createAtomic(out)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer f.Abort()
		w, file = f, f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if format == "json" {
		err = statementsJSON(e, svc, bw, entityID, codes)
	} else {
		err = statementsCSV(e, svc, bw, entityID, codes)
	}
	if err != nil {
		return fmt.Errorf("export statements: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export statements: %w", err)
	}
	if file != nil {
		if err := file.Commit(); err != nil {
			return fmt.Errorf("export statements: %w", err)
		}
	}
	return nil
}

func toStatementJSON(x app.StatementExport, codes map[int64]string) statementJSON {
	s := statementJSON{Entity: codes[x.EntityID], Account: x.Account, Format: x.Format, Number: x.Number, StatementID: x.StatementID,
		Currency: x.Currency, File: x.File, ImportedAt: x.ImportedAt.UTC().Format(time.RFC3339), Entries: []entryJSON{}}
	if x.OpeningAmount != nil {
		s.OpeningDate, s.OpeningBalance = dateText(x.OpeningDate), ledger.FormatAmount(*x.OpeningAmount, x.Currency)
	}
	if x.ClosingAmount != nil {
		s.ClosingDate, s.ClosingBalance = dateText(x.ClosingDate), ledger.FormatAmount(*x.ClosingAmount, x.Currency)
	}
	for _, b := range x.Entries {
		s.Entries = append(s.Entries, toEntryJSON(b))
	}
	return s
}

func toEntryJSON(b store.BankTransaction) entryJSON {
	ref, _ := strings.CutPrefix(b.EntryKey, "ref:")
	if strings.HasPrefix(b.EntryKey, "h:") {
		ref = ""
	}
	return entryJSON{BookingDate: dateText(b.BookingDate), ValueDate: dateText(b.ValueDate), Amount: ledger.FormatAmount(b.Amount, b.Currency),
		Currency: b.Currency, BankReference: ref, EndToEndID: b.EndToEndID, StructuredRef: b.StructuredRef,
		CounterpartyName: b.CounterpartyName, CounterpartyIBAN: b.CounterpartyIBAN, Remittance: b.Remittance, Kind: b.Kind,
		MatchState: b.State, Rule: b.Rule, Confidence: b.Confidence, Note: b.Note}
}

func dateText(d ledger.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func statementsJSON(e *env, svc *app.Service, w *bufio.Writer, entityID int64, codes map[int64]string) error {
	w.WriteString("[")
	n := 0
	err := svc.EachStatement(e.ctx, app.System, entityID, func(x app.StatementExport) error {
		b, err := json.MarshalIndent(toStatementJSON(x, codes), "  ", "  ")
		if err != nil {
			return err
		}
		if n > 0 {
			w.WriteString(",")
		}
		n++
		w.WriteString("\n  ")
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	if n > 0 {
		w.WriteString("\n")
	}
	_, err = w.WriteString("]\n")
	return err
}

func statementsCSV(e *env, svc *app.Service, w io.Writer, entityID int64, codes map[int64]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(statementColumns); err != nil {
		return err
	}
	err := svc.EachStatement(e.ctx, app.System, entityID, func(x app.StatementExport) error {
		s := toStatementJSON(x, codes)
		head := []string{s.Entity, s.Account, s.Format, s.Number, s.StatementID, s.Currency, s.OpeningDate, s.OpeningBalance,
			s.ClosingDate, s.ClosingBalance, s.File, s.ImportedAt}
		if len(s.Entries) == 0 {
			return cw.Write(append(head, make([]string, len(statementColumns)-len(head))...))
		}
		for _, en := range s.Entries {
			conf := ""
			if en.Confidence != 0 {
				conf = strconv.Itoa(en.Confidence)
			}
			row := append(append([]string(nil), head...), en.BookingDate, en.ValueDate, en.Amount, en.Currency, en.BankReference,
				en.EndToEndID, en.StructuredRef, en.CounterpartyName, en.CounterpartyIBAN, en.Remittance, en.Kind, en.MatchState,
				en.Rule, conf, en.Note)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
