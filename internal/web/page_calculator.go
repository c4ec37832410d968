package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/kredo-dev/kredo/internal/law"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// calcCurrency is the currency of the calculator: the Dutch rules compute
// in euros only.
const calcCurrency = "EUR"

// calculatorPage is the data of the calculator: collection costs and
// statutory interest, each a GET form whose result is linkable.
type calculatorPage struct {
	Page
	Costs    costsCalc
	Interest interestCalc
}

// costsCalc is the collection-costs form and its result.
type costsCalc struct {
	Amount        string // as typed
	VAT, Consumer bool
	Error         string // the amount's problem
	Result        *law.CostBreakdown
	Min, Max      ledger.Money    // the scale's minimum and maximum
	Term          *law.LetterTerm // the 14-day letter sent today, for consumers
	Keep          url.Values      // the interest form's input, carried along
}

// interestCalc is the statutory-interest form and its result.
type interestCalc struct {
	Kind, Principal, Due, Until    string // as typed
	PrincipalErr, DueErr, UntilErr string
	Result                         *law.InterestBreakdown
	Periods                        []periodRow
	Unverified                     []rateCheck
	TableEnds                      ledger.Date // the table has no rate from this day on; zero when it does
	CapitalisationArticle          string
	Keep                           url.Values // the costs form's input, carried along
}

// The query parameters of the two forms.
var (
	costsParams    = []string{"amount", "vat", "consumer"}
	interestParams = []string{"kind", "principal", "due", "until"}
)

// handleCalculatorPage shows the calculator; with the parameters of a
// form it computes too. Input problems are shown next to their field with
// the input kept, status 422, as the other forms do.
func (s *server) handleCalculatorPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := s.newPage(r, "calc.title", "calculator")
		q := r.URL.Query()
		rules := s.svc.LawRules()
		cp := &calculatorPage{Page: p}
		cp.Costs = costsCalc{Amount: q.Get("amount"), VAT: q.Get("vat") != "", Consumer: q.Get("consumer") != "",
			Min: ledger.Money{Amount: rules.Costs.Min, Currency: calcCurrency}, Max: ledger.Money{Amount: rules.Costs.Max, Currency: calcCurrency},
			Keep: keepParams(q, interestParams)}
		cp.Interest = interestCalc{Kind: q.Get("kind"), Principal: q.Get("principal"), Due: q.Get("due"), Until: q.Get("until"),
			Keep: keepParams(q, costsParams)}
		if cp.Interest.Kind != law.Consumer.String() {
			cp.Interest.Kind = law.Commercial.String()
		}
		if cp.Interest.Until == "" {
			cp.Interest.Until = s.svc.Today().String()
		}
		failed := false
		if q.Has("amount") {
			failed = !s.computeCosts(p, &cp.Costs)
		}
		if q.Has("principal") {
			failed = !s.computeInterest(p, rules.Rates, &cp.Interest) || failed
		}
		status := http.StatusOK
		if failed {
			status = http.StatusUnprocessableEntity
		}
		s.render(w, r, status, "calculator", cp)
	})
}

// keepParams returns the parameters of the other form that are set, to
// carry them in hidden fields so that both results stay on the page.
func keepParams(q url.Values, names []string) url.Values {
	out := url.Values{}
	for _, n := range names {
		if v := q.Get(n); q.Has(n) {
			out.Set(n, v)
		}
	}
	return out
}

// computeCosts fills in the collection costs; false when the input is wrong.
func (s *server) computeCosts(p Page, c *costsCalc) bool {
	v, err := parseFormAmount(p.Lang, c.Amount, calcCurrency)
	if err != nil {
		c.Error = amountError(p, c.Amount, err)
		return false
	}
	if v <= 0 {
		c.Error = p.T("calc.err_positive")
		return false
	}
	b, err := s.svc.CollectionCosts(ledger.Money{Amount: v, Currency: calcCurrency}, c.VAT)
	if err != nil {
		c.Error = lawError(err)
		return false
	}
	c.Result = &b
	if c.Consumer {
		if t, err := s.svc.FourteenDayTerm(s.svc.Today()); err == nil {
			c.Term = &t
		}
	}
	return true
}

// computeInterest fills in the statutory interest; false when the input
// is wrong.
func (s *server) computeInterest(p Page, rates law.RateTable, c *interestCalc) bool {
	ok := true
	v, err := parseFormAmount(p.Lang, c.Principal, calcCurrency)
	switch {
	case err != nil:
		c.PrincipalErr, ok = amountError(p, c.Principal, err), false
	case v <= 0:
		c.PrincipalErr, ok = p.T("calc.err_positive"), false
	}
	due, dueOK := formDate(c.Due)
	if !dueOK {
		c.DueErr, ok = p.T("calc.err_date"), false
	}
	until, untilOK := formDate(c.Until)
	switch {
	case !untilOK:
		c.UntilErr, ok = p.T("calc.err_date"), false
	case dueOK && !until.After(due):
		c.UntilErr, ok = p.T("calc.err_until"), false
	}
	if !ok {
		return false
	}
	kind := law.Commercial
	if c.Kind == law.Consumer.String() {
		kind = law.Consumer
	}
	b, err := s.svc.StatutoryInterest(kind, ledger.Money{Amount: v, Currency: calcCurrency}, due, until)
	if err != nil {
		c.DueErr = lawError(err)
		return false
	}
	c.Result = &b
	c.Periods = periodRows(rates, b)
	c.Unverified, c.TableEnds = interestChecks(rates, b)
	c.CapitalisationArticle = "art. 6:119 lid 2 BW"
	if kind == law.Commercial {
		c.CapitalisationArticle = "art. 6:119a lid 3 BW"
	}
	return true
}

// lawError is the message of a computation's refusal (written for users,
// in English: the law package does not translate).
func lawError(err error) string {
	var le *ledger.Error
	if errors.As(err, &le) {
		return le.Message
	}
	return ledger.UserMessage(err)
}

// BracketTo reports whether a cost line has an upper bound (the last
// bracket is open-ended).
func (c costsCalc) BracketTo(l law.CostLine) bool { return l.To.Amount != 0 }

// Days formats a number of days for the page's language.
func (p calculatorPage) Days(n int) string { return p.Int(n) + " " + p.T("customer.days") }

// VATPercent formats a VAT rate in basis points for the page's language.
func (p calculatorPage) VATPercent(bp int) string { return p.Percent(int64(bp)) }
