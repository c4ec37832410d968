package match

import (
	"sort"
	"strings"
)

// This file holds the rules that read the payment's words: structured
// references and invoice numbers. Their confidences are listed in doc.go.

// confs are a textual rule's confidences: paid in full (exactly), partly,
// and more than open.
type confs struct{ full, partial, over int }

// singleConfs are the confidences of one item named by a kind of mention;
// a difference within tolerance costs one point.
var singleConfs = map[uint8]confs{
	kindRef:    {98, 95, 80}, // 100 when from the StructuredRef field
	kindNumber: {95, 75, 70},
	kindLoose:  {92, 75, 70},
	kindSuffix: {85, 70, 65},
}

// sumConfs are the confidences of several named items that add up, by the
// weakest kind of mention among them.
var sumConfs = map[uint8]int{kindRef: 97, kindNumber: 95, kindLoose: 92, kindSuffix: 85, kindTypo: 60}

// definite returns the open items named without doubt (not ambiguous, not a typo).
func (m *matcher) definite() []mention {
	var out []mention
	for _, n := range m.named {
		if !n.amb && n.kind != kindTypo {
			out = append(out, n)
		}
	}
	return out
}

// ruleStructuredRef: the payment's structured reference (or one in its text)
// is one open item's payment reference.
func ruleStructuredRef(m *matcher) {
	if d := m.definite(); len(d) == 1 && d[0].kind == kindRef {
		m.single(d[0], RuleStructuredRef)
	}
}

// ruleInvoiceNumber: the text names one open item's invoice number.
func ruleInvoiceNumber(m *matcher) {
	if d := m.definite(); len(d) == 1 && d[0].kind != kindRef {
		m.single(d[0], RuleInvoiceNumber)
	}
}

// single suggests the one named item n: paid in full (within tolerance),
// partly (what was paid is allocated, the rest stays open) or overpaid.
func (m *matcher) single(n mention, rule string) {
	it := &m.ix.items[n.item]
	if it.Open <= 0 {
		return // a credit note is not paid by money in
	}
	cf := singleConfs[n.kind]
	if n.kind == kindRef && n.field {
		cf.full = 100
	}
	c := cand{textual: true}
	c.Rule = rule
	d := m.paid - it.Open
	var how string
	switch {
	case abs(d) <= m.tol:
		c.Allocations = []Allocation{m.alloc(n.item, it.Open)}
		c.Difference = d
		c.Confidence = cf.full
		how = "open " + money(it.Open, it.Currency) + ", paid in full"
		if d != 0 {
			c.Confidence--
			how = "open " + money(it.Open, it.Currency) + ", paid " + money(m.paid, it.Currency) +
				": the difference is within the tolerance"
			if bigDifference(d, it.Open) {
				c.Confidence = min(c.Confidence, 85)
				how += ", but large for the amount (a partial payment?)"
			}
		}
	case d < 0:
		c.Allocations = []Allocation{m.alloc(n.item, m.paid)}
		c.Confidence = cf.partial
		how = "paid " + money(m.paid, it.Currency) + " of " + money(it.Open, it.Currency) + "; " +
			money(-d, it.Currency) + " stays open"
	default:
		c.Allocations = []Allocation{m.alloc(n.item, it.Open)}
		c.Difference = d
		c.Confidence = cf.over
		how = "paid " + money(m.paid, it.Currency) + ", " + money(d, it.Currency) + " more than the open " +
			money(it.Open, it.Currency)
	}
	amounts := []int64{m.paid} // a neighbour paid in full is as likely
	if abs(d) <= m.tol && d != 0 {
		amounts = append(amounts, it.Open)
	}
	if y := m.neighbour(n, amounts...); y >= 0 {
		c.Confidence = min(c.Confidence, 85)
		how += "; but " + m.ix.items[y].Number + ", one character off, fits too"
	}
	c.Explanation = m.what(n) + " is invoice " + it.Number + " of " + m.name(it.CustomerID) + ", " + how
	m.nameGuard(&c, n)
	m.add(c)
}

// bigDifference reports whether a difference within tolerance is more than
// a tenth of the amount: then it may as well be a partial payment, and
// neither reading is certain.
func bigDifference(d, amount int64) bool { return abs(d)*10 > abs(amount) }

// mayPay reports whether the payer may be paying customer c's items: any
// customer when the account is unknown, else the account's customer and
// those related to it.
func (m *matcher) mayPay(c int64) bool { return m.payer == 0 || m.ix.related(c, m.payer) }

// nameGuard lowers a match on a number (not a checked reference) by 10 when
// the payer's account is unknown and the payer's name, given, resembles
// neither the customer's nor its parent's.
func (m *matcher) nameGuard(c *cand, n mention) {
	if m.payer != 0 || m.l.CounterpartyName == "" || n.kind == kindRef && strongRef(normKey(n.text)) {
		return
	}
	it := &m.ix.items[n.item]
	if resembles(m.l.CounterpartyName, it.CustomerName) || resembles(m.l.CounterpartyName, m.name(m.ix.parent[it.CustomerID])) {
		return
	}
	c.Confidence -= 10
	c.Explanation += "; the payer " + m.l.CounterpartyName + " is not known for this customer"
}

// what describes a mention for explanations.
func (m *matcher) what(n mention) string {
	switch n.kind {
	case kindRef:
		return refName(normKey(n.text)) + " " + n.text
	case kindLoose:
		return "\"" + n.text + "\" in the description (prefix or leading zeros left out)"
	case kindSuffix:
		return "\"" + n.text + "\" in the description (the last part of a number)"
	}
	return "\"" + n.text + "\" in the description"
}

// name returns a customer's name for explanations.
func (m *matcher) name(c int64) string {
	if n := m.ix.custName[c]; n != "" {
		return n
	}
	return "customer " + itoa(c)
}

// ruleInvoiceNumbersSum: the payment names several open items (references,
// numbers, typos); when their open amounts add up to the payment they are
// paid together, else a subset that adds up exactly is suggested, and the
// payment is allocated oldest first.
func ruleInvoiceNumbersSum(m *matcher) {
	var items []mention
	for _, n := range m.named {
		if !n.amb {
			items = append(items, n)
		}
	}
	if len(items) < 2 {
		return
	}
	conf, total, typo := 100, int64(0), false
	var numbers []string
	for _, n := range items {
		conf = min(conf, sumConfs[n.kind])
		typo = typo || n.kind == kindTypo
		total += m.ix.items[n.item].Open
		numbers = append(numbers, m.ix.items[n.item].Number)
	}
	cur := m.l.Currency
	names := strings.Join(numbers, ", ")
	if d := m.paid - total; abs(d) <= m.tol && total > 0 {
		c := cand{textual: true, noAuto: typo}
		c.Rule, c.Confidence, c.Difference = RuleInvoiceNumbersSum, conf, d
		for _, n := range items {
			c.Allocations = append(c.Allocations, m.alloc(n.item, m.ix.items[n.item].Open))
		}
		c.Explanation = "the payment names " + names + "; together " + money(total, cur) + ", paid " + money(m.paid, cur)
		if d != 0 {
			c.Confidence--
			if bigDifference(d, total) {
				c.Confidence = min(c.Confidence, 85)
				c.Explanation += "; the difference is large for the amount"
			}
		}
		for _, n := range items {
			x := m.ix.items[n.item].Open
			if y := m.neighbour(n, x); y >= 0 && !named(items, y) {
				c.Confidence = min(c.Confidence, 85)
				c.Explanation += "; but " + m.ix.items[y].Number + ", one character off " + n.text + ", fits too"
				break
			}
		}
		for _, n := range items {
			m.nameGuard(&c, n)
			if c.Confidence < conf-5 {
				break
			}
		}
		m.add(c)
		return
	}
	if len(items) <= 12 {
		vals := make([]int64, len(items))
		for k, n := range items {
			vals[k] = m.ix.items[n.item].Open
		}
		if sols, done := exactSubsets(vals, m.paid, 2); len(sols) == 1 && done {
			c := cand{textual: true, noAuto: true}
			c.Rule, c.Confidence = RuleInvoiceNumbersSubset, min(75, conf)
			var part []string
			for _, k := range sols[0] {
				c.Allocations = append(c.Allocations, m.alloc(items[k].item, vals[k]))
				part = append(part, m.ix.items[items[k].item].Number)
			}
			c.Explanation = "the payment names " + names + "; of these " + strings.Join(part, ", ") +
				" add up to the " + money(m.paid, cur) + " paid"
			m.add(c)
		}
	}
	// oldest first: credit notes, then invoices by due date
	sort.SliceStable(items, func(a, b int) bool {
		x, y := m.ix.items[items[a].item].Open, m.ix.items[items[b].item].Open
		if (x < 0) != (y < 0) {
			return x < 0
		}
		return m.ix.older(items[a].item, items[b].item) < 0
	})
	c := cand{textual: true, noAuto: true}
	c.Rule = RuleInvoiceNumbersSum
	left := m.paid
	for _, n := range items {
		open := m.ix.items[n.item].Open
		a := min(open, left)
		if open > 0 && a <= 0 {
			break
		}
		c.Allocations = append(c.Allocations, m.alloc(n.item, a))
		left -= a
	}
	c.Difference = left
	if total > m.paid {
		c.Confidence = min(65, conf)
		c.Explanation = "the payment names " + names + " (together " + money(total, cur) + "), but " +
			money(m.paid, cur) + " was paid: allocated oldest first"
	} else {
		c.Confidence = min(70, conf)
		c.Explanation = "the payment names " + names + " (together " + money(total, cur) + "); " +
			money(m.paid-total, cur) + " more was paid"
	}
	m.add(c)
}

// named reports whether item i is among the mentions.
func named(ms []mention, i int32) bool {
	for _, n := range ms {
		if n.item == i {
			return true
		}
	}
	return false
}

// unsure suggests open item i, never automatically: paid in full when the
// payment settles it within the tolerance (confidence settled), else what
// was paid up to its open amount (confidence conf), an overpayment kept as
// the difference. ruleTypo and ruleAmbiguous differ only in how sure they are.
func (m *matcher) unsure(i int32, rule string, conf, settled int) cand {
	it := &m.ix.items[i]
	c := cand{textual: true, noAuto: true}
	c.Rule, c.Confidence = rule, conf
	amount := min(m.paid, it.Open)
	if d := m.paid - it.Open; abs(d) <= m.tol {
		c.Confidence, amount, c.Difference = settled, it.Open, d
	} else if d > 0 {
		c.Difference = d
	}
	c.Allocations = []Allocation{m.alloc(i, amount)}
	return c
}

// ruleTypo: a number in the text is one character off an open item's
// number or reference. Never automatic.
func ruleTypo(m *matcher) {
	for _, n := range m.named {
		if n.kind != kindTypo {
			continue
		}
		it := &m.ix.items[n.item]
		if it.Open <= 0 {
			continue
		}
		c := m.unsure(n.item, RuleInvoiceNumberTypo, 40, 60)
		if n.amb {
			c.Confidence -= 10
		}
		c.Explanation = "\"" + n.text + "\" in the description looks like " + it.Number + " of " +
			m.name(it.CustomerID) + " (one character differs), open " + money(it.Open, it.Currency)
		m.add(c)
	}
}

// ruleAmbiguous: a mangled number fits several open items; each is
// suggested, none automatically.
func ruleAmbiguous(m *matcher) {
	for _, n := range m.named {
		if !n.amb || n.kind == kindTypo {
			continue
		}
		it := &m.ix.items[n.item]
		if it.Open <= 0 {
			continue
		}
		c := m.unsure(n.item, RuleInvoiceNumberAmbiguous, 45, 55)
		c.Explanation = "\"" + n.text + "\" fits several open items; one is " + it.Number + " of " +
			m.name(it.CustomerID) + ", open " + money(it.Open, it.Currency)
		m.add(c)
	}
}

// ruleAlreadyPaid: the payment names an item that is no longer open (paid
// earlier in this statement): perhaps a double payment. No allocations.
func ruleAlreadyPaid(m *matcher) {
	for _, n := range m.ev.paid {
		it := &m.ix.items[n.item]
		c := cand{textual: true, noAuto: true}
		c.Rule, c.Confidence, c.Difference, c.CustomerID = RuleAlreadyPaid, 55, m.paid, it.CustomerID
		c.Explanation = m.what(n) + " is " + it.Number + " of " + m.name(it.CustomerID) +
			", which is paid already: a double payment?"
		m.add(c)
	}
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
