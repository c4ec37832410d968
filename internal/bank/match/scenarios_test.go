package match

import (
	"strings"
)

// scenario makes one kind of line; ok false when the world has nothing for it.
type scenario struct {
	name   string
	weight int
	make   func(w *world) (truthLine, bool)
}

// tolerance is the tolerance the generated lines are matched with.
const tolerance = 500

var scenarios = []scenario{
	{"ref-field", 14, func(w *world) (truthLine, bool) {
		k, c := w.randomOpen(func(it *OpenItem, _ *gcust) bool { return it.PaymentRef != "" })
		if k < 0 {
			return truthLine{}, false
		}
		ref := w.items[k].PaymentRef
		if w.r.IntN(3) == 0 {
			ref = spaced(ref)
		}
		return w.pay(c, k, Line{StructuredRef: ref, Remittance: "Betaling"}), true
	}},
	{"ref-text", 5, func(w *world) (truthLine, bool) {
		k, c := w.randomOpen(func(it *OpenItem, _ *gcust) bool { return it.PaymentRef != "" })
		if k < 0 {
			return truthLine{}, false
		}
		return w.pay(c, k, Line{Remittance: w.text(c, "betalingskenmerk "+spaced(w.items[k].PaymentRef))}), true
	}},
	{"number-exact", 12, func(w *world) (truthLine, bool) {
		k, c := w.randomOpen(nil)
		if k < 0 {
			return truthLine{}, false
		}
		return w.pay(c, k, Line{Remittance: w.text(c, w.items[k].Number)}), true
	}},
	{"number-mangled", 14, func(w *world) (truthLine, bool) {
		k, c := w.randomOpen(nil)
		if k < 0 {
			return truthLine{}, false
		}
		return w.pay(c, k, Line{Remittance: w.text(c, w.mangle(w.items[k].Number))}), true
	}},
	{"number-typo", 3, func(w *world) (truthLine, bool) {
		k, c := w.randomOpen(nil)
		if k < 0 {
			return truthLine{}, false
		}
		return w.pay(c, k, Line{Remittance: w.text(c, w.typo(w.items[k].Number))}), true
	}},
	{"combined", 8, func(w *world) (truthLine, bool) {
		k, c := w.randomOpen(func(_ *OpenItem, c *gcust) bool { return len(w.openItems(c, false)) >= 2 })
		if k < 0 {
			return truthLine{}, false
		}
		items := w.openItems(c, true)
		w.r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		items = items[:min(len(items), 2+w.r.IntN(3))]
		t := truthLine{line: w.from(c)}
		var nums []string
		for _, i := range items {
			a := w.full(i)
			t.want = append(t.want, a)
			t.line.Amount += a.Amount
			nums = append(nums, w.mangle(w.items[i].Number))
		}
		if t.line.Amount <= 0 {
			return truthLine{}, false
		}
		sep := []string{", ", " en ", " ", "/"}[w.r.IntN(4)]
		t.line.Remittance = w.text(c, strings.Join(nums, sep))
		return t, true
	}},
	{"iban-single", 17, func(w *world) (truthLine, bool) {
		k, c := w.randomOpen(func(_ *OpenItem, c *gcust) bool { return c.known })
		if k < 0 {
			return truthLine{}, false
		}
		return w.pay(c, k, Line{Remittance: []string{"", "Betaling", "termijn", "BETALING CREDITEUR"}[w.r.IntN(4)]}), true
	}},
	{"iban-oldest", 4, func(w *world) (truthLine, bool) {
		_, c := w.randomOpen(func(_ *OpenItem, c *gcust) bool { return c.known && len(w.openItems(c, false)) >= 2 })
		if c == nil {
			return truthLine{}, false
		}
		items := w.openItems(c, false)
		t := truthLine{line: w.from(c)}
		for _, i := range items[:2+w.r.IntN(min(3, len(items)-1))] {
			t.want = append(t.want, w.full(i))
			t.line.Amount += w.open[w.items[i].InvoiceID]
		}
		return t, true
	}},
	{"iban-subset", 3, func(w *world) (truthLine, bool) {
		_, c := w.randomOpen(func(_ *OpenItem, c *gcust) bool { return c.known && len(w.openItems(c, false)) >= 3 })
		if c == nil {
			return truthLine{}, false
		}
		items := w.openItems(c, false)
		if w.open[w.items[items[1]].InvoiceID] == w.open[w.items[items[2]].InvoiceID] {
			return truthLine{}, false // which of two equal items was paid nobody can tell
		}
		t := truthLine{line: w.from(c)}
		for _, i := range []int{items[0], items[2]} {
			t.want = append(t.want, w.full(i))
			t.line.Amount += w.open[w.items[i].InvoiceID]
		}
		return t, true
	}},
	{"ref-partial", 3, func(w *world) (truthLine, bool) {
		k, c := w.randomOpen(func(it *OpenItem, _ *gcust) bool { return it.PaymentRef != "" && it.Open > 10000 })
		if k < 0 {
			return truthLine{}, false
		}
		t := truthLine{line: w.from(c)}
		t.line.StructuredRef = w.items[k].PaymentRef
		t.line.Amount = w.open[w.items[k].InvoiceID] * int64(20+w.r.IntN(60)) / 100
		a := w.full(k)
		a.Amount = t.line.Amount
		t.want = []Allocation{a}
		return t, true
	}},
	{"short-within-tolerance", 3, func(w *world) (truthLine, bool) {
		k, c := w.randomOpen(func(it *OpenItem, _ *gcust) bool { return it.Open > 5000 })
		if k < 0 {
			return truthLine{}, false
		}
		t := w.pay(c, k, Line{Remittance: w.text(c, w.items[k].Number)})
		t.diff = -int64(1 + w.r.IntN(tolerance))
		t.line.Amount += t.diff
		return t, true
	}},
	{"parent-pays", 3, func(w *world) (truthLine, bool) {
		k, c := w.randomOpen(func(_ *OpenItem, c *gcust) bool { return c.parent != 0 })
		if k < 0 {
			return truthLine{}, false
		}
		desc := ""
		if w.r.IntN(2) == 0 {
			desc = w.text(c, w.items[k].Number)
		}
		t := w.pay(c, k, Line{Remittance: desc})
		p := w.byID[c.parent]
		t.line.CounterpartyIBAN, t.line.CounterpartyName = p.iban, strings.ToUpper(p.name)
		return t, true
	}},
	{"noise", 4, func(w *world) (truthLine, bool) {
		t := truthLine{line: Line{Currency: "EUR", CounterpartyIBAN: "NL99TEST0000000001", CounterpartyName: "Stichting Vrienden",
			Remittance: []string{"Donatie", "Terugstorting borg", "Rente", "Ref 4500123456"}[w.r.IntN(4)]}}
		t.line.Amount = int64(100 + w.r.IntN(200000))
		if k, _ := w.randomOpen(nil); k >= 0 && w.r.IntN(2) == 0 {
			t.line.Amount = w.open[w.items[k].InvoiceID] // a coincidence of amounts
		}
		return t, true
	}},
	{"double-payment", 2, func(w *world) (truthLine, bool) {
		for try := 0; try < 200; try++ {
			it := &w.items[w.r.IntN(len(w.items))]
			c := w.byID[it.CustomerID]
			if w.open[it.InvoiceID] != 0 || it.Open <= 0 || it.Currency != "EUR" || !c.known {
				continue
			}
			l := w.from(c)
			l.Amount = it.Open
			if it.PaymentRef != "" {
				l.StructuredRef = it.PaymentRef
			} else {
				l.Remittance = w.text(c, it.Number)
			}
			return truthLine{line: l}, true
		}
		return truthLine{}, false
	}},
	{"unknown-invoice", 2, func(w *world) (truthLine, bool) {
		k, c := w.randomOpen(func(_ *OpenItem, c *gcust) bool { return c.known })
		if k < 0 {
			return truthLine{}, false
		}
		l := w.from(c)
		l.Amount = w.open[w.items[k].InvoiceID]
		num := "12604" + itoa(int64(10000+w.r.IntN(89999))) // an invoice Kredo does not hold
		if oneEdit(num, w.items[k].Number) {
			return truthLine{}, false // that would be a typo of the item paid
		}
		l.Remittance = w.text(c, num)
		return truthLine{line: l}, true
	}},
	{"outgoing", 2, func(w *world) (truthLine, bool) {
		k, c := w.randomOpen(nil)
		if k < 0 {
			return truthLine{}, false
		}
		l := w.from(c)
		l.Amount = w.open[w.items[k].InvoiceID]
		l.Remittance = w.items[k].Number
		switch w.r.IntN(3) {
		case 0:
			l.Amount = -l.Amount
		case 1:
			l.Reversal = true
		default:
			l.ReturnCode = "MD06"
		}
		return truthLine{line: l}, true
	}},
	{"other-payer", 1, func(w *world) (truthLine, bool) {
		k, c := w.randomOpen(nil)
		if k < 0 {
			return truthLine{}, false
		}
		t := w.pay(c, k, Line{Remittance: w.text(c, w.items[k].Number)})
		o := w.custs[w.r.IntN(len(w.custs))]
		t.line.CounterpartyIBAN, t.line.CounterpartyName = o.iban, o.name
		return t, true
	}},
}

// from starts a line paid from customer c's account.
func (w *world) from(c *gcust) Line {
	name := c.name
	if w.r.IntN(2) == 0 {
		name = strings.ToUpper(name)
	}
	return Line{Currency: "EUR", CounterpartyIBAN: c.iban, CounterpartyName: name, Date: d("2026-03-15")}
}

// pay returns a line paying item k in full, with l's descriptions.
func (w *world) pay(c *gcust, k int, l Line) truthLine {
	t := truthLine{line: w.from(c)}
	t.line.Remittance, t.line.StructuredRef = l.Remittance, l.StructuredRef
	a := w.full(k)
	t.line.Amount = a.Amount
	t.want = []Allocation{a}
	return t
}

// nextLine makes a line of a random scenario.
func (w *world) nextLine() truthLine {
	total := 0
	for _, s := range scenarios {
		total += s.weight
	}
	for {
		p := w.r.IntN(total)
		for _, s := range scenarios {
			if p -= s.weight; p < 0 {
				if t, ok := s.make(w); ok {
					t.scenario = s.name
					return t
				}
				break
			}
		}
	}
}
