package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/dunning"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// levelChannels are the channels a level may use, in the editor's order.
var levelChannels = []string{dunning.Email, dunning.Letter, dunning.Phone, dunning.SMS}

// blankLevels is how many empty level rows the editor adds.
const blankLevels = 2

// maxLevels caps the level rows a posted form may have.
const maxLevels = 50

// schemeForm is the scheme editor's input as typed, so a form with an
// error comes back exactly as the user left it.
type schemeForm struct {
	ID             int64
	Name           string
	Priority       string
	MatchSegment   string
	MatchRiskClass string
	MatchKind      string
	IsDefault      bool
	MinGapDays     string
	Levels         []levelForm
}

// levelForm is one level row of the editor.
type levelForm struct {
	N            int // 1-based row number
	Name         string
	OffsetDays   string
	MinAmount    string
	Channels     []channelBox
	Template     string
	AddCosts     bool
	AddInterest  bool
	CostsNotice  bool
	NotifyEmail  string
	ProposeBlock bool
	Handover     bool
}

// channelBox is one channel checkbox of a level row.
type channelBox struct {
	Value   string
	Checked bool
}

// blank reports whether the row was left empty (an unused extra row).
func (l levelForm) blank() bool {
	if strings.TrimSpace(l.Name) != "" || strings.TrimSpace(l.OffsetDays) != "" || strings.TrimSpace(l.MinAmount) != "" ||
		l.Template != "" || l.NotifyEmail != "" || l.AddCosts || l.AddInterest || l.CostsNotice || l.ProposeBlock || l.Handover {
		return false
	}
	for _, c := range l.Channels {
		if c.Checked {
			return false
		}
	}
	return true
}

// newLevelForm returns an empty row with the channels unchecked.
func newLevelForm(n int) levelForm {
	l := levelForm{N: n}
	for _, c := range levelChannels {
		l.Channels = append(l.Channels, channelBox{Value: c})
	}
	return l
}

// formAmount writes minor units for an amount input in the language's
// decimal style, without grouping ("12,50" in Dutch); zero is empty.
func formAmount(lang string, minor int64, currency string) string {
	if minor == 0 {
		return ""
	}
	s := ledger.FormatAmount(minor, currency)
	if lang == "nl" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// schemeFormOf fills the editor from a stored scheme.
func schemeFormOf(lang string, rec store.SchemeRecord, currency string) schemeForm {
	f := schemeForm{ID: rec.ID, Name: rec.Scheme.Name, Priority: strconv.Itoa(rec.Priority), MatchSegment: rec.MatchSegment,
		MatchRiskClass: rec.MatchRiskClass, MatchKind: rec.MatchKind, IsDefault: rec.IsDefault, MinGapDays: strconv.Itoa(rec.Scheme.MinGapDays)}
	for i, l := range rec.Scheme.Levels {
		lf := newLevelForm(i + 1)
		lf.Name, lf.OffsetDays, lf.MinAmount = l.Name, strconv.Itoa(l.OffsetDays), formAmount(lang, l.MinAmount, currency)
		lf.Template, lf.NotifyEmail = l.Template, l.NotifyEmail
		lf.AddCosts, lf.AddInterest, lf.CostsNotice, lf.ProposeBlock, lf.Handover = l.AddCosts, l.AddInterest, l.CostsNotice, l.ProposeBlock, l.Handover
		for j := range lf.Channels {
			for _, c := range l.Channels {
				lf.Channels[j].Checked = lf.Channels[j].Checked || c == lf.Channels[j].Value
			}
		}
		f.Levels = append(f.Levels, lf)
	}
	return f
}

// addBlank appends n empty level rows.
func (f *schemeForm) addBlank(n int) {
	for range n {
		f.Levels = append(f.Levels, newLevelForm(len(f.Levels)+1))
	}
}

// readSchemeForm reads the posted editor: the fields and every level row
// ("l<i>.<field>", i from 0 to levels-1).
func readSchemeForm(r *http.Request) schemeForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := schemeForm{Name: v("name"), Priority: v("priority"), MatchSegment: v("match_segment"), MatchRiskClass: v("match_risk_class"),
		MatchKind: v("match_kind"), IsDefault: v("is_default") != "", MinGapDays: v("min_gap_days")}
	n, _ := strconv.Atoi(v("levels"))
	n = min(max(n, 0), maxLevels)
	for i := range n {
		p := "l" + strconv.Itoa(i) + "."
		lf := newLevelForm(len(f.Levels) + 1)
		lf.Name, lf.OffsetDays, lf.MinAmount, lf.Template, lf.NotifyEmail = v(p+"name"), v(p+"offset"), v(p+"min"), v(p+"template"), v(p+"notify")
		lf.AddCosts, lf.AddInterest, lf.CostsNotice = v(p+"costs") != "", v(p+"interest") != "", v(p+"notice") != ""
		lf.ProposeBlock, lf.Handover = v(p+"block") != "", v(p+"handover") != ""
		for _, c := range r.PostForm[p+"channel"] {
			for j := range lf.Channels {
				lf.Channels[j].Checked = lf.Channels[j].Checked || c == lf.Channels[j].Value
			}
		}
		if lf.blank() {
			continue
		}
		f.Levels = append(f.Levels, lf)
	}
	return f
}

// record turns the form into a scheme of the entity; amounts are parsed
// exactly in the entity's currency with the language's decimal separator.
// The problems found are returned one per field, in the user's language.
func (f schemeForm) record(p Page, e ledger.Entity, templates []string) (store.SchemeRecord, []string) {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	integer := func(label, s string, dflt int) int {
		if s == "" {
			return dflt
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			bad("%s: %s %q", label, p.T("scheme.err_number"), s)
		}
		return n
	}
	rec := store.SchemeRecord{ID: f.ID, EntityID: e.ID, MatchSegment: f.MatchSegment, MatchRiskClass: f.MatchRiskClass,
		MatchKind: f.MatchKind, IsDefault: f.IsDefault}
	rec.Priority = integer(p.T("scheme.priority"), f.Priority, 100)
	rec.Scheme = dunning.Scheme{ID: f.ID, Name: f.Name, MinGapDays: integer(p.T("scheme.min_gap"), f.MinGapDays, 0)}
	if f.Name == "" {
		bad("%s", p.T("scheme.err_name"))
	}
	dec := ledger.DecimalPoint
	if p.Lang == "nl" {
		dec = ledger.DecimalComma
	}
	for _, lf := range f.Levels {
		label := fmt.Sprintf("%s %d", p.T("scheme.level"), lf.N)
		l := dunning.Level{Name: lf.Name, Template: lf.Template, NotifyEmail: lf.NotifyEmail, AddCosts: lf.AddCosts,
			AddInterest: lf.AddInterest, CostsNotice: lf.CostsNotice, ProposeBlock: lf.ProposeBlock, Handover: lf.Handover}
		l.OffsetDays = integer(label+", "+p.T("scheme.offset"), lf.OffsetDays, 0)
		if lf.MinAmount != "" {
			a, err := ledger.ParseAmount(lf.MinAmount, e.Currency, dec)
			if err != nil {
				bad("%s, %s: %s %q", label, p.T("scheme.min_amount"), p.T("scheme.err_amount"), lf.MinAmount)
			}
			l.MinAmount = a
		}
		if l.Template != "" && !slices.Contains(templates, l.Template) {
			bad("%s: %s %q", label, p.T("scheme.err_template"), l.Template)
		}
		for _, c := range lf.Channels {
			if c.Checked {
				l.Channels = append(l.Channels, c.Value)
			}
		}
		rec.Scheme.Levels = append(rec.Scheme.Levels, l)
	}
	return rec, errs
}
