package main

import (
	"bufio"
	"encoding/csv"
	"strconv"
	"time"

	"fmt"
	"github.com/kredo-dev/kredo/internal/store"
	"io"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
)

func cmdExport(e *env, args []string) error {
	var db dbFlags
	fl := e.flags("export", `export KIND [--format csv|json] [--entity CODE] [--status open|paid] [--from DATE] [--to DATE] [--out FILE]

Kinds: entities, customers, invoices, payments. CSV is UTF-8 with ',' and '.' decimals,
the same columns import reads, so an export imports back unchanged. JSON is an array of
objects with the same column names and string values (what POST /api/v1/KIND accepts).
Also: messages (the outbox: every reminder, letter and task, with its customer, level,
channel, items, amounts and delivery status); statements (each imported bank statement with
its account, number, dates, balances and entries: signed amount, dates, references,
counterparty, remittance text, match state; JSON nests the entries, CSV has a row per entry).`, &db)
	format := fl.String("format", "csv", "csv or json")
	entity := fl.String("entity", "", "only this entity (code)")
	status := fl.String("status", "", "invoices only: open or paid")
	from := fl.String("from", "", "invoices: invoice date from; payments: date from (YYYY-MM-DD)")
	to := fl.String("to", "", "invoices: invoice date until; payments: date until (YYYY-MM-DD), inclusive")
	out := fl.String("out", "", "write to FILE instead of standard output")
	pos, ok, err := parseInterleaved(fl, args)
	if !ok {
		return err
	}
	if len(pos) != 1 {
		fl.Usage()
		return &exitError{2, fmt.Errorf("export needs one kind")}
	}
	if pos[0] == "statements" {
		return exportStatements(e, &db, *format, *entity, *out)
	}
	var kind csvfmt.Kind
	if pos[0] != "messages" {
		if kind, err = csvfmt.ParseKind(pos[0]); err != nil {
			return &exitError{2, err}
		}
	}
	if *format != "csv" && *format != "json" {
		return &exitError{2, fmt.Errorf("--format must be csv or json")}
	}
	var fromD, toD ledger.Date
	if *from != "" {
		if fromD, err = ledger.ParseDate(*from); err != nil {
			return &exitError{2, fmt.Errorf("--from: %w", err)}
		}
	}
	if *to != "" {
		if toD, err = ledger.ParseDate(*to); err != nil {
			return &exitError{2, fmt.Errorf("--to: %w", err)}
		}
	}
	if *status != "" && *status != ledger.StatusOpen && *status != ledger.StatusPaid {
		return &exitError{2, fmt.Errorf("--status must be open or paid")}
	}
	svc, closeDB, err := e.open(&db, e.logger(&db))
	if err != nil {
		return err
	}
	defer closeDB()
	var entityID int64
	if *entity != "" {
		ent, err := svc.Store().EntityByCode(e.ctx, *entity)
		if err != nil {
			return fmt.Errorf("--entity: %s", ledger.UserMessage(err))
		}
		entityID = ent.ID
	}
	var w io.Writer = e.stdout
	var file *atomicFile // the file is put in place only when the export is whole
	if *out != "" {
		f, err := createAtomic(*out)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer f.Abort()
		w, file = f, f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	write := func(cw io.Writer) error {
		if kind == "" {
			return exportMessages(e, svc, cw, entityID)
		}
		return export(e, svc, kind, cw, entityID, *status, fromD, toD)
	}
	if *format == "json" {
		err = csvfmt.CSVToJSON(bw, write)
	} else {
		err = write(bw)
	}
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if file != nil {
		if err := file.Commit(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}

// export streams the records of a kind as canonical CSV.
func export(e *env, svc *app.Service, kind csvfmt.Kind, w io.Writer, entityID int64, status string, from, to ledger.Date) error {
	cw := csvfmt.NewWriter(w, kind)
	var err error
	u := app.System
	switch kind {
	case csvfmt.Entities:
		var es []ledger.Entity
		if es, err = svc.Entities(e.ctx, u); err == nil {
			for _, x := range es {
				if entityID == 0 || x.ID == entityID {
					if err = cw.WriteEntity(x); err != nil {
						break
					}
				}
			}
		}
	case csvfmt.Customers:
		err = svc.EachCustomer(e.ctx, u, ledger.CustomerFilter{EntityID: entityID}, cw.WriteCustomer)
	case csvfmt.Invoices:
		err = svc.EachInvoice(e.ctx, u, ledger.InvoiceFilter{EntityID: entityID, Status: status, From: from, To: to}, cw.WriteInvoice)
	case csvfmt.Payments:
		err = svc.EachPayment(e.ctx, u, ledger.PaymentFilter{EntityID: entityID, From: from, To: to}, cw.WritePayment)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	return cw.Flush()
}

// exportMessages streams the outbox as CSV.
func exportMessages(e *env, svc *app.Service, w io.Writer, entityID int64) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "entity", "customer_number", "customer_name", "run_date", "level", "level_name", "channel", "to",
		"subject", "items", "currency", "total", "interest", "costs", "status", "attempts", "last_error", "created_at", "sent_at"})
	err := svc.EachMessageRow(e.ctx, app.System, store.MessageFilter{EntityID: entityID}, func(r store.MessageRow) error {
		sent := ""
		if !r.SentAt.IsZero() {
			sent = r.SentAt.Format(time.RFC3339)
		}
		return cw.Write([]string{strconv.FormatInt(r.ID, 10), r.EntityCode, r.CustomerNumber, r.CustomerName, r.RunDate.String(),
			strconv.Itoa(r.Level), r.LevelName, r.Channel, r.ToAddress, r.Subject, r.Items, r.Currency,
			ledger.FormatAmount(r.Total, r.Currency), ledger.FormatAmount(r.Interest, r.Currency), ledger.FormatAmount(r.Costs, r.Currency),
			r.Status, strconv.Itoa(r.Attempts), r.LastError, r.CreatedAt.Format(time.RFC3339), sent})
	})
	if err != nil {
		return fmt.Errorf("export messages: %w", err)
	}
	cw.Flush()
	return cw.Error()
}
