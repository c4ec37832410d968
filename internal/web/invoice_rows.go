package web

import (
	"context"
	"net/http"
	"slices"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// invoiceRow is an invoice as the lists show it.
type invoiceRow struct {
	ledger.Invoice
	DaysOverdue int  // 0 unless overdue
	Overdue     bool // owed (open amount above zero) and past due: the row is marked
}

func newInvoiceRows(list []ledger.Invoice, today ledger.Date) []invoiceRow {
	rows := make([]invoiceRow, len(list))
	for i, inv := range list {
		rows[i] = invoiceRow{Invoice: inv}
		if overdue(inv, today) {
			rows[i].DaysOverdue = inv.DaysOverdue(today)
			rows[i].Overdue = true
		}
	}
	return rows
}

// overdue reports whether the customer owes (part of) the invoice past its
// due date; an open credit note is owed to the customer, never overdue.
func overdue(inv ledger.Invoice, today ledger.Date) bool {
	return inv.OpenAmount > 0 && inv.DaysOverdue(today) > 0
}

// Invoice list orders, by the "sort" query parameter.
const (
	sortDueAsc  = "due"  // oldest due date first: what needs chasing first
	sortDueDesc = "-due" // newest due date first
)

// invoiceSort reads the sort parameter; due date ascending by default.
func invoiceSort(r *http.Request) string {
	if r.URL.Query().Get("sort") == sortDueDesc {
		return sortDueDesc
	}
	return sortDueAsc
}

// invoicePage returns page n (1-based) of the invoices of f in the given
// order, and the total. The store lists by due date newest first, so the
// ascending page n is the mirror image of a page counted from the end.
func (s *server) invoicePage(ctx context.Context, u ledger.User, f ledger.InvoiceFilter, n int, order string) ([]ledger.Invoice, int, error) {
	if order == sortDueDesc {
		f.Offset, f.Limit = (n-1)*perPage, perPage
		return s.svc.Invoices(ctx, u, f)
	}
	probe := f
	probe.Limit = 1
	_, total, err := s.svc.Invoices(ctx, u, probe)
	if err != nil {
		return nil, 0, err
	}
	end := total - (n-1)*perPage
	if end <= 0 {
		return nil, total, nil
	}
	start := max(0, end-perPage)
	f.Offset, f.Limit = start, end-start
	list, total, err := s.svc.Invoices(ctx, u, f)
	slices.Reverse(list)
	return list, total, err
}
