package collect

import (
	"github.com/kredo-dev/kredo/internal/ledger"

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
	v, _ := ledger.MulDivRound(int64(weight), num, den)
	return int(v)
}
