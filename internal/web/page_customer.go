package web

import (
	"errors"
	"net/http"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// customerPage is the data of one customer's page.
type customerPage struct {
	Page
	Customer     ledger.Customer
	Parent       *ledger.Customer // nil when none or not visible
	Subsidiaries []ledger.Customer
	Balances     []balance
	Invoices     []invoiceRow
	InvoiceTotal int
	Status       string // invoice status filter
	Sort         string
	Pager        pager
	Payments     []ledger.Payment
	MorePayments bool
	PaymentsURL  string
	Dunning      customerDunning
	Work         customerWork
	Notice       string // after pausing or resuming, or work done
}

// customerPayments is how many payments the customer page shows.
const customerPayments = 20

// handleCustomerPage shows a customer: details, contacts, group, invoices
// (paged, sorted by due date), recent payments and dunning. A customer of
// an entity not granted to the user is not found.
func (s *server) handleCustomerPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cp, err := s.loadCustomerPage(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "customer", cp)
	})
}

// loadCustomerPage reads everything the customer page shows.
func (s *server) loadCustomerPage(r *http.Request) (*customerPage, error) {
	ctx := r.Context()
	p := s.newPage(r, "", "customers")
	u := p.User
	id, err := parseID(r, "id")
	if err != nil {
		return nil, err
	}
	c, err := s.svc.Customer(ctx, u, id)
	if err != nil {
		return nil, err
	}
	status, err := queryStatus(r)
	if err != nil {
		return nil, err
	}
	p.Title = c.Name
	cp := customerPage{Page: p, Customer: c, Status: status, Sort: invoiceSort(r), PaymentsURL: "/payments?customer=" + r.PathValue("id"),
		Notice: notice(r, p)}
	if c.ParentID != 0 {
		parent, err := s.svc.Customer(ctx, u, c.ParentID)
		switch {
		case err == nil:
			cp.Parent = &parent
		case !errors.Is(err, ledger.ErrNotFound):
			return nil, err
		}
	}
	if cp.Subsidiaries, err = s.svc.Subsidiaries(ctx, u, c); err != nil {
		return nil, err
	}
	bal, err := s.customerBalances(ctx, u, []int64{c.ID})
	if err != nil {
		return nil, err
	}
	cp.Balances = bal[c.ID]
	n := pageNumber(r, "page")
	invs, total, err := s.invoicePage(ctx, u, ledger.InvoiceFilter{CustomerID: c.ID, Status: status}, n, cp.Sort)
	if err != nil {
		return nil, err
	}
	cp.Invoices, cp.InvoiceTotal = newInvoiceRows(invs, s.svc.Today()), total
	cp.Pager = newPager(r.URL, "page", n, total, false)
	pays, err := s.svc.Payments(ctx, u, ledger.PaymentFilter{CustomerID: c.ID, Limit: customerPayments + 1})
	if err != nil {
		return nil, err
	}
	if len(pays) > customerPayments {
		pays, cp.MorePayments = pays[:customerPayments], true
	}
	cp.Payments = pays
	if cp.Dunning, err = s.customerDunning(r, p, c); err != nil {
		return nil, err
	}
	if cp.Work, err = s.loadCustomerWork(r, p, c); err != nil {
		return nil, err
	}
	return &cp, nil
}
