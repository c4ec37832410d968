package web

import (
	"net/http"
	"strings"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// dunningPage is the data of the dunning overview of one entity: its
// settings, the preview of a run and the recent runs.
type dunningPage struct {
	Page
	EntityName string
	Settings   store.EntityDunning
	Day        ledger.Date // the preview's date
	Today      bool        // the preview's date is today: it can be run now
	TodayRun   *runRow     // today's run, when it has been made
	Preview    *preview
	Runs       []runRow
	Notice     string
}

// preview is what a dry run says a run would do.
type preview struct {
	Customers, Actions, Skipped int
	Levels                      []levelRow
	Level                       string // the level shown in the planned actions; "" for all
	Planned                     []plannedRow
	Total                       int // planned actions of the level
	Pager                       pager
	AllURL                      string
}

// plannedRow is one planned action of a preview.
type plannedRow struct {
	CustomerID     int64
	CustomerNumber string
	CustomerName   string
	Level          string // "scheme: level"
	Channels       []string
	Items          []string
	Currency       string
	Total          int64
	Costs          int64
	Interest       int64
	Handover       bool
	ProposeBlock   bool
}

// recentRuns is how many runs the overview lists.
const recentRuns = 30

// dunningOverview loads the page's settings and recent runs.
func (s *server) dunningOverview(r *http.Request) (*dunningPage, ledger.Entity, error) {
	p, e, err := s.entityPage(r, "dunning.title", "dunning")
	if err != nil {
		return nil, e, err
	}
	dp := &dunningPage{Page: p, EntityName: e.Name, Day: s.svc.Today(), Today: true, Notice: notice(r, p)}
	if dp.Settings, err = s.svc.DunningSettings(r.Context(), p.User, e.ID); err != nil {
		return nil, e, err
	}
	runs, err := s.svc.Runs(r.Context(), onlyEntity(p.User, e), recentRuns)
	if err != nil {
		return nil, e, err
	}
	dp.Runs = runRows(runs, p.Entities)
	if len(dp.Runs) > 0 && dp.Runs[0].Date == dp.Day {
		// today's run is made: the next one to preview is tomorrow's
		dp.TodayRun, dp.Day, dp.Today = &dp.Runs[0], dp.Day.AddDays(1), false
	}
	return dp, e, nil
}

// handleDunningPage shows the dunning overview of an entity.
func (s *server) handleDunningPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dp, _, err := s.dunningOverview(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "dunning", dp)
	})
}

// handleDunningPreview shows what the run of a day (today by default)
// would do, without writing anything: the levels and the planned actions,
// 50 per page, optionally of one level.
func (s *server) handleDunningPreview() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dp, e, err := s.dunningOverview(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		date, err := queryDate(r, "date")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if !date.IsZero() {
			dp.Day, dp.Today = date, date == s.svc.Today()
		}
		rep, err := s.svc.StartDunningRun(r.Context(), dp.User, app.RunOptions{EntityCode: e.Code, Date: dp.Day, DryRun: true})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		dp.Preview = newPreview(r, rep)
		s.render(w, r, http.StatusOK, "dunning", dp)
	})
}

// newPreview builds the preview of a dry run's report for the request's
// level filter and page.
func newPreview(r *http.Request, rep app.RunReport) *preview {
	pv := &preview{Customers: rep.Customers, Actions: rep.Actions, Skipped: rep.Skipped, Levels: levelRows(rep.Levels),
		Level: r.URL.Query().Get("level")}
	q := r.URL.Query()
	q.Del("page")
	q.Del("level")
	pv.AllURL = r.URL.Path + "?" + q.Encode() + "#planned"
	for i := range pv.Levels {
		q.Set("level", pv.Levels[i].Name)
		pv.Levels[i].URL = r.URL.Path + "?" + q.Encode() + "#planned"
		pv.Levels[i].Current = pv.Levels[i].Name == pv.Level
	}
	var rows []app.PlannedAction
	for _, pa := range rep.Planned {
		if pv.Level == "" || pv.Level == pa.Scheme+": "+pa.Action.LevelName {
			rows = append(rows, pa)
		}
	}
	pv.Total = len(rows)
	n := pageNumber(r, "page")
	pv.Pager = newPager(r.URL, "page", n, pv.Total, false)
	start := min((n-1)*perPage, len(rows))
	for _, pa := range rows[start:min(start+perPage, len(rows))] {
		a := pa.Action
		row := plannedRow{CustomerID: pa.CustomerID, CustomerNumber: pa.CustomerNumber, CustomerName: pa.CustomerName,
			Level: pa.Scheme + ": " + a.LevelName, Channels: a.Channels, Currency: a.Currency, Total: a.Total, Costs: a.Costs,
			Interest: a.Interest, Handover: a.Handover, ProposeBlock: a.ProposeBlock}
		for _, it := range a.Items {
			row.Items = append(row.Items, it.Number)
		}
		pv.Planned = append(pv.Planned, row)
	}
	return pv
}

// ItemList writes invoice numbers for a table cell.
func (p plannedRow) ItemList() string { return strings.Join(p.Items, ", ") }
