package collect

import (
	"math"
	"math/bits"
)

// fracBits is the number of fractional bits of log2Fixed's result.
const fracBits = 24

// log2Fixed returns log2(x) × 2^fracBits, truncated, for x ≥ 1 (0 for
// x < 1). It is computed with integers only (the bit-by-bit method: square
// the mantissa, a result of 2 or more gives a 1 bit), so it is the same on
// every machine.
func log2Fixed(x int64) int64 {
	if x < 1 {
		return 0
	}
	n := bits.Len64(uint64(x)) - 1
	result := int64(n) << fracBits
	y := uint64(x) << (62 - n) // the mantissa x / 2^n in [1, 2), as Q2.62
	for i := 1; i <= fracBits; i++ {
		hi, lo := bits.Mul64(y, y) // y² in Q4.124
		y = hi<<2 | lo>>62         // back to Q2.62, in [1, 4)
		if y >= 1<<63 {            // y² ≥ 2: this bit is 1
			y >>= 1
			result |= 1 << (fracBits - i)
		}
	}
	return result
}

// scale returns weight × num / den rounded half away from zero, with num
// clamped to [0, den]: the share num/den of a factor's weight. It is 0 when
// den is not positive.
func scale(weight int, num, den int64) int {
	if den <= 0 || num <= 0 {
		return 0
	}
	num = min(num, den)
	v, _ := mulDivRound(int64(weight), num, den)
	return int(v)
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
	if r >= uc-r { // 2r ≥ c: round the half away from zero
		q++
	}
	if q > math.MaxInt64 {
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
