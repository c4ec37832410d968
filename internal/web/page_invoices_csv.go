package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// handleInvoicesCSV streams the invoices of the list's filters in the
// canonical CSV format.
func (s *server) handleInvoicesCSV() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, e, err := s.listPage(r, "", "")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		f, err := invoiceFilter(r, e)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		cw := startCSV(w, "invoices.csv", csvfmt.Invoices)
		err = s.svc.EachInvoice(r.Context(), userFrom(r), f, func(i ledger.Invoice) error {
			return cw.WriteInvoice(i)
		})
		s.finishCSV(w, r, cw, err)
	})
}
