package web

import (
	"context"
	"sort"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// balance is what a customer owes in one currency: the open amount (credit
// notes deducted) and the overdue part (open invoices past due).
type balance struct {
	Currency string
	Open     int64
	Overdue  int64
}

// customerBalances sums the open invoices of each customer per currency.
// The store has no aggregate query yet, so this reads the open invoices of
// each customer on the page (one query per customer, at most perPage).
func (s *server) customerBalances(ctx context.Context, u ledger.User, ids []int64) (map[int64][]balance, error) {
	today := s.svc.Today()
	out := make(map[int64][]balance, len(ids))
	for _, id := range ids {
		sums := map[string]*balance{}
		err := s.svc.EachInvoice(ctx, u, ledger.InvoiceFilter{CustomerID: id, Status: ledger.StatusOpen}, func(i ledger.Invoice) error {
			b := sums[i.Currency]
			if b == nil {
				b = &balance{Currency: i.Currency}
				sums[i.Currency] = b
			}
			b.Open += i.OpenAmount
			if overdue(i, today) {
				b.Overdue += i.OpenAmount
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		list := make([]balance, 0, len(sums))
		for _, b := range sums {
			list = append(list, *b)
		}
		sort.Slice(list, func(a, b int) bool { return list[a].Currency < list[b].Currency })
		out[id] = list
	}
	return out, nil
}
