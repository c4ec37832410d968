package mt940

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/bank"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// parseBalance reads :60F:, :62F: and friends: D/C mark, YYMMDD date,
// currency and amount with a decimal comma ("C110522EUR3236,28").
func parseBalance(v string) (bank.Balance, error) {
	v = strings.TrimSpace(v)
	if len(v) < 11 {
		return bank.Balance{}, fmt.Errorf("balance %s is too short, want C or D, YYMMDD, currency and amount", quote(v))
	}
	sign := int64(1)
	switch v[0] {
	case 'C':
	case 'D':
		sign = -1
	default:
		return bank.Balance{}, fmt.Errorf("balance %s does not start with C (credit) or D (debit)", quote(v))
	}
	d, err := parseDate(v[1:7], false)
	if err != nil {
		return bank.Balance{}, err
	}
	cur := v[7:10]
	if !isUpper(cur) {
		return bank.Balance{}, fmt.Errorf("invalid currency %s", quote(cur))
	}
	amt, err := parseAmount(v[10:], cur)
	if err != nil {
		return bank.Balance{}, err
	}
	return bank.Balance{Date: d, Amount: sign * amt, Currency: cur, Present: true}, nil
}

// parseAmount reads an MT940 amount: digits with at most one decimal comma,
// which may end the amount ("12,", "12,5", "0000012,50", and "500" as Knab
// writes it). Decimals beyond the currency's minor unit must be zeros.
func parseAmount(s, cur string) (int64, error) {
	if s == "" {
		return 0, errors.New("missing amount")
	}
	commas := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ',':
			commas++
		case c < '0' || c > '9':
			return 0, fmt.Errorf("invalid amount %s: only digits and one decimal comma are allowed", quote(s))
		}
	}
	if commas > 1 || s[0] == ',' {
		return 0, fmt.Errorf("invalid amount %s", quote(s))
	}
	if len(s) > 18 {
		return 0, fmt.Errorf("amount %s is too long", quote(s))
	}
	v, err := ledger.ParseAmount(s, cur, ledger.DecimalComma)
	if err != nil {
		return 0, err
	}
	return v, nil
}

// parseDate reads YYMMDD; years 80-99 are 1980-1999, the rest 2000-2079.
// With lenientFeb, 29 or 30 February in a year without it is the last day of
// February (German banks date interest on a 30-day month).
func parseDate(s string, lenientFeb bool) (ledger.Date, error) {
	if len(s) != 6 || !digits(s) {
		return ledger.Date{}, fmt.Errorf("invalid date %s, want YYMMDD", quote(s))
	}
	yy := atoi(s[:2])
	year := 2000 + yy
	if yy >= 80 {
		year = 1900 + yy
	}
	return monthDay(year, s[2:], lenientFeb)
}

// monthDay reads MMDD in the given year.
func monthDay(year int, s string, lenientFeb bool) (ledger.Date, error) {
	m, d := atoi(s[:2]), atoi(s[2:])
	if m < 1 || m > 12 || d < 1 {
		return ledger.Date{}, fmt.Errorf("invalid date: month %02d day %02d", m, d)
	}
	last := daysIn(year, time.Month(m))
	if d > last {
		if !(lenientFeb && m == 2 && d <= 30) {
			return ledger.Date{}, fmt.Errorf("invalid date: %s has no day %d", time.Month(m), d)
		}
		d = last
	}
	return ledger.NewDate(year, time.Month(m), d), nil
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// line61 is a parsed :61: statement line.
type line61 struct {
	valueDate, entryDate ledger.Date
	reversal             bool
	amount               int64 // signed
	txType               string
	customerRef          string
	bankRef              string
	extra                string // text after the reference on the same line (old Rabobank: the counterparty)
}

// parseLine61 reads "YYMMDD[MMDD]mark[funds]amount type ref[//bankref]".
// mark is C, D, RC (reversal of a credit: money out), RD (reversal of a
// debit: money in), or EC/ED (expected, MT942). The entry date's year is the
// one that puts it closest to the value date (value 2013-12-31, entry 0102
// is 2014-01-02).
func parseLine61(v, cur string) (line61, error) {
	var l line61
	v = strings.TrimRight(v, " ")
	if len(v) < 6 {
		return l, fmt.Errorf("statement line %s is too short", quote(v))
	}
	var err error
	if l.valueDate, err = parseDate(v[:6], true); err != nil {
		return l, fmt.Errorf("value date: %v", err)
	}
	rest := v[6:]
	l.entryDate = l.valueDate
	if len(rest) >= 4 && digits(rest[:4]) {
		if l.entryDate, err = entryDate(l.valueDate, rest[:4]); err != nil {
			return l, fmt.Errorf("entry date: %v", err)
		}
		rest = rest[4:]
	} else if strings.HasPrefix(rest, "    ") {
		rest = rest[4:]
	}
	sign := int64(1)
	switch {
	case strings.HasPrefix(rest, "RC"):
		l.reversal, sign, rest = true, -1, rest[2:]
	case strings.HasPrefix(rest, "RD"):
		l.reversal, rest = true, rest[2:]
	case strings.HasPrefix(rest, "EC"):
		rest = rest[2:]
	case strings.HasPrefix(rest, "ED"):
		sign, rest = -1, rest[2:]
	case strings.HasPrefix(rest, "C"):
		rest = rest[1:]
	case strings.HasPrefix(rest, "D"):
		sign, rest = -1, rest[1:]
	default:
		return l, fmt.Errorf("debit/credit mark %s, want C, D, RC or RD", quote(first(rest, 2)))
	}
	if rest != "" && rest[0] >= 'A' && rest[0] <= 'Z' { // funds code: third letter of the currency
		rest = rest[1:]
	}
	n := 0
	for n < len(rest) && (rest[n] >= '0' && rest[n] <= '9' || rest[n] == ',') {
		n++
	}
	if n == 0 {
		return l, fmt.Errorf("missing amount before %s", quote(rest))
	}
	amt, err := parseAmount(rest[:n], cur)
	if err != nil {
		return l, err
	}
	l.amount = sign * amt
	rest = strings.TrimLeft(rest[n:], " ")
	if len(rest) < 4 || rest[0] < 'A' || rest[0] > 'Z' {
		return l, fmt.Errorf("missing transaction type (such as NTRF) after the amount, found %s", quote(rest))
	}
	l.txType = strings.TrimSpace(rest[:4])
	rest = rest[4:]
	if i := strings.Index(rest, "//"); i >= 0 {
		l.bankRef = strings.TrimSpace(rest[i+2:])
		rest = rest[:i]
	}
	if i := strings.Index(rest, "  "); i >= 0 {
		l.extra = strings.Join(strings.Fields(rest[i:]), " ")
		rest = rest[:i]
	}
	l.customerRef = strings.TrimSpace(rest)
	return l, nil
}

// entryDate places MMDD in the year nearest to the value date.
func entryDate(value ledger.Date, mmdd string) (ledger.Date, error) {
	var best ledger.Date
	bestDist := -1
	var firstErr error
	for _, y := range []int{value.Year() - 1, value.Year(), value.Year() + 1} {
		d, err := monthDay(y, mmdd, true)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		dist := value.DaysUntil(d)
		if dist < 0 {
			dist = -dist
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = d, dist
		}
	}
	if bestDist < 0 {
		return best, firstErr
	}
	return best, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func first(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
