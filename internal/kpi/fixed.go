package kpi

import (
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Days is a number of days in hundredths: 4567 is 45.67 days.
type Days int64

// Percent is a percentage in hundredths: 8263 is 82.63%.
type Percent int64

// String formats the days with two decimals ("45.67").
func (d Days) String() string { return hundredths(int64(d)) }

// String formats the percentage with two decimals ("82.63").
func (p Percent) String() string { return hundredths(int64(p)) }

// FormatFigure formats a figure in hundredths (days or a percentage) for a
// reader of lang: "45.67", in Dutch "45,67"; an undefined one (ok false) is
// a dash. The dashboard and the printed report write their figures alike.
func FormatFigure(lang string, v int64, ok bool) string {
	if !ok {
		return "–"
	}
	s := hundredths(v)
	if lang == "nl" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

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

// ratioDays returns num / den × days, in hundredths of a day.
func ratioDays(num, den int64, days int) (Days, bool) {
	v, ok := ledger.MulDivRound(num, int64(days)*100, den)
	return Days(v), ok
}

// ratioPercent returns num / den × 100, in hundredths of a percent.
func ratioPercent(num, den int64) (Percent, bool) {
	v, ok := ledger.MulDivRound(num, 10000, den)
	return Percent(v), ok
}
