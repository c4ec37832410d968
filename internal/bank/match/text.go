package match

import (
	"slices"
	"strings"
)

// This file reads a payment's structured reference and free text for the
// references and invoice numbers of open items, as people write them:
// "betalingskenmerk 3000 0123 4567 8901", "RF18 5390 0754 7034",
// "fact. f 2026.00123", "Facturen 1260100006, 1260100007".

// mention is an item named by the payment.
type mention struct {
	item  int32
	kind  uint8  // kindRef .. kindTypo
	field bool   // found in the StructuredRef field
	amb   bool   // the words fit several open items
	text  string // the words as written
}

// evidence is what the payment's words say.
type evidence struct {
	mentions   []mention
	unknownRef bool      // a checked reference (16-digit kenmerk, RF) or the StructuredRef field matches no open item
	unknownNum bool      // a number shaped like ours matches no open item
	closed     bool      // an item named is no longer open
	otherCur   bool      // an item named is in another currency than the payment
	paid       []mention // the items named that are no longer open
}

// tok is a run of ASCII letters and digits in a text.
type tok struct {
	start, end int
	join       bool // only a short separator (space, - . / _) follows: the next token may continue it
	digit      bool // has a digit
}

// maxJoin is how many tokens one reference or number may be written in.
const maxJoin = 8

// gather reads the line's StructuredRef, remittance and end-to-end id into
// m.ev and m.named.
func (m *matcher) gather() {
	if ref := normKey(m.l.StructuredRef); ref != "" {
		if !m.lookup(ref, m.l.StructuredRef, true) && len(ref) >= 5 {
			m.ev.unknownRef = true
		}
	}
	if s := remittanceText(m.l.Remittance); s != "" {
		m.scan(s)
	}
	if s := m.l.EndToEndID; s != "" && s != m.l.Remittance {
		m.scan(s)
	}
	m.consolidate()
}

// remittanceText returns the description of a raw structured MT940 :86:
// ("/TRTP/SEPA OVERBOEKING/IBAN/.../REMI/BETALING FACT 2026-00123/EREF/..."):
// the value of /REMI/, so that account numbers and names are not read as
// references. Other texts are returned as they are.
func remittanceText(s string) string {
	i := strings.Index(s, "/REMI/")
	if i < 0 {
		return s
	}
	rest := s[i+len("/REMI/"):]
	end := len(rest)
	for _, code := range [...]string{"/EREF/", "/IBAN/", "/BIC/", "/NAME/", "/TRTP/", "/CSID/", "/MARF/",
		"/ORDP/", "/BENM/", "/RTRN/", "/ISDT/", "/CNTP/", "/PURP/", "/ULTC/", "/ULTD/", "/SVCL/", "/ADDR/"} {
		if j := strings.Index(rest, code); j >= 0 && j < end {
			end = j
		}
	}
	rest = rest[:end]
	rest = strings.TrimPrefix(rest, "USTD//")
	rest = strings.TrimPrefix(rest, "STRD/CUR/")
	return rest
}

// tokenize splits s into runs of ASCII letters and digits.
func tokenize(s string, toks []tok) []tok {
	toks = toks[:0]
	for i := 0; i < len(s); {
		if !isAlnum(s[i]) {
			i++
			continue
		}
		t := tok{start: i}
		for i < len(s) && isAlnum(s[i]) {
			if s[i] >= '0' && s[i] <= '9' {
				t.digit = true
			}
			i++
		}
		t.end = i
		k := i
		for k < len(s) && !isAlnum(s[k]) {
			k++
		}
		t.join = k < len(s) && k-i <= 2 && joiners(s[i:k])
		// a number with a short prefix of the payer's own glued to it
		// ("inv1260100006"): the letters and the digits are two tokens
		// written together, so the digits are read on their own as well
		if p := gluedPrefix(s[t.start:t.end]); p > 0 {
			toks = append(toks, tok{start: t.start, end: t.start + p, join: true})
			t.start += p
		}
		toks = append(toks, t)
		i = k
	}
	return toks
}

// gluedPrefix returns the length of the letters (1 to 4) in front of a
// token that is otherwise five or more digits, else 0.
func gluedPrefix(t string) int {
	p := 0
	for p < len(t) && (t[p] < '0' || t[p] > '9') {
		p++
	}
	if p == 0 || p > 4 || len(t)-p < 5 {
		return 0
	}
	for i := p; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return 0
		}
	}
	return p
}

// joiners reports whether sep only holds characters written inside
// references and numbers.
func joiners(sep string) bool {
	for i := 0; i < len(sep); i++ {
		switch sep[i] {
		case ' ', '-', '.', '/', '_':
		default:
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

// appendUpper appends s upper-cased.
func appendUpper(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// scan reads a free text: from each token it joins the following ones (up to
// maxJoin, across short separators) and takes the longest join that is an
// index key; the words no key covers are checked for references and numbers
// that are not open, and searched for typos.
func (m *matcher) scan(s string) {
	ix := m.ix
	toks := tokenize(s, nil)
	covered := make([]bool, len(toks))
	limit := max(ix.maxKey, 25)
	var buf [64]byte
	for i := 0; i < len(toks); {
		if !toks[i].digit && toks[i].end-toks[i].start > 4 {
			i++
			continue
		}
		b := buf[:0]
		best, digits, strong := -1, false, false
		for j := i; j < len(toks) && j < i+maxJoin; j++ {
			if j > i && !toks[j-1].join {
				break
			}
			b = appendUpper(b, s[toks[j].start:toks[j].end])
			if len(b) > limit {
				break
			}
			digits = digits || toks[j].digit
			if !digits {
				continue
			}
			if maybe(ix, b) {
				if _, ok := ix.keys[string(b)]; ok {
					best = j
					continue
				}
			}
			if (len(b) == 16 || len(b) >= 5 && b[0] == 'R' && b[1] == 'F') && strongRef(string(b)) {
				strong = true // a checked reference that is not ours, unless a longer join is
			}
		}
		if best < 0 {
			m.ev.unknownRef = m.ev.unknownRef || strong
			i++
			continue
		}
		written := s[toks[i].start:toks[best].end]
		m.lookup(normKey(written), written, false)
		for k := i; k <= best; k++ {
			covered[k] = true
		}
		i = best + 1
	}
	// numbers no key covers
	for k := 0; k < len(toks); k++ {
		if covered[k] || !toks[k].digit {
			continue
		}
		e := k
		for e+1 < len(toks) && toks[e].join && !covered[e+1] && toks[e+1].digit {
			e++
		}
		written := s[toks[k].start:toks[e].end]
		m.unresolved(normKey(written), written)
		if p := k - 1; p >= 0 && !covered[p] && toks[p].join && toks[p].end-toks[p].start <= 3 {
			written = s[toks[p].start:toks[e].end]
			m.unresolved(normKey(written), written)
		}
		k = e
	}
}

// lookup records the items under key as mentions and reports whether the key
// is in the index. Several open items under one key make each mention
// ambiguous; items no longer open count only when no open one is there.
func (m *matcher) lookup(key, written string, field bool) bool {
	ix := m.ix
	head, ok := ix.keys[key]
	if !ok {
		return false
	}
	open := 0 // a key holds an item once
	for h := head; h >= 0; h = ix.hits[h].next {
		if ix.items[ix.hits[h].item].Open != 0 {
			open++
		}
	}
	for h := head; h >= 0; h = ix.hits[h].next {
		hh := ix.hits[h]
		isOpen := ix.items[hh.item].Open != 0
		if open > 0 && !isOpen {
			continue
		}
		m.ev.mentions = append(m.ev.mentions, mention{item: hh.item, kind: hh.kind, field: field, amb: open > 1, text: written})
	}
	return true
}

// unresolved checks a number in the text that no key covers: shaped like our
// numbers, it raises doubt; long enough, it is searched for a typo.
func (m *matcher) unresolved(key, written string) {
	ix := m.ix
	if len(key) < 2 {
		return
	}
	ours := ix.shapes[shape(key)]
	var found []int32
	if digitCount(key) >= 5 && ix.reachable(key) {
		for _, i := range m.typos(key) {
			if ix.items[i].Currency == m.l.Currency {
				found = append(found, i)
			}
		}
	}
	if len(found) == 0 || len(found) > 3 {
		// a number of our shape that is no open item; a typo names its item instead
		m.ev.unknownNum = m.ev.unknownNum || ours || len(found) > 3
		return
	}
	for _, i := range found {
		m.ev.mentions = append(m.ev.mentions, mention{item: i, kind: kindTypo, amb: len(found) > 1, text: written})
	}
}

// typos returns the open items whose reference or number (exact or without
// prefix, seven characters or more) is one edit from key.
func (m *matcher) typos(key string) []int32 {
	ix := m.ix
	var found []int32
	eachEdit(key, func(b []byte) {
		if len(b) < 7 || !maybe(ix, b) {
			return
		}
		head, ok := ix.keys[string(b)]
		if !ok {
			return
		}
		for h := head; h >= 0; h = ix.hits[h].next {
			if hh := ix.hits[h]; hh.kind != kindSuffix && ix.items[hh.item].Open != 0 && !slices.Contains(found, hh.item) {
				found = append(found, hh.item)
			}
		}
	})
	return found
}

// eachEdit calls fn with every string one edit from key: a character left
// out, two neighbours swapped, a digit changed or a digit added. fn must not
// keep b.
func eachEdit(key string, fn func(b []byte)) {
	var buf [64]byte
	n := len(key)
	if n >= len(buf) {
		return
	}
	for i := 0; i < n; i++ { // left out
		fn(append(append(buf[:0], key[:i]...), key[i+1:]...))
	}
	for i := 0; i+1 < n; i++ { // swapped
		if key[i] != key[i+1] {
			b := append(buf[:0], key...)
			b[i], b[i+1] = b[i+1], b[i]
			fn(b)
		}
	}
	for i := 0; i < n; i++ { // changed
		if key[i] < '0' || key[i] > '9' {
			continue
		}
		for d := byte('0'); d <= '9'; d++ {
			if d != key[i] {
				b := append(buf[:0], key...)
				b[i] = d
				fn(b)
			}
		}
	}
	for i := 0; i <= n; i++ { // added
		for d := byte('0'); d <= '9'; d++ {
			fn(append(append(append(buf[:0], key[:i]...), d), key[i:]...))
		}
	}
}

func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// consolidate keeps each item's best mention and fills m.named with the open
// items in the line's currency; it notes items named that are paid already
// or in another currency. A last part of a number ("40668" of F2026-40668)
// counts only when nothing better is named, and only for an open item in
// the line's currency: it is as likely a customer or order number.
func (m *matcher) consolidate() {
	best := map[int32]int{}
	var order []int32
	for k, n := range m.ev.mentions {
		j, ok := best[n.item]
		if !ok {
			best[n.item] = k
			order = append(order, n.item)
			continue
		}
		o := m.ev.mentions[j]
		if n.amb != o.amb && !n.amb || n.amb == o.amb && (n.kind < o.kind || n.kind == o.kind && n.field && !o.field) {
			best[n.item] = k
		}
	}
	strong := false // a reference or a (mangled) number: then last parts are something else
	for _, i := range order {
		strong = strong || m.ev.mentions[best[i]].kind <= kindLoose
	}
	for _, i := range order {
		n := m.ev.mentions[best[i]]
		it := &m.ix.items[i]
		switch {
		case n.kind == kindSuffix && (strong || it.Open == 0 || it.Currency != m.l.Currency):
			// a customer or order number that ends like one of our invoices
		case it.Open == 0:
			m.ev.closed = true
			m.ev.paid = append(m.ev.paid, n)
		case it.Currency != m.l.Currency:
			m.ev.otherCur = true
		default:
			m.named = append(m.named, n)
		}
	}
}
