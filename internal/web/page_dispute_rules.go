package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// disputeRulesPage is the routing-rules editor.
type disputeRulesPage struct {
	Page
	Rules      []disputes.Rule
	Reasons    []disputes.Reason
	Queues     []store.DisputeQueue
	Priorities []disputes.Priority
	Notice     string
}

// EntityCode names an entity of the page by id.
func (p disputeRulesPage) EntityCode(id int64) string {
	for _, e := range p.Entities {
		if e.ID == id {
			return e.Code
		}
	}
	return strconv.FormatInt(id, 10)
}

// handleDisputeRules lists the routing rules in order, with the form to
// add one (credit managers).
func (s *server) handleDisputeRules() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, _, err := s.listPage(r, "drules.title", "disputes")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		dp := disputeRulesPage{Page: p, Priorities: disputes.Priorities}
		if r.URL.Query().Get("done") != "" {
			dp.Notice = p.T("dnotice.rules")
		}
		ctx, u := r.Context(), userFrom(r)
		if dp.Rules, err = s.svc.DisputeRules(ctx, u); err == nil {
			if dp.Reasons, err = s.svc.DisputeReasons(ctx); err == nil {
				dp.Queues, err = s.svc.DisputeQueues(ctx)
			}
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		dp.Entities = p.Entities
		s.render(w, r, http.StatusOK, "dispute_rules", dp)
	})
}

// handleDisputeRuleSave adds a routing rule from the form.
func (s *server) handleDisputeRuleSave() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := userFrom(r)
		f := r.PostFormValue
		rule := disputes.Rule{Reason: f("reason"), Currency: strings.ToUpper(strings.TrimSpace(f("currency"))), RiskClass: strings.TrimSpace(f("risk_class")),
			Segment: strings.TrimSpace(f("segment")), Group: strings.TrimSpace(f("group")), ProductGroup: strings.TrimSpace(f("product_group")),
			Queue: f("queue"), Assignee: strings.TrimSpace(f("assignee")), Priority: disputes.Priority(f("priority"))}
		var err error
		if v := strings.TrimSpace(f("position")); v != "" {
			if rule.Position, err = strconv.Atoi(v); err != nil {
				s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "the position is a whole number, not %q", v))
				return
			}
		}
		if v := f("entity"); v != "" {
			if rule.EntityID, err = strconv.ParseInt(v, 10, 64); err != nil {
				s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "unknown entity"))
				return
			}
		}
		for _, a := range []struct {
			field string
			to    *int64
		}{{"min", &rule.MinAmount}, {"max", &rule.MaxAmount}} {
			if v := strings.TrimSpace(f(a.field)); v != "" {
				if *a.to, err = parseFormAmount(uiLang(u), v, cmpStr(rule.Currency, "EUR")); err != nil {
					s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "%q is not an amount", v))
					return
				}
			}
		}
		if _, err := s.svc.SaveDisputeRule(r.Context(), u, rule); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, withDone("/disputes/rules", "rules"), http.StatusSeeOther)
	})
}

// handleDisputeRuleDelete removes a routing rule.
func (s *server) handleDisputeRuleDelete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err == nil {
			err = s.svc.DeleteDisputeRule(r.Context(), userFrom(r), id)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, withDone("/disputes/rules", "rules"), http.StatusSeeOther)
	})
}
