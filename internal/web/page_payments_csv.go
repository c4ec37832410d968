package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// handlePaymentsCSV streams the payments of the list's filters in the
// canonical CSV format, one row per allocation.
func (s *server) handlePaymentsCSV() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, e, err := s.listPage(r, "", "")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		f, err := paymentFilter(r, e)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		cw := startCSV(w, "payments.csv", csvfmt.Payments)
		err = s.svc.EachPayment(r.Context(), userFrom(r), f, func(p ledger.Payment) error {
			return cw.WritePayment(p)
		})
		s.finishCSV(w, r, cw, err)
	})
}
