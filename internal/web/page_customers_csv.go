package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// handleCustomersCSV streams the customers of the list's filters in the
// canonical CSV format, which imports back unchanged.
func (s *server) handleCustomersCSV() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, e, err := s.listPage(r, "", "")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		cw := startCSV(w, "customers.csv", csvfmt.Customers)
		err = s.svc.EachCustomer(r.Context(), userFrom(r), customerFilter(r, e), func(c ledger.Customer) error {
			return cw.WriteCustomer(c)
		})
		s.finishCSV(w, r, cw, err)
	})
}
