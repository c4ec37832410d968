package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// customersPage is the data of the customer list.
type customersPage struct {
	Page
	Q, Segment, Region string
	Rows               []customerRow
	Total              int
	Pager              pager
	CSVURL             string
}

// customerRow is one customer of the list with its balances.
type customerRow struct {
	ledger.Customer
	Balances []balance
}

// customerFilter reads the list filters shared by the page and the CSV export.
func customerFilter(r *http.Request, e ledger.Entity) ledger.CustomerFilter {
	q := r.URL.Query()
	return ledger.CustomerFilter{EntityID: e.ID, Search: strings.TrimSpace(q.Get("q")),
		Segment: strings.TrimSpace(q.Get("segment")), Region: strings.TrimSpace(q.Get("region"))}
}

// exportURL returns path with the current query minus the page number.
func exportURL(path string, u *url.URL) string {
	q := u.Query()
	q.Del("page")
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// handleCustomersPage lists the customers the user may see: searchable,
// filtered by entity, segment and region, 50 per page.
func (s *server) handleCustomersPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, e, err := s.listPage(r, "customers.title", "customers")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		u := p.User
		f := customerFilter(r, e)
		n := pageNumber(r, "page")
		f.Offset, f.Limit = (n-1)*perPage, perPage
		cs, total, err := s.svc.Customers(r.Context(), u, f)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		ids := make([]int64, len(cs))
		for i, c := range cs {
			ids[i] = c.ID
		}
		bal, err := s.customerBalances(r.Context(), u, ids)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		cp := customersPage{Page: p, Q: f.Search, Segment: f.Segment, Region: f.Region, Total: total,
			Pager: newPager(r.URL, "page", n, total, false), CSVURL: exportURL("/customers.csv", r.URL)}
		for _, c := range cs {
			cp.Rows = append(cp.Rows, customerRow{Customer: c, Balances: bal[c.ID]})
		}
		s.render(w, r, http.StatusOK, "customers", &cp)
	})
}
