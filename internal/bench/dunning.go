package bench

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// DunningResult is the outcome of the dunning benchmark on one database.
type DunningResult struct {
	Dialect       store.Dialect
	Customers     int
	Items         int           // overdue items
	Actions       int           // actions decided
	Messages      int           // messages rendered and queued
	Floor         time.Duration // stream the overdue rows + render as many e-mails, no decisions, no writes
	Run           time.Duration // the real run: select, decide, costs and interest, render, queue
	PeakHeapBytes uint64
}

// Ratio is run time over floor time.
func (r DunningResult) Ratio() float64 { return r.Run.Seconds() / r.Floor.Seconds() }

func (r DunningResult) String() string {
	return fmt.Sprintf("%-8s %d customers, %d overdue items: floor %6.2fs  run %6.2fs (%d actions, %d messages, %.0f items/s)  ratio %.2fx  peak heap %d MB",
		r.Dialect, r.Customers, r.Items, r.Floor.Seconds(), r.Run.Seconds(), r.Actions, r.Messages,
		float64(r.Items)/r.Run.Seconds(), r.Ratio(), r.PeakHeapBytes>>20)
}

// Dunning loads customers with overdue items (itemsPer each, due 1 to 120
// days ago, so every level of the default schemes is reached) and measures
// the floor and a full run of the day.
func Dunning(ctx context.Context, dbs *Databases, customers, itemsPer int) (DunningResult, error) {
	res := DunningResult{Dialect: dbs.Dialect, Customers: customers, Items: customers * itemsPer}
	today := ledger.MustDate("2026-11-23")
	st, err := dbs.Open(ctx)
	if err != nil {
		return res, err
	}
	defer st.Close()
	svc := app.New(st, nil, func() time.Time { return today.Time().Add(7 * time.Hour) })
	if err := loadOverdue(ctx, st, customers, itemsPer, today); err != nil {
		return res, fmt.Errorf("load: %w", err)
	}

	runtime.GC()
	stop := watchHeap(&res.PeakHeapBytes)
	start := time.Now()
	rep, err := svc.RunDunning(ctx, app.System, app.RunOptions{EntityCode: "NL01", Date: today})
	res.Run = time.Since(start)
	stop()
	if err != nil {
		return res, fmt.Errorf("run: %w", err)
	}
	res.Actions, res.Messages = rep.Actions, rep.Messages

	// the floor: the same rows out of the database, and as many messages
	// rendered from the same templates as the run queued (cycling through
	// the customers), without decisions and without writes
	tpl := comms.DefaultTemplates()
	e, err := st.EntityByCode(ctx, "NL01")
	if err != nil {
		return res, err
	}
	runtime.GC()
	start = time.Now()
	rows, rendered := 0, 0
	var letters []comms.Letter
	err = st.EachDunningCustomer(ctx, e.ID, today.AddDays(5), func(dc *store.DunningCustomer) error {
		rows += len(dc.Items)
		c := ledger.Customer{ID: dc.ID, Number: fmt.Sprintf("D%06d", dc.ID), Name: "Klant B.V.", Language: "nl", Email: "x@example.com"}
		l := comms.Letter{Template: comms.Friendly, Language: "nl", Entity: e, Customer: c, Date: today, Currency: "EUR", PayBy: today.AddDays(7)}
		for _, it := range dc.Items {
			l.Lines = append(l.Lines, comms.Line{Number: it.Number, DueDate: it.DueDate, DaysOverdue: it.DueDate.DaysUntil(today), Amount: it.Open})
			l.Total += it.Open
		}
		if _, err := tpl.Email(l); err != nil {
			return err
		}
		rendered++
		if len(letters) < 1000 {
			letters = append(letters, l)
		}
		return nil
	})
	for k := 0; err == nil && rendered < res.Messages; k++ {
		_, err = tpl.Email(letters[k%len(letters)])
		rendered++
	}
	res.Floor = time.Since(start)
	if err != nil {
		return res, fmt.Errorf("floor: %w", err)
	}
	if rows != res.Items {
		return res, fmt.Errorf("floor streamed %d rows, want %d", rows, res.Items)
	}

	return res, nil
}

// loadOverdue writes one entity, the customers and their overdue items.
func loadOverdue(ctx context.Context, st *store.Store, customers, itemsPer int, today ledger.Date) error {
	return st.Tx(ctx, func(tx *store.Tx) error {
		eid, _, err := tx.UpsertEntity(ledger.Entity{Code: "NL01", Name: "Bench Groothandel B.V.", Currency: "EUR",
			IBANs: []string{"NL91ABNA0417164300"}, City: "Utrecht", Country: "NL"}, 1, 0)
		if err != nil {
			return err
		}
		var batch []store.InvoiceRow
		for c := 0; c < customers; c++ {
			kind := ledger.KindB2B
			if c%10 == 0 {
				kind = ledger.KindConsumer
			}
			cust := ledger.Customer{EntityID: eid, Number: fmt.Sprintf("D%06d", c), Name: fmt.Sprintf("Klant %d B.V.", c), Kind: kind,
				Language: []string{"nl", "en", "de", "fr"}[c%4], Email: fmt.Sprintf("debiteuren%d@example.com", c), PaymentTerms: 30,
				Currency: "EUR", AddressLine: "Dorpsstraat 1", PostalCode: "1234 AB", City: "Ede"}
			cid, err := tx.InsertCustomer(cust, uint64(c))
			if err != nil {
				return err
			}
			for k := 0; k < itemsPer; k++ {
				n := c*itemsPer + k
				due := today.AddDays(-1 - (n*37)%120)
				amount := int64(5000 + (n*7907)%400000)
				batch = append(batch, store.InvoiceRow{Hash: uint64(n), Invoice: ledger.Invoice{EntityID: eid, CustomerID: cid,
					Kind: ledger.InvoiceKindInvoice, Number: fmt.Sprintf("F%08d", n), InvoiceDate: due.AddDays(-30), DueDate: due,
					Currency: "EUR", Amount: amount, OpenAmount: amount, Source: "bench"}})
			}
			if len(batch) >= 10000 {
				if err := tx.InsertInvoices(batch); err != nil {
					return err
				}
				batch = batch[:0]
			}
		}
		return tx.InsertInvoices(batch)
	})
}
