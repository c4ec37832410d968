package demo

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// portion is one allocation a customer makes (or will make) to a document.
type portion struct {
	day    int32
	group  int32 // > 0: a transfer (1 = payment run, doc+2 = per invoice); < 0: credit-note settlement
	doc    int32 // -1 when dropped
	amount int64
}

// pay is one payment: the portions sharing a day and group.
type pay struct {
	day, group int32
	lo, hi     int32 // g.portions[lo:hi]
	net        int64
	unmatched  bool // received but not yet allocated
}

// lateness draws how many days after the due date the customer means to pay
// an invoice dated day (negative: early).
func (g *generator) lateness(info *custInfo, day int32) int32 {
	r := g.r
	switch info.profile {
	case profPrompt:
		if chance(r, 100) {
			return int32(between(r, 1, 3))
		}
		return -int32(r.IntN(8))
	case profChronic:
		return int32(20 + r.IntN(21) + r.IntN(21))
	case profDeteriorating:
		base := int32(r.IntN(5) + r.IntN(5) - 1)
		span := max(g.cal.last-info.start, 1)
		return base + int32(info.drift)*(day-info.start)/span
	}
	return int32(r.IntN(6) + r.IntN(6) + r.IntN(6) - 2) // regular, and stoppers until they stop
}

// payDay moves an intended payment day to the day money actually arrives:
// the next bank day, or the customer's weekly or monthly payment run. Prompt
// payers with runs pay in the run before the intended day when they can.
func (g *generator) payDay(info *custInfo, d, invDay int32) int32 {
	cal := g.cal
	switch info.style {
	case styleWeekly:
		wd := time.Weekday(info.runDay)
		if info.profile == profPrompt {
			if p := cal.nextWeekday(d-6, wd); p >= invDay+3 {
				return p
			}
		}
		return cal.nextWeekday(d, wd)
	case styleMonthly:
		if info.profile == profPrompt {
			if p := cal.nextDayOfMonth(d-30, int(info.runDay)); p <= d && p >= invDay+3 {
				return p
			}
		}
		return cal.nextDayOfMonth(d, int(info.runDay))
	}
	return cal.bankDay(d)
}

// group returns the transfer group of invoice i.
func group(info *custInfo, i int32) int32 {
	if info.style == styleSingle {
		return i + 2
	}
	return 1
}

// plan appends the portions in which the customer pays invoice i.
func (g *generator) plan(ps []portion, info *custInfo, i int32) []portion {
	r := g.r
	x := &g.docs[i]
	grp := group(info, i)
	if chance(r, 4) { // disputed and never paid
		return ps
	}
	intended := x.due + g.lateness(info, x.day)
	if chance(r, 12) { // disputed, paid once resolved
		intended += int32(between(r, 45, 180))
	}
	intended = max(intended, x.day+1)
	if intended >= info.stop {
		return ps
	}
	partial := 25
	if intended >= info.stop-45 { // a stopper scraping money together
		partial = 300
	}
	switch {
	case x.amount >= 2000 && chance(r, partial):
		part := x.amount * int64(between(r, 30, 80)) / 100 / 100 * 100
		if part > 0 && part < x.amount {
			ps = append(ps, portion{g.payDay(info, intended, x.day), grp, i, part})
			if rest := intended + int32(between(r, 14, 60)); chance(r, 800) && rest < info.stop {
				ps = append(ps, portion{g.payDay(info, rest, x.day), grp, i, x.amount - part})
			}
			return ps
		}
	case x.amount >= 5000 && chance(r, 5): // short payment: bank charges, rounding
		diff := int64(between(r, 1, int(min(2500, x.amount/10))))
		return append(ps, portion{g.payDay(info, intended, x.day), grp, i, x.amount - diff})
	}
	return append(ps, portion{g.payDay(info, intended, x.day), grp, i, x.amount})
}

// settle plans every payment of the current customer, keeps those made by
// Today, groups them into payments and computes each document's allocations.
func (g *generator) settle(info *custInfo) {
	r, docs := g.r, g.docs
	ps := g.portions[:0]
	for i := range docs {
		x := &docs[i]
		if x.orig >= 0 {
			continue
		}
		x.p0 = int32(len(ps))
		ps = g.plan(ps, info, int32(i))
		x.pn = int32(len(ps)) - x.p0
	}

	// credit notes: netted with the invoice they correct while it is unpaid,
	// otherwise deducted from a later payment (or left open as a credit)
	later := g.later[:0]
	for c := range docs {
		x := &docs[c]
		if x.orig < 0 {
			continue
		}
		o := &docs[x.orig]
		first, live := int32(-1), 0
		for k := o.p0; k < o.p0+o.pn; k++ {
			if ps[k].doc >= 0 {
				live++
				if first < 0 || ps[k].day < first {
					first = ps[k].day
				}
			}
		}
		if live == 0 || first >= x.day {
			switch {
			case x.full: // the whole invoice is cancelled: settle both at once
				for k := o.p0; k < o.p0+o.pn; k++ {
					ps[k].doc = -1
				}
				grp := -(int32(c) + 1)
				ps = append(ps, portion{x.day, grp, x.orig, o.amount}, portion{x.day, grp, int32(c), x.amount})
				continue
			case live == 0:
				if x.day >= info.stop-45 {
					continue // nobody pays any more: the credit stays open
				}
				d := g.payDay(info, x.day+int32(between(r, 5, 25)), x.day) // dispute resolved
				grp := group(info, x.orig)
				ps = append(ps, portion{d, grp, x.orig, o.amount}, portion{d, grp, int32(c), x.amount})
				continue
			case live == 1 && o.pn == 1 && ps[o.p0].amount == o.amount:
				p := ps[o.p0]
				ps = append(ps, portion{p.day, p.group, int32(c), x.amount})
				continue
			}
		}
		later = append(later, int32(c))
	}
	g.later = later

	// only what happened by Today
	last := g.cal.last
	ps = slices.DeleteFunc(ps, func(p portion) bool { return p.doc < 0 || p.day > last })
	g.portions = ps
	g.buildPays()
	if len(later) > 0 {
		attached := false
		for _, c := range later {
			x := &docs[c]
			k := sort.Search(len(g.pays), func(i int) bool { return g.pays[i].day >= x.day })
			for ; k < len(g.pays); k++ {
				p := &g.pays[k]
				if p.group > 0 && p.net > -x.amount {
					p.net += x.amount
					g.portions = append(g.portions, portion{p.day, p.group, c, x.amount})
					attached = true
					break
				}
			}
		}
		if attached {
			g.buildPays()
		}
	}
	for k := range g.pays {
		p := &g.pays[k]
		if p.group > 0 && p.day > last-5 && chance(r, 200) {
			p.unmatched = true
			continue
		}
		for _, q := range g.portions[p.lo:p.hi] {
			docs[q.doc].alloc += q.amount
		}
	}
}

// buildPays sorts the portions and groups them into payments.
func (g *generator) buildPays() {
	ps := g.portions
	slices.SortFunc(ps, func(a, b portion) int {
		if c := cmp.Compare(a.day, b.day); c != 0 {
			return c
		}
		if c := cmp.Compare(a.group, b.group); c != 0 {
			return c
		}
		return cmp.Compare(a.doc, b.doc)
	})
	pays := g.pays[:0]
	for i := 0; i < len(ps); {
		j := i
		var net int64
		for j < len(ps) && ps[j].day == ps[i].day && ps[j].group == ps[i].group {
			net += ps[j].amount
			j++
		}
		pays = append(pays, pay{day: ps[i].day, group: ps[i].group, lo: int32(i), hi: int32(j), net: net})
		i = j
	}
	g.pays = pays
}

// emitPayments sends the current customer's payments in date order.
func (g *generator) emitPayments(ei int, info *custInfo) error {
	es := g.ents[ei]
	r := g.r
	for k := range g.pays {
		p := &g.pays[k]
		pm := ledger.Payment{
			EntityCode: es.entity.Code, CustomerNumber: info.number, Date: g.cal.date(p.day),
			Currency: es.entity.Currency, Amount: p.net, Source: "demo",
		}
		b := g.buf[:0]
		if p.group < 0 {
			g.setSeq[ei]++
			b = append(b, "VR-"...)
			b = append(b, es.entity.Code...)
			b = append(b, '-')
			b = appendPadded(b, int64(g.setSeq[ei]), 6)
		} else {
			g.paySeq[ei]++
			b = append(b, "PAY-"...)
			b = append(b, es.entity.Code...)
			b = append(b, '-')
			b = appendPadded(b, int64(g.paySeq[ei]), 6)
		}
		pm.Reference = string(b)
		g.buf = b
		pm.Description = g.payText(ei, info, p)
		if p.unmatched {
			g.sum.Unmatched++
			if chance(r, 500) { // the bank statement does not tell who paid
				pm.CustomerNumber = ""
			}
		} else {
			pm.Allocations = make([]ledger.Allocation, 0, p.hi-p.lo)
			for _, q := range g.portions[p.lo:p.hi] {
				pm.Allocations = append(pm.Allocations, ledger.Allocation{InvoiceNumber: g.docs[q.doc].number, Amount: q.amount})
			}
			g.sum.Allocations += len(pm.Allocations)
			if p.group > 0 && chance(r, 5) { // paid a little too much: unallocated rest
				pm.Amount += int64(between(r, 100, 5000))
			}
		}
		if err := g.sink.Payment(pm); err != nil {
			return err
		}
		g.sum.Payments++
	}
	return nil
}

// payText is the payment's remittance information as the bank shows it.
func (g *generator) payText(ei int, info *custInfo, p *pay) string {
	w := vocab[info.lang]
	ps := g.portions[p.lo:p.hi]
	if p.group < 0 { // credit note and invoice settled against each other
		inv, cn := g.docs[ps[0].doc].number, g.docs[ps[1].doc].number
		if g.docs[ps[0].doc].orig >= 0 {
			inv, cn = cn, inv
		}
		return w.settlement + " " + cn + " " + w.with + " " + inv
	}
	if chance(g.r, 60) {
		return w.payment
	}
	if len(ps) == 1 {
		x := &g.docs[ps[0].doc]
		if ref := g.paymentRef(ei, info, x); ref != "" && chance(g.r, 700) {
			return ref
		}
		return w.invoice + " " + x.number
	}
	b := g.buf[:0]
	if len(ps) <= 4 {
		b = append(b, w.invoices...)
		for i, q := range ps {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, ' ')
			b = append(b, g.docs[q.doc].number...)
		}
	} else {
		b = append(b, w.paymentRun...)
		b = append(b, ' ')
		b = append(b, g.cal.date(p.day).String()...)
		b = append(b, ' ')
		b = append(b, info.number...)
		b = append(b, " ("...)
		b = strconv.AppendInt(b, int64(len(ps)), 10)
		b = append(b, ')')
	}
	g.buf = b
	return string(b)
}
