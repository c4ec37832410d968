package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// bankPage is the data of the bank page: the queue of payments waiting
// for a person, the tolerance, the latest decisions.
type bankPage struct {
	Page
	EntityName string
	Currency   string
	Queue      app.BankQueue
	Metrics    app.BankMetrics
	Decisions  []store.BankDecision
	Recent     []store.BankTransaction // the latest applied matches, to undo one that is wrong
	Notice     string
	CanDecide  bool
	CanSetTol  bool
	// ToleranceText is the tolerance as typed in its field.
	ToleranceText string
	SplitRows     []int // the rows of the split form
}

// Rate formats a share in percent or a mean number of days, to one
// decimal, for the page's language: "12.5" in English, "12,5" in Dutch.
func (p bankPage) Rate(f float64) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	if p.Lang == "nl" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// bankNotices are the notices a bank action may leave (?done=).
var bankNotices = map[string]bool{"allocated": true, "ignored": true, "reopened": true, "tolerance": true}

// handleBankPage shows an entity's unmatched queue: each incoming payment
// Kredo could not match with certainty, oldest first, with its ranked
// suggestions and the actions a person takes on it (keyboard-driven).
func (s *server) handleBankPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, e, err := s.entityPage(r, "bank.title", "bank")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		ctx, u := r.Context(), p.User
		q, err := s.svc.BankQueue(ctx, u, e.ID)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		ds, err := s.svc.BankDecisions(ctx, u, e.ID, 20)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		recent, err := s.svc.RecentBankMatches(ctx, u, e.ID, 20)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		m, err := s.svc.BankMetrics(ctx, u, e.ID)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		bp := &bankPage{Metrics: m, Page: p, EntityName: e.Name, Currency: e.Currency, Queue: q, Decisions: ds, Recent: recent,
			CanDecide: u.CanWrite(), CanSetTol: u.Role == ledger.RoleAdmin || u.Role == ledger.RoleManager}
		bp.ToleranceText, bp.SplitRows = ledger.FormatAmount(q.Tolerance, e.Currency), []int{1, 2, 3}
		if k := r.URL.Query().Get("done"); bankNotices[k] {
			bp.Notice = p.T("bank.done_" + k)
		}
		s.render(w, r, http.StatusOK, "bank", bp)
	})
}
