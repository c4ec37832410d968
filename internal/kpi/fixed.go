package kpi

import (
	"math"
	"math/bits"
	"strconv"
)

// Days is a number of days in hundredths: 4567 is 45.67 days.
type Days int64

// Percent is a percentage in hundredths: 8263 is 82.63%.
type Percent int64

// String formats the days with two decimals ("45.67").
func (d Days) String() string { return hundredths(int64(d)) }

// String formats the percentage with two decimals ("82.63").
func (p Percent) String() string { return hundredths(int64(p)) }

// WholeDays returns n whole days as Days.
func WholeDays(n int) Days { return Days(int64(n) * 100) }

func hundredths(v int64) string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = -u
	}
	s := strconv.FormatUint(u/100, 10) + "." + strconv.FormatUint(100+u%100, 10)[1:]
	if neg {
		s = "-" + s
	}
	return s
}

// mulDivRound returns a × b / c rounded half away from zero, computed exactly
// in 128 bits. ok is false when c is zero or the result does not fit an int64.
func mulDivRound(a, b, c int64) (int64, bool) {
	if c == 0 {
		return 0, false
	}
	neg := (a < 0) != (b < 0)
	if c < 0 {
		neg = !neg
	}
	hi, lo := bits.Mul64(abs64(a), abs64(b))
	uc := abs64(c)
	if hi >= uc {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, uc)
	if r >= uc-r { // 2r >= c: round the half away from zero
		q++
	}
	if q > math.MaxInt64 {
		if neg && q == 1<<63 {
			return math.MinInt64, true
		}
		return 0, false
	}
	if neg {
		return -int64(q), true
	}
	return int64(q), true
}

func abs64(v int64) uint64 {
	if v < 0 {
		return -uint64(v)
	}
	return uint64(v)
}

// ratioDays returns num / den × days, in hundredths of a day.
func ratioDays(num, den int64, days int) (Days, bool) {
	v, ok := mulDivRound(num, int64(days)*100, den)
	return Days(v), ok
}

// ratioPercent returns num / den × 100, in hundredths of a percent.
func ratioPercent(num, den int64) (Percent, bool) {
	v, ok := mulDivRound(num, 10000, den)
	return Percent(v), ok
}
