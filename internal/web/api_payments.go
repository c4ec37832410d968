package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// handleAPIPayments lists payments newest first with their allocations:
// ?entity=&customer_id=&from=&to=&limit=&offset=.
func (s *server) handleAPIPayments() http.Handler {
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
		cust, err := queryID(r, "customer_id")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		from, err := queryDate(r, "from")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		to, err := queryDate(r, "to")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		f := ledger.PaymentFilter{EntityID: e.ID, CustomerID: cust, From: from, To: to, Offset: offset, Limit: limit + 1}
		list, err := s.svc.Payments(r.Context(), userFrom(r), f)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		out := listJSON[paymentJSON]{Items: []paymentJSON{}, Limit: limit, Offset: offset, HasMore: len(list) > limit}
		for i, p := range list {
			if i == limit {
				break
			}
			out.Items = append(out.Items, toPaymentJSON(p))
		}
		s.encode(w, http.StatusOK, out)
	})
}
