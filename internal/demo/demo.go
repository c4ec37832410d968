// Package demo generates Kredo's demo company: a Dutch wholesale group with a
// Belgian and a British sister, thousands of customers and two years of
// invoices, credit notes and payments up to a given day, with enough overdue
// and soon-due work that every feature has something real to show.
//
// The generator emits plain ledger values to a Sink and does no I/O. It is
// deterministic (the same Config always yields the same byte-identical
// stream, on every platform: it uses no floating point) and streams per
// customer, so memory stays bounded at 100k customers and millions of
// invoices: it keeps about 100 bytes per customer and one customer's
// documents at a time.
//
// Emission order: the three entities; then every customer, entity by entity,
// each group's parent right before its subsidiaries; then customer by
// customer all its invoices and credit notes followed by its payments. A
// payment therefore always comes after the invoices it allocates to, and
// InvoiceNumber is unique per entity across invoices and credit notes (credit
// notes are numbered "C…"), so an allocation is never ambiguous.
//
// What a sink must accept: IDs and timestamps are left zero (the store sets
// them; customers, invoices and payments are keyed by EntityCode and
// number). Payments may carry negative allocations (a credit note netted
// against an invoice in the same transfer); credit notes settled against
// their invoice come as zero-amount payments referenced "VR-<entity>-…";
// a few payments received in the last days carry no allocations yet, some of
// them without a CustomerNumber, for bank matching to find; a payment's
// amount may exceed its allocations (overpayments). Nothing is dated after
// Today except due dates.
package demo

import (
	"math/bits"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Config sets the size and seed of the demo data; zero fields get defaults.
type Config struct {
	Seed      uint64      // random seed; 0 means 1
	Today     ledger.Date // the day the data is "as of"; zero means the current date
	Customers int         // customers across all entities; 0 means 2000
	Invoices  int         // invoices and credit notes in total; 0 means about two years of trade (~25 per customer)
}

// Sink receives the generated values; an error stops the generation.
type Sink interface {
	// Entity receives an entity; all entities come first.
	Entity(e ledger.Entity) error
	// Customer receives a customer after its entity and after its parent.
	Customer(c ledger.Customer) error
	// Invoice receives an invoice or credit note after its customer.
	Invoice(i ledger.Invoice) error
	// Payment receives a payment after every invoice it allocates to.
	Payment(p ledger.Payment) error
}

// AgingBuckets names the Summary.Aging buckets (days past due).
var AgingBuckets = [6]string{"not due", "1-30", "31-60", "61-90", "91-180", ">180"}

// Summary counts what Generate emitted.
type Summary struct {
	Entities    int
	Customers   int
	Consumers   int              // customers of kind consumer
	Groups      int              // parent customers with subsidiaries
	Invoices    int              // invoices and credit notes
	CreditNotes int              // of which credit notes
	Payments    int              // payments, including credit-note settlements
	Allocations int              // allocation lines over all payments
	Unmatched   int              // recent payments not yet allocated (for bank matching)
	OpenItems   int              // invoices and credit notes with an open amount
	Open        map[string]int64 // open amount per currency (credit notes count negative)
	Overdue     map[string]int64 // part of Open past its due date
	Aging       [6]int           // open items per AgingBuckets bucket
	From, Today ledger.Date      // first day of the invoicing history, and Today
	// Statements tell how the bank statements of the last week's payments
	// were matched (filled by the loader that imports them, app.LoadDemo).
	Statements []StatementQuality
}

// DefaultCustomers is the number of customers when Config.Customers is 0.
const DefaultCustomers = 2000

// Generate builds the demo company described by cfg and sends it to sink.
func Generate(cfg Config, sink Sink) (Summary, error) {
	if cfg.Customers < 0 || cfg.Invoices < 0 {
		return Summary{}, ledger.Errorf(ledger.ErrInvalid, "demo: customers and invoices must not be negative")
	}
	if cfg.Seed == 0 {
		cfg.Seed = 1
	}
	if cfg.Today.IsZero() {
		cfg.Today = ledger.DateOf(time.Now())
	}
	if cfg.Customers == 0 {
		cfg.Customers = DefaultCustomers
	}
	g := newGenerator(cfg, sink)
	err := g.run()
	return g.sum, err
}

// generator is the state of one Generate call.
type generator struct {
	cfg   Config
	sink  Sink
	cal   *calendar
	ents  []*entitySpec
	infos [][]custInfo // per entity, in emission order
	sum   Summary

	pcg rand.PCG
	r   *rand.Rand

	prefix [][]string // invoice number prefix per entity and month: digit, yy, mm
	seq    [][]int32  // next invoice number per entity and month
	cnSeq  [][]int32  // next credit note number per entity and month
	paySeq []int      // payments per entity
	setSeq []int      // settlements per entity

	docs     []doc     // the current customer's documents
	portions []portion // their payment portions
	pays     []pay
	later    []int32
	days     []int32
	buf      []byte
	names    map[string]bool // customer names used in the current entity
}

func newGenerator(cfg Config, sink Sink) *generator {
	g := &generator{cfg: cfg, sink: sink, cal: newCalendar(cfg.Today), ents: demoEntities()}
	g.r = rand.New(&g.pcg)
	g.sum.Open, g.sum.Overdue = map[string]int64{}, map[string]int64{}
	g.sum.From, g.sum.Today = g.cal.first, cfg.Today
	months := int(g.cal.month[g.cal.last]) + 1
	for _, es := range g.ents {
		p := make([]string, months)
		for d := int32(0); d <= g.cal.last; d++ {
			if m := g.cal.month[d]; p[m] == "" {
				t := g.cal.dates[d]
				p[m] = string(es.digit) + twoDigits(t.Year()%100) + twoDigits(int(t.Month()))
			}
		}
		g.prefix = append(g.prefix, p)
		g.seq = append(g.seq, make([]int32, months))
		g.cnSeq = append(g.cnSeq, make([]int32, months))
	}
	g.paySeq = make([]int, len(g.ents))
	g.setSeq = make([]int, len(g.ents))
	g.infos = make([][]custInfo, len(g.ents))
	return g
}

// run emits entities, customers and then every customer's documents.
func (g *generator) run() error {
	for _, es := range g.ents {
		if err := g.sink.Entity(es.entity); err != nil {
			return err
		}
		g.sum.Entities++
	}
	cum, prev := 0, 0
	for ei, es := range g.ents {
		cum += es.share
		n := (g.cfg.Customers*cum+500)/1000 - prev
		prev += n
		if err := g.customers(ei, es, n); err != nil {
			return err
		}
	}

	// share the invoices out in proportion to each customer's volume
	var total uint64
	for _, infos := range g.infos {
		for i := range infos {
			total += uint64(infos[i].weight)
		}
	}
	target := uint64(g.cfg.Invoices)
	if target == 0 {
		target = total / 30440 // freq is per 1000 months of 30.44 days
	}
	var acc, given uint64
	for ei, infos := range g.infos {
		for i := range infos {
			acc += uint64(infos[i].weight)
			hi, lo := bits.Mul64(acc, target)
			q, _ := bits.Div64(hi, lo, total)
			if err := g.customerDocuments(ei, i, int(q-given)); err != nil {
				return err
			}
			given = q
		}
	}
	return nil
}

// customers makes, emits and remembers the n customers of entity ei. A layout
// stream decides groups and consumers in order; each customer then draws its
// attributes from its own stream.
func (g *generator) customers(ei int, es *entitySpec, n int) error {
	var lp rand.PCG
	reseed(&lp, g.cfg.Seed, streamLayout, uint64(ei), 0)
	lr := rand.New(&lp)
	infos := make([]custInfo, 0, n)
	g.names = map[string]bool{}
	defer func() { g.names = nil }()
	var grp groupState
	left := 0 // subsidiaries still to come in the current group
	for i := 0; i < n; i++ {
		role := roleSingle
		switch {
		case left > 0:
			role = roleSub
			left--
		case i+1 < n && chance(lr, 13): // ~5% of customers are in a group of 2-6
			role = roleParent
			left = min(between(lr, 2, 6), n-i) - 1
			g.sum.Groups++
		}
		consumer := role == roleSingle && chance(lr, 100)
		reseed(&g.pcg, g.cfg.Seed, streamCustomer, uint64(ei), uint64(i))
		c, info := g.makeCustomer(g.r, es, customerNumber(g.sum.Customers), consumer, role, &grp)
		if err := g.sink.Customer(c); err != nil {
			return err
		}
		g.sum.Customers++
		if consumer {
			g.sum.Consumers++
		}
		infos = append(infos, info)
	}
	g.infos[ei] = infos
	return nil
}

// customerNumber formats the k-th customer number of the group ("D10001").
func customerNumber(k int) string { return "D" + strconv.Itoa(10001+k) }
