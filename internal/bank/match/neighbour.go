package match

// This file finds an invoice number's neighbours: open items whose number
// is one character off the number a payment names, with the amount paid.
// With sequential numbering a typo usually names another real invoice; when
// that one fits the payment as well, the number written is not certain.

// fewAmount is how many items of one amount are compared one by one; an
// amount with more items (round amounts, subscriptions) gets a Bloom filter
// of their keys.
const fewAmount = 8

// buildLong makes the Bloom filter of the keys of the items of amount k.
func (ix *Index) buildLong(k amountKey) {
	c := ix.chainOf(k)
	f := make([]uint64, filterWords(int(c.n)*4))
	for h := c.head; h >= 0; h = ix.links[h].next {
		if it := &ix.items[ix.links[h].item]; it.Open == k.amount {
			markKeys(f, it, &ix.keyb)
		}
	}
	ix.long[k] = f
}

// markKeys adds an item's keys (but the last-part ones) to a filter; b
// makes them.
func markKeys(f []uint64, it *OpenItem, b *keyBuilder) {
	b.build(it.Number, it.PaymentRef)
	for _, v := range b.spans {
		if v.kind != kindSuffix && v.to-v.from >= 7 {
			setBits(f, hashKey(b.key(v)))
		}
	}
}

// neighbour returns an open item other than n's, in the line's currency,
// whose number or reference is one character off what was written and whose
// open amount is one of amounts (exact amounts: with a tolerance every small
// item would have a neighbour that fits), or -1. Checked references
// (16-digit kenmerk, RF) have no such neighbours; from a known account only
// the items of related customers count.
func (m *matcher) neighbour(n mention, amounts ...int64) int32 {
	key := normKey(n.text)
	if n.kind == kindRef && strongRef(key) || len(key) < 7 {
		return -1
	}
	for _, a := range amounts {
		if y := m.neighbourOf(n.item, key, a); y >= 0 {
			return y
		}
	}
	return -1
}

// neighbourOf looks for a neighbour of amount a: among few items of the
// amount one by one, else among the keys one character off key, the
// amount's Bloom filter sparing the map most of the 200-odd lookups.
func (m *matcher) neighbourOf(x int32, key string, a int64) int32 {
	ix := m.ix
	k := amountKey{m.l.Currency, a}
	fits := func(y int32) bool {
		it := &ix.items[y]
		return y != x && it.Open == a && it.Currency == m.l.Currency && m.mayPay(it.CustomerID)
	}
	f := ix.long[k]
	if f == nil {
		for h := ix.chainOf(k).head; h >= 0; h = ix.links[h].next {
			if y := ix.links[h].item; fits(y) {
				it := &ix.items[y]
				for _, v := range variants(it.Number, it.PaymentRef) {
					if v.kind != kindSuffix && len(v.key) >= 7 && oneEdit(key, v.key) {
						return y
					}
				}
			}
		}
		return -1
	}
	found := int32(-1)
	eachEdit(key, func(b []byte) {
		if found >= 0 || len(b) < 7 || !hasBits(f, hashKey(b)) {
			return
		}
		head, ok := ix.keys[string(b)]
		if !ok {
			return
		}
		for h := head; h >= 0; h = ix.hits[h].next {
			if y := ix.hits[h].item; ix.hits[h].kind != kindSuffix && fits(y) {
				found = y
				return
			}
		}
	})
	return found
}
