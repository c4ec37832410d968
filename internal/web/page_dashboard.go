package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// dashboardTop is how many overdue customers the dashboard lists.
const dashboardTop = 10

// dashboardRows is how many rows of a breakdown the page shows (most
// overdue first); the CSV and XLSX exports have them all. By customer a
// large company has tens of thousands.
const dashboardRows = 100

// dashboardPage is the data of the KPI dashboard of one entity.
type dashboardPage struct {
	Page
	AsOf         ledger.Date
	By           string
	Dims         []string
	R            app.KPIReport
	Trend        []app.TrendPoint
	TrendSVG     template.HTML
	Aging        []agingBar
	AgingSVG     template.HTML
	Top          []dashboardRow // the customers most overdue
	Rows         []dashboardRow
	RowsLeft     int // rows of the breakdown not shown (in the exports)
	CSVURL       string
	XLSXURL      string
	InvoicesURL  string // the entity's open items
	ReportURL    string // the printable report (PDF) of the last month ended
	ReportMonth  string // its month, YYYY-MM
	CanRecompute bool
}

// dashboardRow is a row of the breakdown table with its drill-down link.
type dashboardRow struct {
	app.KPIRow
	Link string // the items behind the row ("" when no list filters by the dimension)
}

// agingBar is one aging bucket.
type agingBar struct {
	Label  string
	Amount int64
	Count  int
	Share  string // of the gross open amount, "–" when nothing is open
}

// dashboardRequest reads ?entity=&as_of=&by= for the page and its exports:
// the entity is required (the first one granted by default), by defaults
// to segment.
func (s *server) dashboardRequest(r *http.Request) (Page, app.KPIRequest, error) {
	p, e, err := s.listPage(r, "dashboard.title", "dashboard")
	if err != nil {
		return p, app.KPIRequest{}, err
	}
	p.EntityRequired = true
	if e.ID == 0 {
		if len(p.Entities) == 0 {
			return p, app.KPIRequest{}, ledger.Errorf(ledger.ErrNotFound, "no entity to show")
		}
		e = p.Entities[0]
		p.Entity = e.Code
	}
	req := app.KPIRequest{Entity: e.Code, By: []string{kpi.DimSegment}}
	q := r.URL.Query()
	if v := q.Get("as_of"); v != "" {
		if req.AsOf, err = ledger.ParseDate(v); err != nil {
			return p, req, ledger.Errorf(ledger.ErrInvalid, "the date must be YYYY-MM-DD")
		}
	}
	if v := q.Get("by"); v != "" {
		if !slices.Contains(app.KPIDimensions, v) {
			return p, req, ledger.Errorf(ledger.ErrInvalid, "unknown dimension %q", v)
		}
		req.By[0] = v
	}
	return p, req, nil
}

// handleDashboardPage shows the figures of one entity as of a date: DSO and
// its trend, best possible DSO, CEI, aging, shares, the customers most
// overdue and a breakdown by a dimension, each linked to the items.
func (s *server) handleDashboardPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, req, err := s.dashboardRequest(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		by := req.By[0]
		if by != kpi.DimCustomer {
			req.By = append(req.By, kpi.DimCustomer)
		}
		reps, err := s.svc.KPI(r.Context(), p.User, req)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		rep := reps[0]
		trend, err := s.svc.KPITrend(r.Context(), p.User, rep.Entity.Code, "", "")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		d := dashboardPage{Page: p, AsOf: rep.AsOf, By: by, Dims: app.KPIDimensions, R: rep,
			Trend: trend, CanRecompute: p.User.CanWrite()}
		d.TrendSVG = trendSVG(p, trend, rep)
		for b := range kpi.NumBuckets {
			share, ok := rep.Total.Aging.Share(kpi.Bucket(b))
			d.Aging = append(d.Aging, agingBar{Label: p.T("dashboard.bucket." + strconv.Itoa(b)), Amount: rep.Total.Aging.Buckets[b].Amount,
				Count: rep.Total.Aging.Buckets[b].Count, Share: p.fig(int64(share), ok)})
		}
		d.AgingSVG = agingSVG(p, d.Aging, rep.Entity.Currency)
		entityQ := "entity=" + url.QueryEscape(rep.Entity.Code)
		d.InvoicesURL = "/invoices?" + entityQ + "&status=open"
		for _, row := range rep.MostOverdue(dashboardTop) {
			d.Top = append(d.Top, dashboardRow{KPIRow: row, Link: drillDown(entityQ, kpi.DimCustomer, row)})
		}
		for _, b := range rep.By {
			if b.Dimension == by {
				for _, row := range b.Rows[:min(len(b.Rows), dashboardRows)] {
					d.Rows = append(d.Rows, dashboardRow{KPIRow: row, Link: drillDown(entityQ, by, row)})
				}
				d.RowsLeft = len(b.Rows) - len(d.Rows)
			}
		}
		q := url.Values{"entity": {rep.Entity.Code}, "as_of": {rep.AsOf.String()}, "by": {by}}.Encode()
		d.CSVURL, d.XLSXURL = "/dashboard.csv?"+q, "/dashboard.xlsx?"+q
		d.ReportMonth = app.ReportMonth(rep.AsOf, s.svc.Today())
		d.ReportURL = "/dashboard/report.pdf?" + url.Values{"entity": {rep.Entity.Code}, "month": {d.ReportMonth}}.Encode()
		s.render(w, r, http.StatusOK, "dashboard", &d)
	})
}

// drillDown returns the list of the items behind a row of the breakdown:
// the customer's open invoices, the customers of a segment or region, or
// the entity's open invoices for the entity itself.
func drillDown(entityQ, dim string, row app.KPIRow) string {
	switch dim {
	case kpi.DimCustomer:
		if row.Customer != 0 {
			return "/invoices?" + entityQ + "&status=open&customer=" + strconv.FormatInt(row.Customer, 10)
		}
	case kpi.DimGroup:
		if row.Customer != 0 {
			return "/customers/" + strconv.FormatInt(row.Customer, 10)
		}
	case kpi.DimSegment, kpi.DimRegion:
		return "/customers?" + entityQ + "&" + dim + "=" + url.QueryEscape(row.Value)
	case kpi.DimEntity:
		return "/invoices?" + entityQ + "&status=open"
	}
	return ""
}

// fig formats a figure in hundredths for the page's language ("60.00",
// "60,00"); an undefined one is a dash.
func (p Page) fig(v int64, ok bool) string { return kpi.FormatFigure(p.Lang, v, ok) }

// Days formats days with two decimals, a dash when undefined.
func (p dashboardPage) Days(d kpi.Days, ok bool) string { return p.fig(int64(d), ok) }

// Pct formats a percentage with two decimals, a dash when undefined.
func (p dashboardPage) Pct(v kpi.Percent, ok bool) string { return p.fig(int64(v), ok) }

// DimLabel names a dimension in the page's language.
func (p dashboardPage) DimLabel(dim string) string { return p.T("dashboard.dim." + dim) }
