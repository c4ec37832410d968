package ledger

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Money is an exact amount in the minor units of an ISO 4217 currency
// (cents for EUR). Amounts are never floats.
type Money struct {
	Amount   int64  // minor units, signed
	Currency string // ISO 4217 code, upper case
}

// currencyExponents lists the currencies whose minor unit is not 1/100.
var currencyExponents = map[string]int{
	"JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "VND": 0, "XOF": 0, "XAF": 0, "HUF": 2,
	"BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3, "LYD": 3, "IQD": 3,
}

// knownCurrencies is the set of ISO 4217 codes Kredo accepts.
var knownCurrencies = map[string]bool{}

func init() {
	for _, c := range strings.Fields(`EUR USD GBP CHF SEK NOK DKK PLN CZK HUF RON BGN ISK
		JPY CNY HKD SGD AUD NZD CAD MXN BRL ZAR TRY INR KRW AED SAR ILS THB MYR IDR PHP
		CLP VND XOF XAF BHD KWD OMR JOD TND LYD IQD RSD UAH`) {
		knownCurrencies[c] = true
	}
}

// ValidCurrency reports whether code is an ISO 4217 currency Kredo knows.
func ValidCurrency(code string) bool { return knownCurrencies[code] }

// Exponent returns the number of decimals of the currency's minor unit.
func Exponent(currency string) int {
	if e, ok := currencyExponents[currency]; ok {
		return e
	}
	return 2
}

// EUR is a shorthand for a euro amount in cents.
func EUR(cents int64) Money { return Money{Amount: cents, Currency: "EUR"} }

// Add returns m+o; both must share a currency (checked by the caller).
func (m Money) Add(o Money) Money { return Money{Amount: m.Amount + o.Amount, Currency: m.Currency} }

// IsZero reports whether the amount is zero.
func (m Money) IsZero() bool { return m.Amount == 0 }

// String formats the amount as "EUR 1234.56" (plain, locale-free).
func (m Money) String() string { return m.Currency + " " + FormatAmount(m.Amount, m.Currency) }

// FormatAmount writes minor units as a plain decimal string with a point,
// e.g. -123456 EUR -> "-1234.56". This is the canonical export format.
func FormatAmount(minor int64, currency string) string {
	exp := Exponent(currency)
	neg := minor < 0
	u := uint64(minor)
	if neg {
		u = uint64(-minor)
	}
	s := strconv.FormatUint(u, 10)
	if exp > 0 {
		for len(s) <= exp {
			s = "0" + s
		}
		s = s[:len(s)-exp] + "." + s[len(s)-exp:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// DecimalSeparator tells ParseAmount which character separates the decimals.
type DecimalSeparator byte

// The two decimal separators found in ERP exports.
const (
	DecimalPoint DecimalSeparator = '.'
	DecimalComma DecimalSeparator = ','
)

// ParseAmount parses a decimal amount into minor units of currency. The
// decimal separator is given; the other character is accepted as a thousands
// separator ("1.234,56" with DecimalComma). More decimals than the currency
// has are rejected, never rounded: money is exact.
func ParseAmount(s string, currency string, dec DecimalSeparator) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty amount")
	}
	thousands := byte(',')
	if dec == DecimalComma {
		thousands = '.'
	}
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
		neg, s = true, s[1:len(s)-1]
	}
	if strings.HasSuffix(s, "-") { // "123,45-" as some Dutch ERPs write negatives
		neg, s = !neg, s[:len(s)-1]
	}
	var intPart, frac strings.Builder
	seenDec := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if seenDec {
				frac.WriteByte(c)
			} else {
				intPart.WriteByte(c)
			}
		case c == byte(dec) && !seenDec:
			seenDec = true
		case c == thousands && !seenDec:
			// grouping separator: digits before it, exactly three digits after it
			if intPart.Len() == 0 || i+4 > len(s) || !allDigits(s[i+1:i+4]) || (i+4 < len(s) && s[i+4] >= '0' && s[i+4] <= '9') {
				return 0, fmt.Errorf("invalid amount %q (is the decimal separator %q?)", s, string(thousands))
			}
		case c == ' ' || c == '\u00a0':
			// spaces as grouping
		default:
			return 0, fmt.Errorf("invalid amount %q", s)
		}
	}
	if intPart.Len() == 0 && frac.Len() == 0 {
		return 0, fmt.Errorf("invalid amount %q", s)
	}
	exp := Exponent(currency)
	f := frac.String()
	if len(f) > exp {
		if strings.Trim(f[exp:], "0") != "" {
			return 0, fmt.Errorf("amount %q has more than %d decimals for %s", s, exp, currency)
		}
		f = f[:exp]
	}
	for len(f) < exp {
		f += "0"
	}
	digits := intPart.String() + f
	if digits == "" {
		digits = "0"
	}
	if len(strings.TrimLeft(digits, "0")) > 17 {
		return 0, fmt.Errorf("amount %q is too large", s)
	}
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("invalid amount %q", s)
	}
	if neg {
		v = -v
	}
	return v, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// MulDivRound returns a × b / c rounded half away from zero, computed exactly
// in 128 bits. ok is false when c is zero or the result does not fit an int64.
// Shares, scales and day counts of money use it, so no float is involved.
func MulDivRound(a, b, c int64) (int64, bool) {
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
