package app

import (
	"context"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// StatementExport is one imported statement with the transactions it
// booked (a transaction that an earlier, overlapping statement booked
// already is listed with that one only).
type StatementExport struct {
	store.StatementRow
	Entries []store.BankTransaction
}

// EachStatement streams the imported statements of the entities the user
// may see (one entity when entityID is not 0), oldest first, each with its
// transactions in booking order.
func (s *Service) EachStatement(ctx context.Context, u ledger.User, entityID int64, fn func(StatementExport) error) error {
	sts, err := s.store.Statements(ctx, u.Scope(), entityID)
	if err != nil {
		return err
	}
	for i := len(sts) - 1; i >= 0; i-- { // the store lists newest first
		x := StatementExport{StatementRow: sts[i]}
		if err := s.store.EachBankTransaction(ctx, store.BankTransactionFilter{Scope: u.Scope(), StatementID: sts[i].ID},
			func(b store.BankTransaction) error {
				x.Entries = append(x.Entries, b)
				return nil
			}); err != nil {
			return err
		}
		if err := fn(x); err != nil {
			return err
		}
	}
	return nil
}
