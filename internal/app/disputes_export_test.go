package app

import (
	"context"

	"github.com/kredo-dev/kredo/internal/store"
)

// RaisePaymentDifference runs raisePaymentDifference in a transaction of
// its own, for the tests of package app_test (the statement import calls
// it inside its own).
func (s *Service) RaisePaymentDifference(ctx context.Context, d PaymentDifference) (int64, error) {
	var id int64
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		id, err = s.raisePaymentDifference(tx, d)
		return err
	})
	return id, err
}
