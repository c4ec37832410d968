package match

import (
	"sort"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/bank"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// Kinds of statement lines (Result.Kind).
const (
	KindIncoming = "incoming" // money in: matched to open items
	KindOutgoing = "outgoing" // money out (refunds, transfers): not matched
	KindReversal = "reversal" // a reversal (storno) of an earlier entry: not matched
	KindReturn   = "return"   // a returned or rejected payment (ReturnCode set): not matched
)

// Rules that decide a suggestion (Suggestion.Rule); doc.go lists their confidence.
const (
	RuleStructuredRef          = "structured-ref"           // a betalingskenmerk or RF reference is the item's
	RuleInvoiceNumber          = "invoice-number"           // the text names the item's number
	RuleInvoiceNumberTypo      = "invoice-number-typo"      // the text names a number one character off
	RuleInvoiceNumberAmbiguous = "invoice-number-ambiguous" // the text names a number that fits several items
	RuleInvoiceNumbersSum      = "invoice-numbers-sum"      // the text names several items, paid together
	RuleInvoiceNumbersSubset   = "invoice-numbers-subset"   // some of the items named add up to the payment
	RuleAlreadyPaid            = "already-paid"             // the text names an item paid already
	RuleIBANAmount             = "iban-amount"              // the payer's only open item of the amount
	RuleIBANOldestExact        = "iban-oldest-exact"        // the payer's oldest items add up to the payment
	RuleIBANAmountSum          = "iban-amount-sum"          // some of the payer's items add up to the payment
	RuleIBANOldestFirst        = "iban-oldest-first"        // the payment allocated to the payer's oldest items
	RuleIBANOnAccount          = "iban-on-account"          // the payer has nothing open: a credit on account
	RuleNameAmount             = "name-amount"              // the payer's name is a customer's with one item of the amount
	RuleAmountUnique           = "amount-unique"            // the only open item of the amount, a resembling name
)

// Line is one bank transaction to match.
type Line struct {
	Amount           int64  // signed minor units: + money in, - money out
	Currency         string // ISO 4217; only items in this currency match
	Date             ledger.Date
	CounterpartyName string
	CounterpartyIBAN string
	Remittance       string // free text; a raw MT940 ":86:" with /REMI/ is understood too
	StructuredRef    string // betalingskenmerk, RF reference or Belgian structured communication
	EndToEndID       string // the payer's end-to-end id; searched like the remittance
	Reversal         bool
	ReturnCode       string // reason of a return or reject; set means not a payment
}

// FromEntry returns the Line of a parsed bank transaction (see
// bank.Statement.Transactions).
func FromEntry(e bank.Entry) Line {
	d := e.BookingDate
	if d.IsZero() {
		d = e.ValueDate
	}
	return Line{Amount: e.Amount, Currency: e.Currency, Date: d,
		CounterpartyName: e.Counterparty.Name, CounterpartyIBAN: e.Counterparty.IBAN,
		Remittance: e.Remittance, StructuredRef: e.StructuredRef, EndToEndID: e.EndToEndID,
		Reversal: e.Reversal, ReturnCode: e.ReturnCode}
}

// Allocation is part of a payment allocated to one invoice or credit note.
type Allocation struct {
	InvoiceID  int64
	CustomerID int64
	Number     string
	Amount     int64 // minor units; may exceed the payment by an accepted short payment
}

// Suggestion is one way to allocate a payment, with how sure Kredo is.
type Suggestion struct {
	CustomerID  int64 // the payer as far as known: the items' customer, or the group's parent
	Allocations []Allocation
	Confidence  int    // 0-100
	Rule        string // Rule... constant that decided
	Explanation string // for people: why these items
	Difference  int64  // paid minus allocated: >0 overpaid (credit on account), <0 short payment accepted
}

// Result is what Match found for one line.
type Result struct {
	Auto        *Suggestion  // the suggestion to apply without a person; nil unless certain
	Suggestions []Suggestion // ranked, best first, at most five (Auto is the first)
	Kind        string       // Kind... constant
}

// Options tune matching.
type Options struct {
	Tolerance     int64 // a difference up to this (minor units, e.g. 500 = EUR 5) counts as full payment; default 0
	AutoThreshold int   // minimum confidence for Auto; default 90
}

// maxSuggestions is how many suggestions a Result carries.
const maxSuggestions = 5

// cand is a suggestion while the rules run.
type cand struct {
	Suggestion
	noAuto  bool // the rule is never automatic
	textual bool // based on a reference or number in the payment
}

// matcher holds one line's matching state.
type matcher struct {
	ix     *Index
	l      Line
	paid   int64
	tol    int64
	payer  int64 // customer of the payer's IBAN, 0 if unknown
	ev     evidence
	named  []mention // open items named in the payment, one per item, in the line's currency
	group  []int32   // the payer's group's oldest open items (see oldest)
	cands  []cand
	grpSet bool
}

// Match classifies a line and, for money in, returns the ranked suggestions
// and the automatic one when certain. It does not change the index: Apply
// what is allocated.
func (ix *Index) Match(l Line, opt Options) Result {
	kind := classify(l)
	if kind != KindIncoming || l.Amount == 0 {
		return Result{Kind: kind}
	}
	threshold := opt.AutoThreshold
	if threshold <= 0 {
		threshold = 90
	}
	m := &matcher{ix: ix, l: l, paid: l.Amount, tol: max(opt.Tolerance, 0)}
	if k := normKey(l.CounterpartyIBAN); k != "" && !ix.shared[k] {
		m.payer = ix.ibans[k]
	}
	m.gather()
	for _, rule := range textRules {
		rule(m)
	}
	ruleIBANAmount(m)
	ruleIBANOldestExact(m)
	if !m.certain(threshold) {
		for _, rule := range fallbackRules {
			rule(m)
		}
	}
	return m.decide(threshold)
}

// textRules read the references and numbers in the payment.
var textRules = []func(*matcher){ruleStructuredRef, ruleInvoiceNumber, ruleInvoiceNumbersSum,
	ruleTypo, ruleAmbiguous, ruleAlreadyPaid}

// fallbackRules run when nothing certain was found.
var fallbackRules = []func(*matcher){ruleIBANAmountSum, ruleIBANOldestFirst, ruleNameAmount, ruleAmountUnique}

// classify tells payments in from everything else.
func classify(l Line) string {
	switch {
	case l.Reversal:
		return KindReversal
	case l.ReturnCode != "":
		return KindReturn
	case l.Amount < 0:
		return KindOutgoing
	}
	return KindIncoming
}

// certain reports whether some candidate reaches the threshold.
func (m *matcher) certain(threshold int) bool {
	for _, c := range m.cands {
		if c.Confidence >= threshold && !c.noAuto {
			return true
		}
	}
	return false
}

// add records a candidate, naming its customer.
func (m *matcher) add(c cand) {
	if c.CustomerID == 0 {
		c.CustomerID = m.customerOf(c.Allocations)
	}
	c.Confidence = min(max(c.Confidence, 0), 100)
	m.cands = append(m.cands, c)
}

// customerOf returns the customer of allocations: theirs when they share
// one, else the payer when known, else their common parent.
func (m *matcher) customerOf(allocs []Allocation) int64 {
	if len(allocs) == 0 {
		return m.payer
	}
	c, same := allocs[0].CustomerID, true
	for _, a := range allocs[1:] {
		same = same && a.CustomerID == c
	}
	if same {
		return c
	}
	if m.payer != 0 {
		return m.payer
	}
	p := m.ix.parent[c]
	for _, a := range allocs {
		if m.ix.parent[a.CustomerID] != p && a.CustomerID != p {
			return c
		}
	}
	if p != 0 {
		return p
	}
	return c
}

// alloc returns the allocation of amount to item i.
func (m *matcher) alloc(i int32, amount int64) Allocation {
	it := &m.ix.items[i]
	return Allocation{InvoiceID: it.InvoiceID, CustomerID: it.CustomerID, Number: it.Number, Amount: amount}
}

// decide applies the guards, merges candidates that allocate alike, ranks
// them and picks the automatic one.
func (m *matcher) decide(threshold int) Result {
	m.guard()
	merged := m.cands[:0]
	index := map[string]int{}
	for _, c := range m.cands {
		sig := signature(c)
		j, seen := index[sig]
		if !seen {
			index[sig] = len(merged)
			merged = append(merged, c)
			continue
		}
		o := &merged[j]
		if c.Rule != o.Rule { // two rules agree
			if c.Confidence > o.Confidence {
				c.Explanation += "; " + o.Explanation
				c.noAuto = c.noAuto && o.noAuto
				c.textual = c.textual || o.textual
				*o = c
			} else {
				o.Explanation += "; " + c.Explanation
				o.noAuto = o.noAuto && c.noAuto
				o.textual = o.textual || c.textual
			}
			o.Confidence = max(o.Confidence, min(o.Confidence+2, 99))
		}
	}
	sort.SliceStable(merged, func(a, b int) bool {
		x, y := &merged[a], &merged[b]
		if x.Confidence != y.Confidence {
			return x.Confidence > y.Confidence
		}
		if x.textual != y.textual {
			return x.textual
		}
		return len(x.Allocations) > 0 && len(y.Allocations) > 0 && x.Allocations[0].InvoiceID < y.Allocations[0].InvoiceID
	})
	res := Result{Kind: KindIncoming}
	for i := range merged {
		if i == maxSuggestions {
			break
		}
		res.Suggestions = append(res.Suggestions, merged[i].Suggestion)
	}
	if len(merged) == 0 {
		return res
	}
	best := merged[0]
	if best.Confidence < threshold || best.noAuto || len(best.Allocations) == 0 {
		return res
	}
	for _, c := range merged[1:] {
		if c.Confidence >= best.Confidence-10 {
			return res // a rival too close: a person decides
		}
	}
	res.Auto = &res.Suggestions[0]
	return res
}

// guard lowers candidates the rest of the evidence contradicts (doc.go).
func (m *matcher) guard() {
	definite := map[int64]bool{} // items named without doubt
	all := map[int64]bool{}      // items named at all
	for _, n := range m.named {
		id := m.ix.items[n.item].InvoiceID
		all[id] = true
		if !n.amb && n.kind != kindTypo {
			definite[id] = true
		}
	}
	doubt := m.ev.unknownRef || m.ev.unknownNum || m.ev.otherCur
	for i := range m.cands {
		c := &m.cands[i]
		in := map[int64]bool{}
		for _, a := range c.Allocations {
			in[a.InvoiceID] = true
		}
		if c.textual {
			for id := range all {
				if !in[id] && c.Confidence > 85 {
					c.Confidence = 85
					c.Explanation += "; the payment also names another open item"
				}
			}
			if m.payer != 0 {
				for _, a := range c.Allocations {
					if !m.ix.related(a.CustomerID, m.payer) {
						c.Confidence -= 15
						c.Explanation += "; but the account " + m.l.CounterpartyIBAN + " is known for another customer"
						break
					}
				}
			}
			if doubt && c.Confidence > 85 {
				c.Confidence = 85
				c.Explanation += "; the payment also names a reference or number that is not open"
			}
			continue
		}
		conflict := doubt || m.ev.closed
		for _, a := range c.Allocations {
			if len(all) > 0 && !all[a.InvoiceID] {
				conflict = true
			}
		}
		for id := range definite {
			if !in[id] {
				conflict = true
			}
		}
		if conflict && c.Confidence > 80 {
			c.Confidence = 80
			c.Explanation += "; but the payment's description points elsewhere"
		}
	}
}

// signature identifies what a candidate allocates, for merging: the same
// allocations are one suggestion, whoever is named the payer.
func signature(c cand) string {
	allocs := append([]Allocation(nil), c.Allocations...)
	sort.Slice(allocs, func(i, j int) bool { return allocs[i].InvoiceID < allocs[j].InvoiceID })
	var b strings.Builder
	if len(allocs) == 0 {
		b.WriteString(strconv.FormatInt(c.CustomerID, 10))
	}
	for _, a := range allocs {
		b.WriteByte('|')
		b.WriteString(strconv.FormatInt(a.InvoiceID, 10))
		b.WriteByte(':')
		b.WriteString(strconv.FormatInt(a.Amount, 10))
	}
	b.WriteString("|d")
	b.WriteString(strconv.FormatInt(c.Difference, 10))
	return b.String()
}

// money formats an amount for explanations: "EUR 1234.56".
func money(amount int64, cur string) string {
	return ledger.Money{Amount: amount, Currency: cur}.String()
}
