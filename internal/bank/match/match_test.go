package match

import (
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/bank"
)

func TestClassify(t *testing.T) {
	ix := fixture()
	for _, c := range []struct {
		name string
		line Line
		want string
	}{
		{"refund to a customer", Line{Amount: -50000, Remittance: "Terugbetaling creditnota C1260100002", CounterpartyIBAN: ibanJansen}, KindOutgoing},
		{"direct debit reversed by the payer", Line{Amount: -75000, ReturnCode: "MD06", Remittance: "1260100007"}, KindReturn},
		{"our refund returned", Line{Amount: 10000, ReturnCode: "AC04", Remittance: "C1260100002"}, KindReturn},
		{"storno of a payment in", Line{Amount: 75000, Reversal: true, StructuredRef: refJansen123}, KindReversal},
		{"storno debit", Line{Amount: -75000, Reversal: true}, KindReversal},
		{"payment in", Line{Amount: 75000, CounterpartyIBAN: ibanJansen}, KindIncoming},
	} {
		c.line.Currency = "EUR"
		r := ix.Match(c.line, Options{})
		if r.Kind != c.want {
			t.Errorf("%s: kind %q, want %q", c.name, r.Kind, c.want)
		}
		if c.want != KindIncoming && (r.Auto != nil || len(r.Suggestions) > 0) {
			t.Errorf("%s: matched as a payment: %s", c.name, dump(r))
		}
	}
	if r := ix.Match(Line{Currency: "EUR"}, Options{}); r.Auto != nil || len(r.Suggestions) > 0 {
		t.Errorf("zero amount matched: %s", dump(r))
	}
}

func TestTwoCustomersNotAuto(t *testing.T) {
	// The same kenmerk printed on two customers' invoices (two ERPs, one
	// entity): equal confidence, never automatic.
	items := fixtureItems()
	items = append(items, OpenItem{InvoiceID: 801, CustomerID: 8, Number: "X-55501", PaymentRef: refJansen123,
		Currency: "EUR", Open: 123456, DueDate: d("2026-02-01"), CustomerName: "Other Party"})
	ix := NewIndex(items, fixtureKnown())
	r := ix.Match(Line{Amount: 123456, Currency: "EUR", StructuredRef: refJansen123}, Options{})
	if r.Auto != nil {
		t.Fatalf("auto with two candidates: %s", dump(r))
	}
	custs := map[int64]bool{}
	for _, s := range r.Suggestions {
		custs[s.CustomerID] = true
	}
	if !custs[custJansen] || !custs[8] {
		t.Errorf("both customers should be suggested: %s", dump(r))
	}

	// rival suggestions within 10 points block the automatic one: the
	// number says Jansen's 1260100006, the account's only item of the amount
	// is Pietersen's.
	ix = fixture()
	r = ix.Match(Line{Amount: 50000, Currency: "EUR", Remittance: "1260100006", CounterpartyIBAN: ibanPietersen}, Options{})
	if r.Auto != nil {
		t.Fatalf("auto despite a rival: %s", dump(r))
	}
}

func TestApply(t *testing.T) {
	ix := fixture()
	line := Line{Amount: 75000, Currency: "EUR", Remittance: "1260100007", CounterpartyIBAN: ibanJansen}
	r := ix.Match(line, Options{})
	if r.Auto == nil || allocs(r.Auto.Allocations) != "103:75000" {
		t.Fatalf("first payment: %s", dump(r))
	}
	ix.Apply(r.Auto.Allocations)
	if open, ok := ix.Open(103); !ok || open != 0 {
		t.Fatalf("open after apply: %d %v", open, ok)
	}
	// the same payment again: the item is paid, nothing is allocated to it again
	r = ix.Match(line, Options{})
	if r.Auto != nil {
		t.Fatalf("paid twice: %s", dump(r))
	}
	for _, s := range r.Suggestions {
		for _, a := range s.Allocations {
			if a.InvoiceID == 103 {
				t.Fatalf("paid item suggested again: %s", dump(r))
			}
		}
	}
	if len(r.Suggestions) == 0 || r.Suggestions[0].Rule != RuleAlreadyPaid || !strings.Contains(r.Suggestions[0].Explanation, "double payment") {
		t.Errorf("want already-paid first: %s", dump(r))
	}

	// a partial payment leaves the rest open, found by amount afterwards
	r = ix.Match(Line{Amount: 20000, Currency: "EUR", StructuredRef: refJansen123}, Options{})
	if r.Auto == nil || allocs(r.Auto.Allocations) != "101:20000" {
		t.Fatalf("partial: %s", dump(r))
	}
	ix.Apply(r.Auto.Allocations)
	r = ix.Match(Line{Amount: 103456, Currency: "EUR", StructuredRef: refJansen123}, Options{})
	if r.Auto == nil || allocs(r.Auto.Allocations) != "101:103456" || r.Auto.Difference != 0 {
		t.Fatalf("the rest: %s", dump(r))
	}
	ix.Apply(r.Auto.Allocations)
	// over-allocation closes the item; unknown invoices are ignored
	ix.Apply([]Allocation{{InvoiceID: 102, Amount: 99999}, {InvoiceID: 9999, Amount: 1}})
	if open, _ := ix.Open(102); open != 0 {
		t.Errorf("over-allocated open %d", open)
	}
	// Jansen has only the credit note left: money from its account is a credit on account
	r = ix.Match(Line{Amount: 5000, Currency: "EUR", CounterpartyIBAN: ibanJansen}, Options{})
	if r.Auto != nil || len(r.Suggestions) != 1 || r.Suggestions[0].Rule != RuleIBANOnAccount || r.Suggestions[0].Difference != 5000 {
		t.Errorf("on account: %s", dump(r))
	}
}

func TestLearn(t *testing.T) {
	ix := fixture()
	line := Line{Amount: 98765, Currency: "EUR", CounterpartyIBAN: ibanUnknown, CounterpartyName: "Van Dam"}
	if r := ix.Match(line, Options{}); r.Auto != nil {
		t.Fatalf("auto before learning: %s", dump(r))
	}
	ix.Learn(ibanUnknown, custBakker)
	r := ix.Match(line, Options{})
	if r.Auto == nil || r.Auto.Rule != RuleIBANAmount || allocs(r.Auto.Allocations) != "601:98765" {
		t.Fatalf("after learning: %s", dump(r))
	}
	ix.Learn(ibanUnknown, 0)
	if r := ix.Match(line, Options{}); r.Auto != nil {
		t.Fatalf("auto after forgetting: %s", dump(r))
	}
}

func TestSharedIBAN(t *testing.T) {
	const psp = "NL59RABO0123456789" // a payment service provider's account
	known := fixtureKnown()
	known.IBANs[psp] = custJansen // wrongly learned before it was marked shared
	known.Shared = []string{"nl59 rabo 0123 4567 89"}
	ix := NewIndex(fixtureItems(), known)
	line := Line{Amount: 75000, Currency: "EUR", CounterpartyIBAN: psp, CounterpartyName: "Stichting Mollie Payments"}
	if r := ix.Match(line, Options{}); r.Auto != nil || len(r.Suggestions) > 0 {
		t.Fatalf("a shared account identified a customer: %s", dump(r))
	}
	ix.Learn(psp, custJansen)
	if r := ix.Match(line, Options{}); r.Auto != nil {
		t.Fatalf("a shared account was learned: %s", dump(r))
	}
}

func TestFromEntry(t *testing.T) {
	e := bank.Entry{Amount: 123456, Currency: "EUR", BookingDate: d("2026-03-02"), ValueDate: d("2026-03-01"),
		Counterparty: bank.Party{Name: "Jansen Bouw BV", IBAN: ibanJansen}, Remittance: "BETALING FACT 2026-00123",
		EndToEndID: "E2E-1", ReturnCode: "", StructuredRef: refJansen123}
	l := FromEntry(e)
	if l.Date != d("2026-03-02") || l.CounterpartyIBAN != ibanJansen || l.StructuredRef != refJansen123 || l.EndToEndID != "E2E-1" {
		t.Errorf("line %+v", l)
	}
	r := fixture().Match(l, Options{})
	if r.Auto == nil || r.Auto.Rule != RuleStructuredRef || r.Auto.Confidence != 100 {
		t.Errorf("from entry: %s", dump(r))
	}
}

func TestRanking(t *testing.T) {
	// a payer with many items: at most five suggestions, best first
	var items []OpenItem
	for i := int64(1); i <= 30; i++ {
		items = append(items, OpenItem{InvoiceID: i, CustomerID: 1, Number: "126020" + itoa(1000+i), Currency: "EUR",
			Open: 10000, DueDate: d("2026-01-01").AddDays(int(i)), CustomerName: "Jansen"})
	}
	ix := NewIndex(items, Known{IBANs: map[string]int64{ibanJansen: 1}})
	r := ix.Match(Line{Amount: 10000, Currency: "EUR", CounterpartyIBAN: ibanJansen}, Options{})
	if r.Auto != nil || len(r.Suggestions) == 0 || len(r.Suggestions) > maxSuggestions {
		t.Fatalf("%s", dump(r))
	}
	for i := 1; i < len(r.Suggestions); i++ {
		if r.Suggestions[i].Confidence > r.Suggestions[i-1].Confidence {
			t.Errorf("not ranked: %s", dump(r))
		}
	}
	if got := allocs(r.Suggestions[0].Allocations); got != "1:10000" {
		t.Errorf("oldest first: %s", dump(r))
	}
}

func TestConcurrentMatch(t *testing.T) {
	// Match only reads the index: statements may be matched in parallel
	// (run with -race)
	ix := fixture()
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			for i := 0; i < 200; i++ {
				ix.Match(Line{Amount: 75000, Currency: "EUR", Remittance: "factuur 126010007", CounterpartyIBAN: ibanJansen}, Options{})
				ix.Match(Line{Amount: 21780, Currency: "EUR", CounterpartyIBAN: ibanPietersen, CounterpartyName: "Pietersen"}, Options{})
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
