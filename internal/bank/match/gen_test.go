package match

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/kredo-dev/kredo/internal/bank"
)

// This file generates a random entity — customers, open items, known IBANs
// — and statement lines derived from its items with the truth known: what a
// careful person would allocate. The property test and the benchmark use it.

var (
	surnames = []string{"Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
		"Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
		"Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "Vermeulen", "Schouten", "Willems"}
	sectors = []string{"Bouw", "Installatietechniek", "Logistiek", "Transport", "Schilderwerken", "Groothandel",
		"Techniek", "Zorg", "Advies", "Metaal", "Kozijnen", "Elektro", "Catering", "Software", "Tuinen"}
	forms  = []string{"B.V.", "BV", "", "Holding B.V.", "V.O.F.", "GmbH"}
	rounds = []int64{10000, 12100, 25000, 50000, 60500, 121000}
)

// gcust is a generated customer.
type gcust struct {
	id, parent int64
	name, iban string
	known      bool
	items      []int // indexes into world.items
}

// world is a generated entity and the truth of what is open.
type world struct {
	r     *rand.Rand
	items []OpenItem
	custs []*gcust
	byID  map[int64]*gcust
	open  map[int64]int64 // invoice id -> open amount, as the truth has it
	known Known
	seq   map[string]int
}

// truthLine is a generated line and what it pays.
type truthLine struct {
	line     Line
	want     []Allocation // nil: nothing may be allocated automatically
	diff     int64
	scenario string
}

// newWorld generates nItems open items over nItems/8 customers.
func newWorld(seed uint64, nItems int) *world {
	w := &world{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), byID: map[int64]*gcust{},
		open: map[int64]int64{}, seq: map[string]int{}, known: Known{IBANs: map[string]int64{}, Names: map[int64]string{}}}
	nCust := max(nItems/8, 10)
	nParents := max(nCust/60, 2)
	for i := 0; i < nCust; i++ {
		c := &gcust{id: int64(i + 1)}
		c.name = strings.TrimSpace(surnames[w.r.IntN(len(surnames))] + " " + sectors[w.r.IntN(len(sectors))] + " " + forms[w.r.IntN(len(forms))])
		c.iban = fmt.Sprintf("NL%02dBANK%010d", 10+i%90, 1000000+i)
		c.known = w.r.IntN(100) < 75 || i < nParents
		if i >= nParents && w.r.IntN(100) < 8 {
			c.parent = int64(w.r.IntN(nParents) + 1)
		}
		if c.known {
			w.known.IBANs[c.iban] = c.id
		}
		w.known.Names[c.id] = c.name
		w.custs = append(w.custs, c)
		w.byID[c.id] = c
	}
	subscription := map[int64]int64{}
	for i := 0; i < nItems; i++ {
		u := w.r.Float64()
		c := w.custs[nParents+int(float64(nCust-nParents)*u*u)]
		it := OpenItem{InvoiceID: int64(i + 1), CustomerID: c.id, ParentID: c.parent, Currency: "EUR",
			CustomerName: c.name, DueDate: d("2026-01-01").AddDays(w.r.IntN(120))}
		if w.r.IntN(100) < 3 {
			it.Currency = "USD"
		}
		switch p := w.r.IntN(100); {
		case p < 70:
			it.Number = fmt.Sprintf("126%02d%05d", 1+i%4, w.next("demo"+itoa(int64(i%4))))
		case p < 90:
			it.Number = fmt.Sprintf("F2026-%05d", w.next("F"))
		default:
			it.Number = fmt.Sprintf("INV-2026-%06d", w.next("INV"))
		}
		switch p := w.r.IntN(100); {
		case p < 35:
			it.PaymentRef = kenmerk(fmt.Sprintf("%015d", 260000000000000+i))
		case p < 45:
			it.PaymentRef = makeRF(fmt.Sprintf("K%d", 100000+i))
		}
		switch p := w.r.IntN(100); {
		case c.id%7 == 0 && int(c.id) > nCust/5: // a subscription: every item the same amount
			if subscription[c.id] == 0 {
				subscription[c.id] = rounds[w.r.IntN(len(rounds))] + int64(w.r.IntN(3))*100
			}
			it.Open = subscription[c.id]
		case p < 10:
			it.Open = rounds[w.r.IntN(len(rounds))]
		default:
			it.Open = int64(math.Exp(math.Log(2500) + w.r.Float64()*(math.Log(1500000)-math.Log(2500))))
		}
		if w.r.IntN(100) < 5 {
			it.Number = "C" + strings.TrimPrefix(it.Number, "F")
			it.Open = -it.Open / 3
			it.PaymentRef = ""
		}
		c.items = append(c.items, len(w.items))
		w.open[it.InvoiceID] = it.Open
		w.items = append(w.items, it)
	}
	return w
}

func (w *world) next(k string) int { w.seq[k]++; return w.seq[k] }

// makeRF returns the RF creditor reference of body.
func makeRF(body string) string {
	for c := 2; c <= 98; c++ {
		if s := fmt.Sprintf("RF%02d%s", c, body); bank.ValidRF(s) {
			return s
		}
	}
	panic("no RF check digits for " + body)
}

// apply records allocations in the truth.
func (w *world) apply(as []Allocation) {
	for _, a := range as {
		o := w.open[a.InvoiceID]
		n := o - a.Amount
		if o > 0 && n < 0 || o < 0 && n > 0 {
			n = 0
		}
		w.open[a.InvoiceID] = n
	}
}

// openItems returns customer c's open items in EUR (positive unless credit), oldest first.
func (w *world) openItems(c *gcust, credit bool) []int {
	var out []int
	for _, k := range c.items {
		it := &w.items[k]
		if o := w.open[it.InvoiceID]; it.Currency == "EUR" && (o > 0 || credit && o < 0) {
			out = append(out, k)
		}
	}
	for i := 1; i < len(out); i++ { // insertion sort: due date, id
		for j := i; j > 0 && w.older(out[j], out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func (w *world) older(a, b int) bool {
	x, y := &w.items[a], &w.items[b]
	if !x.DueDate.Time().Equal(y.DueDate.Time()) {
		return x.DueDate.Before(y.DueDate)
	}
	return x.InvoiceID < y.InvoiceID
}

// randomOpen returns a random open positive EUR item (and its customer), or -1.
func (w *world) randomOpen(pred func(it *OpenItem, c *gcust) bool) (int, *gcust) {
	for try := 0; try < 200; try++ {
		k := w.r.IntN(len(w.items))
		it := &w.items[k]
		c := w.byID[it.CustomerID]
		if it.Currency == "EUR" && w.open[it.InvoiceID] > 0 && (pred == nil || pred(it, c)) {
			return k, c
		}
	}
	return -1, nil
}

// full returns the allocation of item k in full.
func (w *world) full(k int) Allocation {
	it := &w.items[k]
	return Allocation{InvoiceID: it.InvoiceID, CustomerID: it.CustomerID, Number: it.Number, Amount: w.open[it.InvoiceID]}
}

// mangle writes an invoice number as people do.
func (w *world) mangle(n string) string {
	runs := numberRuns(n)
	switch w.r.IntN(6) {
	case 0:
		return strings.ToLower(n)
	case 1:
		return strings.Join(runs, " ")
	case 2:
		return strings.ReplaceAll(n, "-", ".")
	case 3:
		if len(runs) > 1 && !hasDigit(runs[0]) {
			return strings.Join(runs[1:], "-")
		}
		return " " + n + " "
	case 4:
		if len(runs) > 1 {
			runs[len(runs)-1] = stripZeros(runs[len(runs)-1])
		}
		return strings.Join(runs, "-")
	}
	return strings.Join(runs, "")
}

// typo changes one character of a number's digits.
func (w *world) typo(n string) string {
	b := []byte(n)
	var pos []int
	for i, c := range b {
		if c >= '0' && c <= '9' {
			pos = append(pos, i)
		}
	}
	i := pos[w.r.IntN(len(pos))]
	switch w.r.IntN(3) {
	case 0:
		b[i] = '0' + (b[i]-'0'+1+byte(w.r.IntN(9)))%10
	case 1:
		if i+1 < len(b) && b[i] != b[i+1] && b[i+1] >= '0' && b[i+1] <= '9' {
			b[i], b[i+1] = b[i+1], b[i]
		} else {
			b[i] = '0' + (b[i]-'0'+1)%10
		}
	default:
		b = append(b[:i], b[i+1:]...)
	}
	return string(b)
}

// spaced writes a reference in groups of four.
func spaced(ref string) string {
	var parts []string
	for len(ref) > 4 {
		parts = append(parts, ref[:4])
		ref = ref[4:]
	}
	return strings.Join(append(parts, ref), " ")
}

// text wraps a description as banks and payers write it.
func (w *world) text(c *gcust, desc string) string {
	switch w.r.IntN(5) {
	case 0:
		return "/TRTP/SEPA OVERBOEKING/IBAN/" + c.iban + "/BIC/ABNANL2A/NAME/" + c.name + "/REMI/" + desc + "/EREF/NOTPROVIDED"
	case 1:
		return "Factuur " + desc
	case 2:
		return "fact. " + desc + " dd 12-03-2026"
	case 3:
		return desc
	}
	return "Betaling " + desc + " klantnr " + itoa(40000+c.id)
}
