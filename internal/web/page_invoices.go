package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// invoicesPage is the data of the invoice list.
type invoicesPage struct {
	Page
	Status   string
	Sort     string
	Customer int64 // customer filter, 0 for all
	Rows     []invoiceRow
	Total    int
	Pager    pager
	CSVURL   string
}

// invoiceFilter reads the filters shared by the invoice page and its export.
func invoiceFilter(r *http.Request, e ledger.Entity) (ledger.InvoiceFilter, error) {
	status, err := queryStatus(r)
	if err != nil {
		return ledger.InvoiceFilter{}, err
	}
	cust, err := queryID(r, "customer")
	if err != nil {
		return ledger.InvoiceFilter{}, err
	}
	return ledger.InvoiceFilter{EntityID: e.ID, Status: status, CustomerID: cust}, nil
}

// handleInvoicesPage lists the invoices the user may see, filtered by
// entity and status, 50 per page.
func (s *server) handleInvoicesPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, e, err := s.listPage(r, "invoices.title", "invoices")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		f, err := invoiceFilter(r, e)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		n, order := pageNumber(r, "page"), invoiceSort(r)
		list, total, err := s.invoicePage(r.Context(), p.User, f, n, order)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		ip := invoicesPage{Page: p, Status: f.Status, Sort: order, Customer: f.CustomerID,
			Rows: newInvoiceRows(list, s.svc.Today()), Total: total,
			Pager: newPager(r.URL, "page", n, total, false), CSVURL: exportURL("/invoices.csv", r.URL)}
		s.render(w, r, http.StatusOK, "invoices", &ip)
	})
}
