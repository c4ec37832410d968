package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// disputeNewPage is the form to open a dispute for a customer.
type disputeNewPage struct {
	Page
	Customer ledger.Customer
	Invoices []ledger.Invoice
	Reasons  []disputes.Reason
	Error    string
}

// handleDisputeNew shows the form: the customer's open invoices to tick,
// each with the disputed part (empty: all that is open), reason and text.
func (s *server) handleDisputeNew() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dp, err := s.disputeNewPage(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "dispute_new", dp)
	})
}

func (s *server) disputeNewPage(r *http.Request) (disputeNewPage, error) {
	id, err := parseID(r, "id")
	if err != nil {
		return disputeNewPage{}, err
	}
	u := userFrom(r)
	c, err := s.svc.Customer(r.Context(), u, id)
	if err != nil {
		return disputeNewPage{}, err
	}
	p := s.newPage(r, "dispute.new", "disputes")
	dp := disputeNewPage{Page: p, Customer: c}
	if dp.Invoices, _, err = s.svc.Invoices(r.Context(), u, ledger.InvoiceFilter{CustomerID: c.ID, Status: ledger.StatusOpen,
		Kind: ledger.InvoiceKindInvoice, Limit: 500}); err != nil {
		return dp, err
	}
	reasons, err := s.svc.DisputeReasons(r.Context())
	for _, rs := range reasons {
		if rs.Active {
			dp.Reasons = append(dp.Reasons, rs)
		}
	}
	return dp, err
}

// handleDisputeCreate opens the dispute and shows it; bad input shows the
// form again with the error.
func (s *server) handleDisputeCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dp, err := s.disputeNewPage(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		nd := app.NewDispute{CustomerID: dp.Customer.ID, Reason: r.PostFormValue("reason"), Description: r.PostFormValue("description")}
		for _, v := range r.PostForm["invoice"] {
			invID, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				continue
			}
			di := app.DisputedInvoice{InvoiceID: invID}
			if a := strings.TrimSpace(r.PostFormValue("amount-" + v)); a != "" {
				cur := dp.Customer.Currency
				for _, inv := range dp.Invoices {
					if inv.ID == invID {
						cur = inv.Currency
					}
				}
				if di.Amount, err = parseFormAmount(dp.Lang, a, cur); err != nil {
					dp.Error = dp.T("dispute.err_amount") + " " + strconv.Quote(a)
					s.render(w, r, http.StatusUnprocessableEntity, "dispute_new", dp)
					return
				}
			}
			nd.Invoices = append(nd.Invoices, di)
		}
		id, err := s.svc.OpenDispute(r.Context(), userFrom(r), nd)
		if err != nil {
			if status := statusOf(err); status == http.StatusBadRequest || status == http.StatusUnprocessableEntity {
				dp.Error = ledger.UserMessage(err)
				s.render(w, r, http.StatusUnprocessableEntity, "dispute_new", dp)
				return
			}
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, withDone(disputeURL(id), "opened"), http.StatusSeeOther)
	})
}
