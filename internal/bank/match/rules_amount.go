package match

import (
	"slices"
	"sort"
	"strconv"
)

// This file holds the circumstantial rules: the payer's account known for a
// customer (or the parent of a group), amounts, and the payer's name. Their
// confidences are listed in doc.go.

// maxOldest is how many of the oldest open items the subset search considers.
const maxOldest = 20

// maxCombination is how many of the oldest open items may add up to the
// amount of one (see combination).
const maxCombination = 12

// maxPrefix is how many of the oldest open items may add up to a payment.
const maxPrefix = 50

// subsetBudget bounds the subset search (nodes visited) per line.
const subsetBudget = 20000

// groupItems returns up to limit (0: all) open items (positive, in the
// line's currency) of the payer's customer and its subsidiaries, oldest
// first.
func (m *matcher) groupItems(limit int) []int32 {
	if m.payer == 0 {
		return nil
	}
	ix := m.ix
	var out []int32
	add := func(c int64) {
		n := 0
		for _, i := range ix.byCustomer[c] {
			if limit > 0 && n == limit {
				return
			}
			if it := &ix.items[i]; it.Open > 0 && it.Currency == m.l.Currency {
				out = append(out, i)
				n++
			}
		}
	}
	add(m.payer)
	kids := ix.children[m.payer]
	for _, c := range kids {
		add(c)
	}
	if len(kids) > 0 {
		slices.SortFunc(out, ix.older)
		if limit > 0 && len(out) > limit {
			out = out[:limit]
		}
	}
	return out
}

// oldest returns the group's maxPrefix oldest open items (computed once).
func (m *matcher) oldest() []int32 {
	if !m.grpSet {
		m.grpSet = true
		m.group = m.groupItems(maxPrefix)
	}
	return m.group
}

// equal returns the group's open items of exactly amount, walking the
// items of that amount or the group's, whichever are fewer.
func (m *matcher) equal(amount int64) []int32 {
	ix := m.ix
	ch := ix.chainOf(amountKey{m.l.Currency, amount})
	size := len(ix.byCustomer[m.payer])
	for _, c := range ix.children[m.payer] {
		size += len(ix.byCustomer[c])
	}
	var out []int32
	if int(ch.n) < size {
		for h := ch.head; h >= 0; h = ix.links[h].next {
			i := ix.links[h].item
			if it := &ix.items[i]; it.Open == amount && ix.inGroup(it.CustomerID, m.payer) && !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
		slices.SortFunc(out, ix.older)
		return out
	}
	for _, i := range m.groupItems(0) {
		if ix.items[i].Open == amount {
			out = append(out, i)
		}
	}
	return out
}

// ibanCand starts a candidate of an IBAN rule.
func (m *matcher) ibanCand(rule string, conf int, noAuto bool) cand {
	c := cand{noAuto: noAuto}
	c.Rule, c.Confidence, c.CustomerID = rule, conf, m.payer
	return c
}

// account says whose the payer's account is, for explanations.
func (m *matcher) account() string {
	return "the account " + m.l.CounterpartyIBAN + " belongs to " + m.name(m.payer)
}

// ruleIBANAmount: the payer's account is known and exactly one open item of
// the customer (or its subsidiaries) equals the payment.
func ruleIBANAmount(m *matcher) {
	if m.payer == 0 {
		return
	}
	eq := m.equal(m.paid)
	var near []int32
	if len(eq) == 0 && m.tol > 0 {
		for _, i := range m.groupItems(0) {
			if abs(m.ix.items[i].Open-m.paid) <= m.tol {
				near = append(near, i)
			}
		}
	}
	cur := m.l.Currency
	switch {
	case len(eq) == 1:
		it := &m.ix.items[eq[0]]
		c := m.ibanCand(RuleIBANAmount, 90, false)
		c.Allocations = []Allocation{m.alloc(eq[0], it.Open)}
		c.Explanation = m.account() + "; its only open item of " + money(m.paid, cur) + " is " + it.Number
		if m.combination(eq[0]) {
			c.Confidence = 80
			c.Explanation += ", but several of its other items add up to the same"
		}
		m.add(c)
	case len(eq) > 1:
		for _, i := range eq[:2] {
			c := m.ibanCand(RuleIBANAmount, 60, true)
			c.Allocations = []Allocation{m.alloc(i, m.paid)}
			c.Explanation = m.account() + "; " + m.ix.items[i].Number + " is one of " + strconv.Itoa(len(eq)) +
				" open items of " + money(m.paid, cur)
			m.add(c)
		}
	case len(near) == 1:
		it := &m.ix.items[near[0]]
		c := m.ibanCand(RuleIBANAmount, 80, true)
		c.Allocations = []Allocation{m.alloc(near[0], it.Open)}
		c.Difference = m.paid - it.Open
		c.Explanation = m.account() + "; " + it.Number + " is open for " + money(it.Open, cur) +
			", within the tolerance of the " + money(m.paid, cur) + " paid"
		m.add(c)
	}
}

// combination reports whether two or more of the group's maxCombination
// oldest items less than the payment (other than x) add up exactly to it:
// then one item of that amount is not certain. A search cut short by its
// budget counts as a combination.
func (m *matcher) combination(x int32) bool {
	g := m.oldest()
	vals := make([]int64, 0, maxCombination)
	for _, i := range g {
		if o := m.ix.items[i].Open; i != x && o < m.paid && len(vals) < maxCombination {
			vals = append(vals, o)
		}
	}
	if len(vals) < 2 {
		return false
	}
	sols, done := exactSubsets(vals, m.paid, 1)
	return len(sols) > 0 || !done
}

// ruleIBANOldestExact: the payer's account is known and its k ≥ 2 oldest
// open items add up exactly to the payment.
func ruleIBANOldestExact(m *matcher) {
	g := m.oldest()
	var sum int64
	for k, i := range g {
		sum += m.ix.items[i].Open
		if sum > m.paid {
			return
		}
		if sum == m.paid && k >= 1 {
			c := m.ibanCand(RuleIBANOldestExact, 90, false)
			for _, j := range g[:k+1] {
				c.Allocations = append(c.Allocations, m.alloc(j, m.ix.items[j].Open))
			}
			c.Explanation = m.account() + "; its " + strconv.Itoa(k+1) + " oldest open items add up to the " +
				money(m.paid, m.l.Currency) + " paid"
			m.add(c)
			return
		}
	}
}

// ruleIBANAmountSum: the payer's account is known and a set of at least two
// of its oldest open items adds up exactly to the payment (bounded search).
func ruleIBANAmountSum(m *matcher) {
	g := m.oldest()
	if len(g) < 2 {
		return
	}
	g = g[:min(len(g), maxOldest)]
	vals := make([]int64, len(g))
	for k, i := range g {
		vals[k] = m.ix.items[i].Open
	}
	sols, _ := exactSubsets(vals, m.paid, 3)
	kept := sols[:0]
	for _, s := range sols {
		if len(s) >= 2 {
			kept = append(kept, s)
		}
	}
	conf := 80
	if len(kept) > 1 {
		conf = 65
	}
	for _, s := range kept[:min(len(kept), 2)] {
		c := m.ibanCand(RuleIBANAmountSum, conf, true)
		for _, k := range s {
			c.Allocations = append(c.Allocations, m.alloc(g[k], vals[k]))
		}
		c.Explanation = m.account() + "; " + strconv.Itoa(len(s)) + " of its open items add up to the " +
			money(m.paid, m.l.Currency) + " paid"
		if conf < 80 {
			c.Explanation += " (other combinations do too)"
		}
		m.add(c)
	}
}

// ruleIBANOldestFirst: the payer's account is known; the payment is
// allocated to its oldest open items, a rest is overpaid. With nothing open
// the payment is suggested as a credit on the customer's account.
func ruleIBANOldestFirst(m *matcher) {
	if m.payer == 0 {
		return
	}
	g := m.groupItems(0)
	cur := m.l.Currency
	if len(g) == 0 {
		c := m.ibanCand(RuleIBANOnAccount, 30, true)
		c.Difference = m.paid
		c.Explanation = m.account() + ", who has nothing open in " + cur + ": a credit on account?"
		m.add(c)
		return
	}
	c := m.ibanCand(RuleIBANOldestFirst, 50, true)
	left := m.paid
	for _, i := range g {
		if left <= 0 {
			break
		}
		a := min(left, m.ix.items[i].Open)
		c.Allocations = append(c.Allocations, m.alloc(i, a))
		left -= a
	}
	c.Difference = left
	c.Explanation = m.account() + "; " + money(m.paid, cur) + " allocated to its oldest open items"
	if left > 0 {
		c.Explanation += ", " + money(left, cur) + " more than all that is open"
	}
	m.add(c)
}

// ruleNameAmount: the payer's account is unknown, its name is a customer's
// (normalised), and exactly one of that customer's open items equals the
// payment. Never automatic: names are not unique.
func ruleNameAmount(m *matcher) {
	if m.payer != 0 || m.l.CounterpartyName == "" {
		return
	}
	custs := m.ix.names[nameKey(m.l.CounterpartyName)]
	if len(custs) == 0 || len(custs) > 3 {
		return
	}
	for _, cu := range custs {
		var eq []int32
		for _, i := range m.ix.byCustomer[cu] {
			if it := &m.ix.items[i]; it.Open == m.paid && it.Currency == m.l.Currency {
				eq = append(eq, i)
			}
		}
		if len(eq) != 1 {
			continue
		}
		c := cand{noAuto: true}
		c.Rule, c.Confidence, c.CustomerID = RuleNameAmount, 75, cu
		c.Allocations = []Allocation{m.alloc(eq[0], m.paid)}
		c.Explanation = "the payer " + m.l.CounterpartyName + " has the name of " + m.name(cu) +
			", whose only open item of " + money(m.paid, m.l.Currency) + " is " + m.ix.items[eq[0]].Number
		m.add(c)
	}
}

// ruleAmountUnique: the amount is unique among all open items of the
// currency and the payer's name resembles the customer's. Never automatic.
func ruleAmountUnique(m *matcher) {
	ix := m.ix
	ch := ix.chainOf(amountKey{m.l.Currency, m.paid})
	found := int32(-1)
	for h := ch.head; h >= 0; h = ix.links[h].next {
		i := ix.links[h].item
		if ix.items[i].Open != m.paid || i == found {
			continue
		}
		if found >= 0 {
			return // not unique
		}
		found = i
	}
	if found < 0 || !resembles(m.l.CounterpartyName, ix.items[found].CustomerName) {
		return
	}
	it := &ix.items[found]
	c := cand{noAuto: true}
	c.Rule, c.Confidence = RuleAmountUnique, 70
	c.Allocations = []Allocation{m.alloc(found, m.paid)}
	c.Explanation = it.Number + " of " + m.name(it.CustomerID) + " is the only open item of " +
		money(m.paid, m.l.Currency) + ", and the payer " + m.l.CounterpartyName + " has a resembling name"
	m.add(c)
}

// exactSubsets returns up to limit sets of indexes of vals whose values add
// up exactly to target, searching at most subsetBudget nodes, and whether
// the search was complete (or found limit sets); each set in increasing
// index order. Values may be negative (credit notes).
func exactSubsets(vals []int64, target int64, limit int) ([][]int, bool) {
	n := len(vals)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return vals[order[a]] > vals[order[b]] })
	// bounds of what the rest can still add
	pos, neg := make([]int64, n+1), make([]int64, n+1)
	for k := n - 1; k >= 0; k-- {
		v := vals[order[k]]
		pos[k], neg[k] = pos[k+1], neg[k+1]
		if v > 0 {
			pos[k] += v
		} else {
			neg[k] += v
		}
	}
	var sols [][]int
	var chosen []int
	nodes := 0
	var walk func(k int, sum int64)
	walk = func(k int, sum int64) {
		if len(sols) >= limit || nodes >= subsetBudget {
			return
		}
		nodes++
		if k == n || sum+pos[k] < target || sum+neg[k] > target {
			return
		}
		chosen = append(chosen, order[k])
		if s := sum + vals[order[k]]; s == target {
			sol := append([]int(nil), chosen...)
			sort.Ints(sol)
			sols = append(sols, sol)
		}
		walk(k+1, sum+vals[order[k]])
		chosen = chosen[:len(chosen)-1]
		walk(k+1, sum)
	}
	walk(0, 0)
	return sols, nodes < subsetBudget || len(sols) >= limit
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
