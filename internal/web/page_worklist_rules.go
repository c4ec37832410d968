package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// rulesPage is the assignment rules editor: one rule per line,
// "entity, segment, region, minimum open amount, controller", first match
// wins, an empty field matches anything.
type rulesPage struct {
	Page
	Text   string
	Error  string
	Notice string
}

// rulesText writes rules as the editor's lines.
func rulesText(rs []store.AssignmentRule) string {
	var b strings.Builder
	for _, r := range rs {
		min := ""
		if r.MinOpen != 0 {
			min = ledger.FormatAmount(r.MinOpen, "EUR")
		}
		b.WriteString(strings.Join([]string{r.EntityCode, r.Segment, r.Region, min, r.Controller}, ", ") + "\n")
	}
	return b.String()
}

// parseRules reads the editor's lines; a bad line is named by its number.
func parseRules(r *http.Request, text string) ([]store.AssignmentRule, error) {
	var out []store.AssignmentRule
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, ",")
		if len(f) != 5 {
			return nil, invalid(r, "rules.err_line", strings.TrimSpace(strings.Join([]string{translate(userLang(r), "rules.line"), strconv.Itoa(i + 1)}, " ")))
		}
		for k := range f {
			f[k] = strings.TrimSpace(f[k])
		}
		rule := store.AssignmentRule{EntityCode: f[0], Segment: f[1], Region: f[2], Controller: f[4]}
		if f[3] != "" {
			v, err := parseFormAmount(userLang(r), f[3], "EUR")
			if err != nil || v < 0 {
				return nil, invalid(r, "rules.err_amount", translate(userLang(r), "rules.line")+" "+strconv.Itoa(i+1))
			}
			rule.MinOpen = v
		}
		out = append(out, rule)
	}
	return out, nil
}

// handleRulesPage shows the assignment rules (everyone may read them).
func (s *server) handleRulesPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := s.newPage(r, "rules.title", "worklist")
		rs, err := s.svc.AssignmentRules(r.Context(), p.User)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "worklist_rules", &rulesPage{Page: p, Text: rulesText(rs), Notice: notice(r, p)})
	})
}

// handleRulesSave replaces the rules (credit managers and admins); the next
// worklist refresh applies them.
func (s *server) handleRulesSave() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		text := r.PostFormValue("rules")
		rules, err := parseRules(r, text)
		if err == nil {
			err = s.svc.SaveAssignmentRules(r.Context(), userFrom(r), rules)
		}
		if err != nil {
			if statusOf(err) != http.StatusBadRequest {
				s.pageError(w, r, err)
				return
			}
			p := s.newPage(r, "rules.title", "worklist")
			s.render(w, r, http.StatusUnprocessableEntity, "worklist_rules", &rulesPage{Page: p, Text: text, Error: userMessage(err, http.StatusBadRequest)})
			return
		}
		http.Redirect(w, r, withDone("/worklist/rules", "rules"), http.StatusSeeOther)
	})
}
