package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// handleAPIInvoices lists invoices, newest due date first:
// ?entity=&customer_id=&status=&limit=&offset=.
func (s *server) handleAPIInvoices() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e, err := s.apiEntity(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		limit, offset, err := paging(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		status, err := queryStatus(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		cust, err := queryID(r, "customer_id")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		f := ledger.InvoiceFilter{EntityID: e.ID, CustomerID: cust, Status: status, Offset: offset, Limit: limit}
		list, total, err := s.svc.Invoices(r.Context(), userFrom(r), f)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		today := s.svc.Today()
		out := listJSON[invoiceJSON]{Items: []invoiceJSON{}, Total: &total, Limit: limit, Offset: offset,
			HasMore: offset+len(list) < total}
		for _, i := range list {
			out.Items = append(out.Items, toInvoiceJSON(i, today))
		}
		s.encode(w, http.StatusOK, out)
	})
}
