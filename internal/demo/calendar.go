package demo

import (
	"math/rand/v2"
	"sort"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// windowDays is the invoicing history: two years up to and including Today.
const windowDays = 730

// horizonDays is how far past Today the day table reaches (due dates and
// scheduled payments beyond it are computed on demand).
const horizonDays = 200

// calendar maps day indices to dates. Day 0 is the first day of the history
// and day windowDays-1 is Today; everything in the generator counts in these
// indices and converts to ledger.Date only when a value is emitted.
type calendar struct {
	today ledger.Date
	last  int32 // index of Today
	dates []ledger.Date
	dom   []int8  // day of month
	wday  []int8  // weekday, Sunday = 0
	month []int16 // months since the month of day 0
	cum   []int64 // cumulative invoicing intensity, cum[d] = Σ w[0..d]
	first ledger.Date
}

// seasonPermille is the relative invoicing volume per calendar month for a
// wholesaler: quiet January and summer holidays, busy autumn and December.
var seasonPermille = [12]int64{850, 900, 1000, 1000, 1050, 1050, 900, 850, 1050, 1100, 1150, 1200}

// growthPermille is the volume growth over the two-year history (+20%).
const growthPermille = 200

func newCalendar(today ledger.Date) *calendar {
	n := windowDays + horizonDays
	c := &calendar{today: today, last: windowDays - 1, first: today.AddDays(-(windowDays - 1))}
	c.dates = make([]ledger.Date, n)
	c.dom = make([]int8, n)
	c.wday = make([]int8, n)
	c.month = make([]int16, n)
	c.cum = make([]int64, windowDays)
	t0 := c.first.Time()
	var sum int64
	for i := 0; i < n; i++ {
		t := t0.AddDate(0, 0, i)
		c.dates[i] = ledger.DateOf(t)
		c.dom[i] = int8(t.Day())
		c.wday[i] = int8(t.Weekday())
		c.month[i] = int16((t.Year()-t0.Year())*12 + int(t.Month()) - int(t0.Month()))
		if i < windowDays {
			var w int64
			if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
				w = seasonPermille[t.Month()-1] * (1000 + growthPermille*int64(i)/windowDays)
			}
			sum += w
			c.cum[i] = sum
		}
	}
	return c
}

// date returns the date of day index d.
func (c *calendar) date(d int32) ledger.Date {
	if d >= 0 && int(d) < len(c.dates) {
		return c.dates[d]
	}
	return c.first.AddDays(int(d))
}

// weekday returns the weekday of day d.
func (c *calendar) weekday(d int32) time.Weekday {
	if d >= 0 && int(d) < len(c.wday) {
		return time.Weekday(c.wday[d])
	}
	return c.date(d).Time().Weekday()
}

// dayOfMonth returns the day of the month of day d.
func (c *calendar) dayOfMonth(d int32) int {
	if d >= 0 && int(d) < len(c.dom) {
		return int(c.dom[d])
	}
	return c.date(d).Day()
}

// sample draws a day in [from, to] (within the history) with probability
// proportional to the invoicing intensity: weekdays only, seasonality, growth.
func (c *calendar) sample(r *rand.Rand, from, to int32) int32 {
	var lo int64
	if from > 0 {
		lo = c.cum[from-1]
	}
	span := c.cum[to] - lo
	if span <= 0 {
		return to
	}
	u := lo + r.Int64N(span)
	// first index in [from, to] with cum > u
	return from + int32(sort.Search(int(to-from+1), func(i int) bool { return c.cum[int(from)+i] > u }))
}

// bankDay moves a weekend day to the following Monday.
func (c *calendar) bankDay(d int32) int32 {
	switch c.weekday(d) {
	case time.Saturday:
		return d + 2
	case time.Sunday:
		return d + 1
	}
	return d
}

// nextWeekday returns the first day ≥ d that falls on wd.
func (c *calendar) nextWeekday(d int32, wd time.Weekday) int32 {
	return d + int32((int(wd)-int(c.weekday(d))+7)%7)
}

// nextDayOfMonth returns the first bank day on or after the first day ≥ d
// whose day of month is dom (or the month's last day for shorter months).
func (c *calendar) nextDayOfMonth(d int32, dom int) int32 {
	for i := int32(0); i < 31; i++ {
		x := d + i
		m := c.dayOfMonth(x)
		if m == dom || (m < dom && c.dayOfMonth(x+1) == 1) {
			return c.bankDay(x)
		}
	}
	return c.bankDay(d)
}

// lognormal quantile tables, ×1000, at p = i/64 (clamped to 0.002…0.998):
// exp(σ·Φ⁻¹(p)) for σ = 0.7 (spread of one customer's invoices) and σ = 0.9
// (spread between customers). Integer tables keep the output identical on
// every platform: the generator uses no floating point.
var (
	spread07 = [65]int64{133, 221, 271, 309, 342, 371, 397, 423, 447, 470, 493, 515, 537, 559, 581, 602, 624, 645, 667, 688, 710, 732, 755, 777, 800, 823, 847, 871, 896, 921, 947, 973, 1000, 1028, 1056, 1086, 1116, 1148, 1181, 1215, 1250, 1287, 1325, 1366, 1408, 1453, 1500, 1550, 1603, 1661, 1722, 1788, 1861, 1940, 2028, 2126, 2237, 2365, 2516, 2698, 2927, 3232, 3684, 4516, 7499}
	spread09 = [65]int64{75, 144, 187, 221, 251, 279, 305, 331, 355, 379, 403, 427, 450, 474, 497, 521, 545, 569, 594, 619, 644, 670, 696, 723, 751, 779, 808, 837, 868, 899, 932, 965, 1000, 1036, 1073, 1112, 1152, 1194, 1238, 1284, 1332, 1383, 1436, 1493, 1553, 1616, 1684, 1757, 1835, 1919, 2011, 2112, 2222, 2345, 2482, 2637, 2816, 3025, 3275, 3582, 3978, 4519, 5347, 6948, 13334}
)

// lognormal draws a log-normal multiplier ×1000 from a quantile table,
// interpolating linearly between the tabulated points.
func lognormal(r *rand.Rand, t *[65]int64) int64 {
	u := r.Uint64() >> 48 // 16 bits
	i := u >> 10          // 0..63
	f := int64(u & 1023)
	return t[i] + (t[i+1]-t[i])*f/1024
}

// pick returns an index drawn with the given integer weights.
func pick(r *rand.Rand, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	u := r.IntN(total)
	for i, w := range weights {
		if u < w {
			return i
		}
		u -= w
	}
	return len(weights) - 1
}

// chance reports true with probability permille/1000.
func chance(r *rand.Rand, permille int) bool { return r.IntN(1000) < permille }

// between returns a uniform integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// splitmix64 is the SplitMix64 finaliser, used to derive independent seeds.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Random streams: every customer draws from its own PCG seeded by (seed,
// stream, entity, index), so customers are independent of each other.
const (
	streamLayout uint64 = iota + 1
	streamCustomer
	streamDocuments
)

// reseed points p at the stream for one key.
func reseed(p *rand.PCG, seed, stream, entity, index uint64) {
	h := splitmix64(seed)
	h = splitmix64(h ^ stream)
	h = splitmix64(h ^ entity<<40 ^ index)
	p.Seed(h, splitmix64(h^0x5bd1e995))
}
