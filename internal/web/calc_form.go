package web

import (
	"errors"
	"fmt"
	"strings"

	"github.com/kredo-dev/kredo/internal/law"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// errAmbiguous marks an amount whose one separator could group thousands
// or start the decimals ("12,345").
var errAmbiguous = errors.New("ambiguous amount")

// parseFormAmount parses an amount typed by a person into minor units of
// currency, exactly. The page's language decides the decimal separator
// (a comma in Dutch, a point in English); the other style is tolerated
// when the user's does not fit ("12,50" for an English user). An amount
// whose only separator is followed by exactly three digits is refused as
// ambiguous rather than guessed. A currency code or € sign in front is
// allowed.
func parseFormAmount(lang, s, currency string) (int64, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, currency), "€"))
	if s == "" {
		return 0, fmt.Errorf("empty amount")
	}
	if strings.Count(s, ".")+strings.Count(s, ",") == 1 {
		i := strings.IndexAny(s, ".,")
		if rest := s[i+1:]; len(rest) == 3 && strings.Trim(rest, "0123456789") == "" {
			return 0, errAmbiguous
		}
	}
	dec, other := ledger.DecimalPoint, ledger.DecimalComma
	if lang == "nl" {
		dec, other = other, dec
	}
	v, err := ledger.ParseAmount(s, currency, dec)
	if err != nil {
		if v2, err2 := ledger.ParseAmount(s, currency, other); err2 == nil {
			return v2, nil
		}
	}
	return v, err
}

// amountError is the message, in the page's language, for a problem with
// the amount the user typed.
func amountError(p Page, typed string, err error) string {
	switch {
	case strings.TrimSpace(typed) == "":
		return p.T("calc.err_empty")
	case errors.Is(err, errAmbiguous):
		return fmt.Sprintf("%q %s", typed, p.T("calc.err_ambiguous"))
	}
	return fmt.Sprintf("%s %q", p.T("scheme.err_amount"), typed)
}

// formDate parses a date typed in a form: ISO (as a date input sends it)
// or day first (22-11-2026).
func formDate(s string) (ledger.Date, bool) {
	d, err := ledger.ParseDateFlexible(s)
	return d, err == nil
}

// Percent formats basis points as a percentage in the page's language:
// "12.25%" in English, "12,25%" in Dutch.
func (p Page) Percent(bp int64) string {
	s := law.FormatPercent(bp)
	if p.Lang == "nl" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// periodRow is one period of the interest table, with whether the rate
// used could not be verified.
type periodRow struct {
	law.InterestPeriod
	Unverified bool
}

// rateCheck is a rate of the shipped table that governs a day of the
// computation but is marked unverified.
type rateCheck struct {
	From   ledger.Date
	RateBP int64
	Source string
}

// interestChecks returns the unverified rates the computation used and,
// when the computation runs past the table's last half-year, the day the
// table ends (zero otherwise): then its last rate was carried on.
func interestChecks(rates law.RateTable, b law.InterestBreakdown) (unverified []rateCheck, tableEnds ledger.Date) {
	rows := rates.Rows(b.Kind)
	for i, r := range rows {
		governs := !r.From.After(b.Until) && (i == len(rows)-1 || rows[i+1].From.After(b.From))
		if governs && r.Status == law.StatusUnverified {
			unverified = append(unverified, rateCheck{From: r.From, RateBP: r.RateBP, Source: r.Source})
		}
	}
	if len(rows) > 0 {
		if end := rows[len(rows)-1].From.AddMonths(6); !b.Until.Before(end) {
			tableEnds = end
		}
	}
	return unverified, tableEnds
}

// periodRows marks the periods whose rate is unverified in the table.
func periodRows(rates law.RateTable, b law.InterestBreakdown) []periodRow {
	out := make([]periodRow, len(b.Periods))
	for i, pd := range b.Periods {
		r, _ := rates.At(b.Kind, pd.From)
		out[i] = periodRow{InterestPeriod: pd, Unverified: r.Status == law.StatusUnverified}
		// a period may span rows with the same rate: any unverified one counts
		for _, row := range rates.Rows(b.Kind) {
			if row.From.After(pd.From) && !row.From.After(pd.To) && row.Status == law.StatusUnverified {
				out[i].Unverified = true
			}
		}
	}
	return out
}
