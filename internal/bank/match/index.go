package match

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// OpenItem is an open invoice or credit note as the matcher sees it.
type OpenItem struct {
	InvoiceID    int64
	CustomerID   int64
	ParentID     int64 // the customer's parent (group) customer, 0 if none
	Number       string
	PaymentRef   string // structured reference printed on the invoice (betalingskenmerk, RF, OGM)
	Currency     string
	Open         int64 // open amount in signed minor units: negative for a credit note
	DueDate      ledger.Date
	CustomerName string
}

// Known is what Kredo knows about payers beyond the open items.
type Known struct {
	IBANs  map[string]int64 // IBAN (any spacing or case) -> customer id, from customer data or learned
	Names  map[int64]string // customer id -> name, for payers without open items (a parent paying for its group)
	Shared []string         // IBANs that pay for many customers (payment service providers, factoring): never a customer's
}

// Kinds of index keys, best first: a key found in a payment names an item
// with this much certainty.
const (
	kindRef    uint8 = iota + 1 // the item's structured payment reference
	kindNumber                  // the invoice number (case and separators ignored)
	kindLoose                   // the number without its letter prefix or leading zeros
	kindSuffix                  // only the last digit run of the number
	kindTypo                    // one character off (found by search, not indexed)
)

// hit is one item under an index key; next chains the hits of a key (-1 ends).
type hit struct {
	item, next int32
	kind       uint8
}

// link chains the items with one open amount (-1 ends).
type link struct{ item, next int32 }

// chain is the head of the links of one amount and how many there are.
type chain struct{ head, n int32 }

type amountKey struct {
	cur    string
	amount int64
}

// amounts holds the chains of the items of one currency by amount.
type amounts struct {
	cur    string
	chains map[int64]chain
}

// Index holds the open items of one entity for matching: lookups by payment
// reference and invoice number (exact and mangled), by customer and by
// amount. Build it with NewIndex; Apply keeps it current within a statement.
type Index struct {
	items      []OpenItem // Open is kept current by Apply
	keys       map[string]int32
	hits       []hit
	amounts    []amounts // per currency
	links      []link
	byInvoice  map[int64]int32
	byCustomer map[int64][]int32 // oldest due date first
	parent     map[int64]int64
	children   map[int64][]int64
	ibans      map[string]int64
	shared     map[string]bool
	names      map[string][]int64 // normalised customer name -> customers
	custName   map[int64]string
	shapes     map[string]bool        // shapes of our invoice numbers (see shape)
	starts     *[36 * 36]uint64       // first two characters of keys a typo search may reach (see startOf) -> bitmask of lengths
	filter     []uint64               // a Bloom filter of the keys: most lookups of a typo search miss
	long       map[amountKey][]uint64 // per amount with many items, a Bloom filter of their keys (see neighbour)
	building   bool
	keyb       keyBuilder // for addKeys and markKeys
	maxKey     int
}

// NewIndex builds the index from the open items (items with Open 0 are left
// out; a repeated InvoiceID keeps its first item) and the known IBANs.
func NewIndex(items []OpenItem, known Known) *Index {
	ix := &Index{
		items:     make([]OpenItem, 0, len(items)),
		keys:      make(map[string]int32, len(items)*5),
		hits:      make([]hit, 0, len(items)*5),
		links:     make([]link, 0, len(items)),
		byInvoice: make(map[int64]int32, len(items)),
		parent:    make(map[int64]int64),
		children:  make(map[int64][]int64),
		ibans:     make(map[string]int64, len(known.IBANs)),
		shared:    make(map[string]bool, len(known.Shared)),
		names:     make(map[string][]int64),
		custName:  make(map[int64]string),
		shapes:    make(map[string]bool),
		starts:    new([36 * 36]uint64),
		filter:    make([]uint64, filterWords(len(items)*4)),
		long:      make(map[amountKey][]uint64),
		building:  true,
	}
	custs := map[int64]int32{}          // customer -> its place in counts
	counts := []int32{}                 // items per customer
	custOf := make([]int32, len(items)) // item -> its customer's place
	for _, it := range items {
		if it.Open == 0 {
			continue
		}
		if _, dup := ix.byInvoice[it.InvoiceID]; dup {
			continue
		}
		i := int32(len(ix.items))
		ix.items = append(ix.items, it)
		ix.byInvoice[it.InvoiceID] = i
		ix.addKeys(i, &ix.keyb)
		ix.addAmount(i)
		c, seen := custs[it.CustomerID]
		if !seen {
			c = int32(len(counts))
			custs[it.CustomerID] = c
			counts = append(counts, 0)
		}
		custOf[i] = c
		counts[c]++
		if !seen {
			ix.custName[it.CustomerID] = it.CustomerName
			if k := nameKey(it.CustomerName); k != "" {
				ix.names[k] = append(ix.names[k], it.CustomerID)
			}
		}
		if p := it.ParentID; p != 0 && p != it.CustomerID {
			if _, seen := ix.parent[it.CustomerID]; !seen {
				ix.parent[it.CustomerID] = p
				ix.children[p] = append(ix.children[p], it.CustomerID)
			}
		}
	}
	ix.groupByCustomer(custs, counts, custOf)
	for _, a := range ix.amounts {
		for amount, c := range a.chains {
			if c.n > fewAmount {
				ix.buildLong(amountKey{a.cur, amount})
			}
		}
	}
	ix.building = false
	for c, name := range known.Names {
		if _, seen := ix.custName[c]; !seen {
			ix.custName[c] = name
		}
	}
	for _, iban := range known.Shared {
		ix.shared[normKey(iban)] = true
	}
	for iban, c := range known.IBANs {
		ix.Learn(iban, c)
	}
	return ix
}

// groupByCustomer makes byCustomer: the items of each customer (custs
// gives its place in counts, which counts its items; custOf gives each
// item's customer's place), oldest due date first, in one array.
func (ix *Index) groupByCustomer(custs map[int64]int32, counts, custOf []int32) {
	ends := make([]int32, len(counts)) // where each customer's items end, once placed
	n := int32(0)
	for c, k := range counts {
		n += k
		ends[c] = n - k
	}
	all := make([]int32, n)
	for i := range ix.items {
		c := custOf[i]
		all[ends[c]] = int32(i)
		ends[c]++
	}
	ix.byCustomer = make(map[int64][]int32, len(custs))
	for id, c := range custs {
		list := all[ends[c]-counts[c] : ends[c] : ends[c]]
		slices.SortFunc(list, ix.older)
		ix.byCustomer[id] = list
	}
}

// older orders items by due date, then invoice id.
func (ix *Index) older(a, b int32) int {
	x, y := &ix.items[a], &ix.items[b]
	if c := x.DueDate.Time().Compare(y.DueDate.Time()); c != 0 {
		return c
	}
	return cmp.Compare(x.InvoiceID, y.InvoiceID)
}

// keyVariant is one form of an item's number or reference.
type keyVariant struct {
	key   string
	kind  uint8
	shape bool // the exact number or the number without its prefix: the shapes of our numbers
}

// variants returns the forms an item is indexed under (see keyBuilder).
func variants(number, paymentRef string) []keyVariant {
	var b keyBuilder
	b.build(number, paymentRef)
	out := make([]keyVariant, len(b.spans))
	for k, sp := range b.spans {
		out[k] = keyVariant{key: string(b.key(sp)), kind: sp.kind, shape: sp.shape}
	}
	return out
}

// keySpan is one variant in a keyBuilder's buffer: buf[from:to].
type keySpan struct {
	from, to int32
	kind     uint8
	shape    bool // see keyVariant
}

// keyBuilder makes an item's variants in one buffer it reuses, so that
// building the index allocates a key only when it is new: its payment
// reference, and its number as payments write it: exact ("F202600123"),
// leading zeros dropped ("F2026123"), prefix dropped ("202600123",
// "2026123") and, for numbers of several digit runs, the last run ("123";
// addKey drops keys of fewer than five significant characters).
type keyBuilder struct {
	buf    []byte
	spans  []keySpan
	up     []byte     // the number upper-cased
	runs   [][2]int32 // its runs of letters and of digits (see numberRuns)
	shapes [][]byte   // per variant, the shape Index.addShape recorded last
}

// key returns the bytes of a variant; they change with the next build.
func (b *keyBuilder) key(sp keySpan) []byte { return b.buf[sp.from:sp.to] }

// splitRuns fills b.up and b.runs from number.
func (b *keyBuilder) splitRuns(number string) {
	b.up, b.runs = append(b.up[:0], number...), b.runs[:0]
	start, kind := -1, 0 // kind 1 letters, 2 digits
	for i := 0; i <= len(b.up); i++ {
		k := 0
		if i < len(b.up) {
			c := b.up[i]
			switch {
			case c >= 'a' && c <= 'z':
				b.up[i] = c - 'a' + 'A'
				k = 1
			case c >= 'A' && c <= 'Z':
				k = 1
			case c >= '0' && c <= '9':
				k = 2
			}
		}
		if k != kind || k == 0 {
			if start >= 0 {
				b.runs = append(b.runs, [2]int32{int32(start), int32(i)})
			}
			start = -1
			if k != 0 {
				start = i
			}
			kind = k
		}
	}
}

// join appends runs[from:] to the buffer, each without its leading zeros
// when zeros is set, as a variant.
func (b *keyBuilder) join(from int, zeros bool, kind uint8, shape bool) {
	start := len(b.buf)
	for _, r := range b.runs[from:] {
		run := b.up[r[0]:r[1]]
		if zeros {
			run = stripZeros(run)
		}
		b.buf = append(b.buf, run...)
	}
	b.spans = append(b.spans, keySpan{from: int32(start), to: int32(len(b.buf)), kind: kind, shape: shape})
}

// build makes the variants of an item's number and payment reference.
func (b *keyBuilder) build(number, paymentRef string) {
	b.buf, b.spans = b.buf[:0], b.spans[:0]
	for i := 0; i < len(paymentRef); i++ { // the reference as normKey has it
		switch c := paymentRef[i]; {
		case c >= 'a' && c <= 'z':
			b.buf = append(b.buf, c-'a'+'A')
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b.buf = append(b.buf, c)
		}
	}
	if ref := b.buf; len(ref) >= 5 && hasDigit(ref) {
		b.spans = append(b.spans, keySpan{from: 0, to: int32(len(ref)), kind: kindRef})
	} else {
		b.buf = b.buf[:0]
	}
	b.splitRuns(number)
	runs := b.runs
	if len(runs) == 0 {
		return
	}
	digitRuns := 0
	for _, r := range runs {
		if isDigit(b.up[r[0]]) {
			digitRuns++
		}
	}
	b.join(0, false, kindNumber, true)
	b.join(0, true, kindLoose, false)
	if len(runs) > 1 && !isDigit(b.up[runs[0][0]]) {
		b.join(1, false, kindLoose, true)
		b.join(1, true, kindLoose, false)
	}
	if last := runs[len(runs)-1]; digitRuns >= 2 && isDigit(b.up[last[0]]) {
		b.join(len(runs)-1, true, kindSuffix, false)
	}
}

// addKeys indexes item i under its variants, made in b, keeping the best
// kind when the item is under a key already. Keys need a digit and five
// significant characters. The keys new to the index share one string, made
// when the first is added.
func (ix *Index) addKeys(i int32, b *keyBuilder) {
	it := &ix.items[i]
	b.build(it.Number, it.PaymentRef)
	all := ""
	for k, v := range b.spans {
		key := b.key(v)
		if significant(key) < 5 || !hasDigit(key) {
			continue
		}
		head, ok := ix.keys[string(key)]
		if !ok {
			head = -1
		}
		if found, better := ix.hasItem(head, i, v.kind); found {
			if !better {
				continue
			}
		} else if ix.hits = append(ix.hits, hit{item: i, next: head, kind: v.kind}); ok {
			ix.keys[string(key)] = int32(len(ix.hits) - 1) // a key of several items
		} else {
			if all == "" {
				all = string(b.buf)
			}
			ix.keys[all[v.from:v.to]] = int32(len(ix.hits) - 1)
			setBits(ix.filter, hashKey(key))
		}
		ix.maxKey = max(ix.maxKey, len(key))
		if v.kind == kindRef || v.shape {
			ix.reach(key)
		}
		if v.shape {
			ix.addShape(b, k, key)
		}
	}
}

// hasItem reports whether item i is in the chain of hits from head, and
// whether kind is better than the one it has there (it gets kind then).
func (ix *Index) hasItem(head, i int32, kind uint8) (found, better bool) {
	for h := head; h >= 0; h = ix.hits[h].next {
		if ix.hits[h].item == i {
			if kind < ix.hits[h].kind {
				ix.hits[h].kind = kind
				return true, true
			}
			return true, false
		}
	}
	return false, false
}

// addShape records the shape of key, the item's variant v (see shape),
// made in b.up. The shape each variant had last is kept in b: the numbers of
// consecutive items mostly share their shapes.
func (ix *Index) addShape(b *keyBuilder, v int, key []byte) {
	b.up = appendShape(b.up[:0], key)
	for len(b.shapes) <= v {
		b.shapes = append(b.shapes, nil)
	}
	if bytes.Equal(b.up, b.shapes[v]) {
		return
	}
	if !ix.shapes[string(b.up)] {
		ix.shapes[string(b.up)] = true
	}
	b.shapes[v] = append(b.shapes[v][:0], b.up...)
}

// reach records a key a typo search may find: its first two characters
// with its length.
func (ix *Index) reach(key []byte) {
	if len(key) < 7 || len(key) > 62 {
		return
	}
	if s := startOf(key[0], key[1]); s >= 0 {
		ix.starts[s] |= 1 << len(key)
	}
}

// startOf returns the place of two characters of a normalised key in
// Index.starts, -1 if they are not letters or digits.
func startOf(a, b byte) int {
	x, y := alnum(a), alnum(b)
	if x < 0 || y < 0 {
		return -1
	}
	return x*36 + y
}

// alnum numbers the digits and the upper-case letters: 0-35, else -1.
func alnum(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return -1
}

// reachable reports whether a typo search from key may find something: a
// key of one length more or less starts with the same two characters (a typo
// in the first two is not searched).
func (ix *Index) reachable(key string) bool {
	if len(key) < 7 || len(key) > 61 {
		return false
	}
	s := startOf(key[0], key[1])
	return s >= 0 && ix.starts[s]&(7<<(len(key)-1)) != 0
}

// filterWords returns the size of a Bloom filter for n keys: about 16 bits a
// key, a power of two of words.
func filterWords(n int) int {
	w := 1024
	for w*64 < n*16 {
		w *= 2
	}
	return w
}

// hashKey is FNV-1a over a key.
func hashKey[T string | []byte](k T) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(k); i++ {
		h ^= uint64(k[i])
		h *= 1099511628211
	}
	return h
}

// setBits adds a hash to a Bloom filter: two bits in one word, so that a
// test costs one cache miss.
func setBits(f []uint64, h uint64) {
	f[h&uint64(len(f)-1)] |= 1<<(h>>52&63) | 1<<(h>>58)
}

// hasBits reports whether a hash may be in a Bloom filter: false means not.
func hasBits(f []uint64, h uint64) bool {
	m := uint64(1)<<(h>>52&63) | 1<<(h>>58)
	return f[h&uint64(len(f)-1)]&m == m
}

// maybe reports whether a key may be in the index: false means it is not.
func maybe[T string | []byte](ix *Index, k T) bool { return hasBits(ix.filter, hashKey(k)) }

// chainOf returns the items of an amount: the head of their links (-1: none)
// and how many.
func (ix *Index) chainOf(k amountKey) chain {
	if c, ok := ix.chains(k.cur)[k.amount]; ok {
		return c
	}
	return chain{head: -1}
}

// chains returns the chains of a currency, nil if it has none.
func (ix *Index) chains(cur string) map[int64]chain {
	for _, a := range ix.amounts {
		if a.cur == cur {
			return a.chains
		}
	}
	return nil
}

// addAmount chains item i under its current open amount.
func (ix *Index) addAmount(i int32) {
	k := amountKey{ix.items[i].Currency, ix.items[i].Open}
	m := ix.chains(k.cur)
	if m == nil {
		m = make(map[int64]chain, cap(ix.links)-len(ix.links))
		ix.amounts = append(ix.amounts, amounts{cur: k.cur, chains: m})
	}
	c, ok := m[k.amount]
	if !ok {
		c.head = -1
	}
	ix.links = append(ix.links, link{item: i, next: c.head})
	m[k.amount] = chain{head: int32(len(ix.links) - 1), n: c.n + 1}
	if !ix.building && c.n+1 > fewAmount {
		if f := ix.long[k]; f != nil {
			markKeys(f, &ix.items[i], &ix.keyb)
		} else {
			ix.buildLong(k)
		}
	}
}

// Apply records allocations made (automatically or by a person), so that
// later lines of the statement see the items' new open amounts. An
// allocation of more than is open closes the item; unknown invoices are
// ignored.
func (ix *Index) Apply(allocs []Allocation) {
	for _, a := range allocs {
		i, ok := ix.byInvoice[a.InvoiceID]
		if !ok {
			continue
		}
		it := &ix.items[i]
		old := it.Open
		n := old - a.Amount
		if old > 0 && n < 0 || old < 0 && n > 0 {
			n = 0
		}
		it.Open = n
		if n != 0 && n != old {
			ix.addAmount(i)
		}
	}
}

// Learn records that an IBAN belongs to a customer (a person's decision
// teaches Kredo); customer id 0 forgets the IBAN. A shared IBAN (Known.Shared)
// is never learned: learn only accounts a customer pays from itself.
func (ix *Index) Learn(iban string, customerID int64) {
	k := normKey(iban)
	if k == "" || ix.shared[k] {
		return
	}
	if customerID == 0 {
		delete(ix.ibans, k)
		return
	}
	ix.ibans[k] = customerID
}

// Payer returns the customer an IBAN is known to belong to, if any.
func (ix *Index) Payer(iban string) (int64, bool) {
	c, ok := ix.ibans[normKey(iban)]
	return c, ok
}

// Open returns the open amount the index holds for an invoice, and whether
// the invoice is in the index.
func (ix *Index) Open(invoiceID int64) (int64, bool) {
	i, ok := ix.byInvoice[invoiceID]
	if !ok {
		return 0, false
	}
	return ix.items[i].Open, true
}

// Len returns the number of items in the index, open or paid since.
func (ix *Index) Len() int { return len(ix.items) }

// inGroup reports whether customer c is payer p or one of p's subsidiaries.
func (ix *Index) inGroup(c, p int64) bool { return c == p || ix.parent[c] == p }

// related reports whether two customers are one, parent and child, or
// siblings: one of them may pay for the other.
func (ix *Index) related(a, b int64) bool {
	pa, pb := ix.parent[a], ix.parent[b]
	return a == b || pa == b || pb == a || pa != 0 && pa == pb
}
