package demo

import (
	"slices"
	"strconv"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// doc is one invoice or credit note of the current customer.
type doc struct {
	day, due int32
	amount   int64 // signed: credit notes are negative
	alloc    int64 // sum of allocations as of Today
	orig     int32 // credit notes: index of the credited invoice, else -1
	credit   int32 // invoices: index of their credit note, else -1
	p0, pn   int32 // the invoice's planned payment portions
	full     bool  // credit note for the whole invoice
	pg       int8  // product group
	reason   int8  // credit note reason
	number   string
}

// Product groups and their mix per segment (permille).
var (
	productGroups = [4]string{"Food", "Non-food", "Packaging", "Services"}
	productMix    = [numSegments][]int{
		segRetail:      {450, 350, 150, 50},
		segHoreca:      {700, 100, 150, 50},
		segBouw:        {0, 600, 100, 300},
		segIndustrie:   {50, 300, 500, 150},
		segOverheid:    {200, 350, 50, 400},
		segParticulier: {300, 700, 0, 0},
	}
)

// maxAmount caps an invoice at 50,000 in major units.
const maxAmount = 5_000_000

// customerDocuments generates, settles and emits the n documents of one
// customer and its payments.
func (g *generator) customerDocuments(ei, idx, n int) error {
	info := &g.infos[ei][idx]
	reseed(&g.pcg, g.cfg.Seed, streamDocuments, uint64(ei), uint64(idx))
	g.makeDocs(ei, info, n)
	g.settle(info)
	if err := g.emitInvoices(ei, info); err != nil {
		return err
	}
	return g.emitPayments(ei, info)
}

// makeDocs draws the customer's invoice dates, amounts and credit notes and
// numbers them in date order.
func (g *generator) makeDocs(ei int, info *custInfo, n int) {
	r := g.r
	days := g.days[:0]
	for range n {
		days = append(days, g.cal.sample(r, info.start, info.end))
	}
	slices.Sort(days)
	g.days = days
	docs := g.docs[:0]
	minAmount := int64(2500)
	if info.consumer {
		minAmount = 1000
	}
	for j, d := range days {
		x := doc{day: d, due: d + int32(info.terms), orig: -1, credit: -1}
		if j > 0 && chance(r, 30) { // a return or price correction of a recent invoice
			for k := j - 1; k >= 0 && k >= j-8; k-- {
				o := &docs[k]
				if o.orig >= 0 || o.credit >= 0 || o.day >= d || o.day < d-120 {
					continue
				}
				x.orig, x.due, x.pg = int32(k), d, o.pg
				if chance(r, 250) {
					x.full, x.reason, x.amount = true, 0, -o.amount
				} else {
					x.reason = int8(1 + r.IntN(3))
					x.amount = -max(100, o.amount*int64(between(r, 5, 40))/100)
				}
				o.credit = int32(j)
				break
			}
		}
		if x.orig < 0 {
			a := info.median * lognormal(r, &spread07) / 1000
			if chance(r, 5) { // a project or season order
				a *= int64(between(r, 3, 10))
			}
			x.amount = min(max(a, minAmount), maxAmount)
			x.pg = int8(pick(r, productMix[info.segment]...))
		}
		x.number = g.docNumber(ei, d, x.orig >= 0)
		docs = append(docs, x)
	}
	g.docs = docs
}

// docNumber returns the next invoice ("1251100042": entity digit, yymm,
// sequence) or credit note ("C1251100007") number of the month of day d.
func (g *generator) docNumber(ei int, d int32, credit bool) string {
	m := g.cal.month[d]
	ctr := g.seq[ei]
	b := g.buf[:0]
	if credit {
		ctr = g.cnSeq[ei]
		b = append(b, 'C')
	}
	ctr[m]++
	b = append(b, g.prefix[ei][m]...)
	b = appendPadded(b, int64(ctr[m]), 5)
	g.buf = b
	return string(b)
}

// appendPadded appends v with at least width digits.
func appendPadded(b []byte, v int64, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], v, 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// paymentRef returns the structured reference printed on invoice x.
func (g *generator) paymentRef(ei int, info *custInfo, x *doc) string {
	if x.orig >= 0 {
		return ""
	}
	num := x.number // digit, yymm, sequence
	switch info.ref {
	case refKenmerk: // yymm (4) + sequence (6) + customer (5) = 15 digits
		if len(num) > 10 {
			return ""
		}
		cust, _ := strconv.Atoi(info.number[1:])
		b := append(g.buf[:0], num[1:5]...)
		b = append(b, '0')
		b = append(b, num[5:]...)
		b = appendPadded(b, int64(cust%100000), 5)
		g.buf = b
		return betalingskenmerk(string(b))
	case refOGM:
		if len(num) != 10 {
			return ""
		}
		return makeOGM(num)
	case refRF:
		return makeRF(info.number + num)
	}
	return ""
}

// description returns the invoice or credit note text in the customer's language.
func (g *generator) description(info *custInfo, x *doc) string {
	w := vocab[info.lang]
	if x.orig >= 0 {
		return w.creditFor + " " + g.docs[x.orig].number + ": " + w.reasons[x.reason]
	}
	t := g.cal.date(x.day).Time()
	b := g.buf[:0]
	if x.pg == 3 {
		b = append(b, w.services...)
		b = append(b, ' ')
		b = append(b, w.months[t.Month()-1]...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(t.Year()), 10)
	} else {
		_, wk := t.ISOWeek()
		b = append(b, w.delivery...)
		b = append(b, ' ')
		b = append(b, productGroups[x.pg]...)
		b = append(b, ' ')
		b = append(b, w.week...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(wk), 10)
	}
	g.buf = b
	return string(b)
}

// poNumber returns a purchase order number in the customer's format, or "".
func (g *generator) poNumber(info *custInfo, x *doc, j int) string {
	if x.orig >= 0 || info.poShare == 0 || g.r.IntN(1000) >= int(info.poShare) {
		return ""
	}
	t := g.cal.date(x.day)
	seq := int64(1000 + j*7 + g.r.IntN(7))
	b := g.buf[:0]
	switch info.poFormat {
	case 1:
		b = append(b, "PO-"...)
		b = strconv.AppendInt(b, int64(t.Year()), 10)
		b = append(b, '-')
		b = appendPadded(b, seq, 5)
	case 2:
		cust, _ := strconv.Atoi(info.number[1:])
		b = append(b, "4500"...) // SAP style
		b = appendPadded(b, int64(cust%97)*10000+seq, 6)
	case 3:
		b = append(b, "IO/"...)
		b = append(b, twoDigits(t.Year()%100)...)
		b = append(b, '/')
		b = appendPadded(b, seq, 4)
	default:
		b = append(b, "P-"...)
		b = appendPadded(b, seq/10, 4)
	}
	g.buf = b
	return string(b)
}

// emitInvoices sends the customer's documents with their open amounts and
// adds them to the summary.
func (g *generator) emitInvoices(ei int, info *custInfo) error {
	es := g.ents[ei]
	cur := es.entity.Currency
	last := g.cal.last
	for j := range g.docs {
		x := &g.docs[j]
		inv := ledger.Invoice{
			EntityCode: es.entity.Code, CustomerNumber: info.number, Kind: ledger.InvoiceKindInvoice,
			Number: x.number, InvoiceDate: g.cal.date(x.day), DueDate: g.cal.date(x.due), Currency: cur,
			Amount: x.amount, OpenAmount: x.amount - x.alloc, ProductGroup: productGroups[x.pg],
			Status: ledger.StatusOpen, Source: "demo",
		}
		if x.orig >= 0 {
			inv.Kind = ledger.InvoiceKindCreditNote
			g.sum.CreditNotes++
		}
		inv.PaymentRef = g.paymentRef(ei, info, x)
		inv.PONumber = g.poNumber(info, x, j)
		inv.Description = g.description(info, x)
		if inv.OpenAmount == 0 {
			inv.Status = ledger.StatusPaid
		} else {
			g.sum.OpenItems++
			g.sum.Open[cur] += inv.OpenAmount
			late := last - x.due
			if late > 0 {
				g.sum.Overdue[cur] += inv.OpenAmount
			}
			g.sum.Aging[agingBucket(int(late))]++
		}
		if err := g.sink.Invoice(inv); err != nil {
			return err
		}
		g.sum.Invoices++
	}
	return nil
}

// agingBucket returns the AgingBuckets index for days past due.
func agingBucket(late int) int {
	switch {
	case late <= 0:
		return 0
	case late <= 30:
		return 1
	case late <= 60:
		return 2
	case late <= 90:
		return 3
	case late <= 180:
		return 4
	}
	return 5
}
