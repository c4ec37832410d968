package match

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/bank"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// The fixture: a small Dutch entity's open items.
const (
	ibanJansen    = "NL91ABNA0417164300"
	ibanPietersen = "NL20RABO0300065264"
	ibanDeVries   = "NL39INGB0001234567" // the group's parent pays for its subsidiaries
	ibanUnknown   = "NL44RABO0123456789"

	custJansen    = 1
	custPietersen = 2
	custDeVries   = 3 // parent, no open items of its own
	custVriesLog  = 4 // subsidiary of 3
	custVriesBouw = 5 // subsidiary of 3
	custBakker    = 6 // no known IBAN
)

// kenmerk returns the 16-digit betalingskenmerk of a 15-digit base.
func kenmerk(base string) string { return string(bank.KenmerkCheck(base)) + base }

var (
	refJansen123 = kenmerk("000012345678901") // "1000012345678901"
	refBakker    = "RF18539007547034"
)

func d(s string) ledger.Date { return ledger.MustDate(s) }

func fixtureItems() []OpenItem {
	return []OpenItem{
		{InvoiceID: 101, CustomerID: custJansen, Number: "F2026-00123", PaymentRef: refJansen123, Currency: "EUR", Open: 123456, DueDate: d("2026-02-01"), CustomerName: "Jansen Bouw B.V."},
		{InvoiceID: 102, CustomerID: custJansen, Number: "1260100006", Currency: "EUR", Open: 50000, DueDate: d("2026-02-10"), CustomerName: "Jansen Bouw B.V."},
		{InvoiceID: 103, CustomerID: custJansen, Number: "1260100007", Currency: "EUR", Open: 75000, DueDate: d("2026-02-15"), CustomerName: "Jansen Bouw B.V."},
		{InvoiceID: 104, CustomerID: custJansen, Number: "C1260100002", Currency: "EUR", Open: -10000, DueDate: d("2026-02-05"), CustomerName: "Jansen Bouw B.V."},
		{InvoiceID: 201, CustomerID: custPietersen, Number: "1260100018", Currency: "EUR", Open: 50000, DueDate: d("2026-01-20"), CustomerName: "Pietersen Installatietechniek BV"},
		{InvoiceID: 202, CustomerID: custPietersen, Number: "1260100011", Currency: "EUR", Open: 21780, DueDate: d("2026-02-20"), CustomerName: "Pietersen Installatietechniek BV"},
		{InvoiceID: 203, CustomerID: custPietersen, Number: "1260100012", Currency: "EUR", Open: 21780, DueDate: d("2026-03-20"), CustomerName: "Pietersen Installatietechniek BV"},
		{InvoiceID: 401, CustomerID: custVriesLog, ParentID: custDeVries, Number: "1260100020", Currency: "EUR", Open: 36300, DueDate: d("2026-01-31"), CustomerName: "De Vries Logistiek B.V."},
		{InvoiceID: 402, CustomerID: custVriesLog, ParentID: custDeVries, Number: "1260100021", Currency: "EUR", Open: 48400, DueDate: d("2026-02-28"), CustomerName: "De Vries Logistiek B.V."},
		{InvoiceID: 501, CustomerID: custVriesBouw, ParentID: custDeVries, Number: "1260100030", Currency: "EUR", Open: 121000, DueDate: d("2026-02-14"), CustomerName: "De Vries Bouw B.V."},
		{InvoiceID: 601, CustomerID: custBakker, Number: "INV-2026-104522", PaymentRef: refBakker, Currency: "EUR", Open: 98765, DueDate: d("2026-02-02"), CustomerName: "Bakkerij Van Dam"},
		{InvoiceID: 602, CustomerID: custBakker, Number: "INV-2026-104523", Currency: "USD", Open: 45000, DueDate: d("2026-02-03"), CustomerName: "Bakkerij Van Dam"},
	}
}

func fixtureKnown() Known {
	return Known{
		IBANs: map[string]int64{"NL91 ABNA 0417 1643 00": custJansen, ibanPietersen: custPietersen, ibanDeVries: custDeVries},
		Names: map[int64]string{custDeVries: "De Vries Groep B.V."},
	}
}

func fixture() *Index { return NewIndex(fixtureItems(), fixtureKnown()) }

// allocs formats allocations as "id:amount" sorted, for comparisons.
func allocs(as []Allocation) string {
	var parts []string
	for _, a := range as {
		parts = append(parts, fmt.Sprintf("%d:%d", a.InvoiceID, a.Amount))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

// matchCase is one table row: a line and what must come out.
type matchCase struct {
	name   string
	line   Line
	opt    Options
	rule   string // rule of the best suggestion ("" = no suggestion)
	auto   bool
	alloc  string // allocations of the best suggestion, "id:amount ..." sorted
	diff   int64
	minCon int // best confidence at least
	maxCon int // best confidence at most (0 = no bound)
	expl   string
}

func runCases(t *testing.T, ix func() *Index, cases []matchCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.line.Currency == "" {
				c.line.Currency = "EUR"
			}
			r := ix().Match(c.line, c.opt)
			if r.Kind != KindIncoming {
				t.Fatalf("kind %q", r.Kind)
			}
			if c.rule == "" {
				if len(r.Suggestions) > 0 || r.Auto != nil {
					t.Fatalf("want nothing, got %s", dump(r))
				}
				return
			}
			if len(r.Suggestions) == 0 {
				t.Fatalf("no suggestions, want %s", c.rule)
			}
			best := r.Suggestions[0]
			if best.Rule != c.rule {
				t.Errorf("rule %q, want %q\n%s", best.Rule, c.rule, dump(r))
			}
			if (r.Auto != nil) != c.auto {
				t.Errorf("auto %v, want %v\n%s", r.Auto != nil, c.auto, dump(r))
			}
			if got := allocs(best.Allocations); got != c.alloc {
				t.Errorf("allocations %q, want %q\n%s", got, c.alloc, dump(r))
			}
			if best.Difference != c.diff {
				t.Errorf("difference %d, want %d", best.Difference, c.diff)
			}
			if best.Confidence < c.minCon || c.maxCon > 0 && best.Confidence > c.maxCon {
				t.Errorf("confidence %d, want %d..%d\n%s", best.Confidence, c.minCon, c.maxCon, dump(r))
			}
			if c.expl != "" && !strings.Contains(best.Explanation, c.expl) {
				t.Errorf("explanation %q lacks %q", best.Explanation, c.expl)
			}
			if len(r.Suggestions) > maxSuggestions {
				t.Errorf("%d suggestions", len(r.Suggestions))
			}
		})
	}
}

// dump shows a result for failure messages.
func dump(r Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "kind %s auto %v\n", r.Kind, r.Auto != nil)
	for _, s := range r.Suggestions {
		fmt.Fprintf(&b, "  %3d %-24s cust %d [%s] diff %d: %s\n", s.Confidence, s.Rule, s.CustomerID, allocs(s.Allocations), s.Difference, s.Explanation)
	}
	return b.String()
}
