package web

import (
	"context"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// balance is what a customer owes in one currency: the open amount (credit
// notes deducted) and the overdue part (open invoices past due).
type balance = store.Balance

// customerBalances sums the open invoices of the customers on a page per
// currency, in one query.
func (s *server) customerBalances(ctx context.Context, u ledger.User, ids []int64) (map[int64][]balance, error) {
	return s.svc.CustomerBalances(ctx, u, ids)
}
