package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// paymentsPage is the data of the payment list.
type paymentsPage struct {
	Page
	Customer int64 // customer filter, 0 for all
	Payments []ledger.Payment
	Pager    pager
	CSVURL   string
}

// paymentFilter reads the filters shared by the payment page and its export.
func paymentFilter(r *http.Request, e ledger.Entity) (ledger.PaymentFilter, error) {
	cust, err := queryID(r, "customer")
	if err != nil {
		return ledger.PaymentFilter{}, err
	}
	return ledger.PaymentFilter{EntityID: e.ID, CustomerID: cust}, nil
}

// handlePaymentsPage lists payments newest first with their allocations,
// 50 per page.
func (s *server) handlePaymentsPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, e, err := s.listPage(r, "payments.title", "payments")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		f, err := paymentFilter(r, e)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		n := pageNumber(r, "page")
		f.Offset, f.Limit = (n-1)*perPage, perPage+1 // one more tells whether a next page exists
		list, err := s.svc.Payments(r.Context(), p.User, f)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		more := len(list) > perPage
		if more {
			list = list[:perPage]
		}
		pp := paymentsPage{Page: p, Customer: f.CustomerID, Payments: list, Pager: newPager(r.URL, "page", n, -1, more),
			CSVURL: exportURL("/payments.csv", r.URL)}
		s.render(w, r, http.StatusOK, "payments", &pp)
	})
}
