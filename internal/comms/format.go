package comms

import (
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// nbsp is the no-break space that keeps an amount and its currency sign
// (and French digit groups) on one line.
const nbsp = "\u00a0"

// symbols are the currency signs written instead of the ISO code.
var symbols = map[string]string{"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF"}

// FormatMoney formats an amount as customers in that language read it:
// nl "€ 1.234,56", de "1.234,56 €", fr "1 234,56 €", en "€1,234.56". The
// space between sign and digits (and the French group separator) is a
// no-break space. Currencies without a sign (EUR, GBP, USD, CHF have one)
// show their ISO code.
func FormatMoney(language string, m ledger.Money) string {
	cur := strings.ToUpper(m.Currency)
	neg := m.Amount < 0
	u := uint64(m.Amount)
	if neg {
		u = ^u + 1
	}
	exp := ledger.Exponent(cur)
	var dbuf, pbuf [24]byte
	digits := strconv.AppendUint(dbuf[:0], u, 10)
	if len(digits) <= exp { // 5 cents: "005"
		p := pbuf[:0]
		for i := len(digits); i <= exp; i++ {
			p = append(p, '0')
		}
		digits = append(p, digits...)
	}
	intPart, frac := digits[:len(digits)-exp], digits[len(digits)-exp:]
	group, dec := ".", byte(',')
	switch language {
	case "en":
		group, dec = ",", '.'
	case "fr":
		group = nbsp
	}
	sym, ok := symbols[cur]
	if !ok {
		sym = cur
	}
	var out [64]byte
	b := out[:0]
	number := func() {
		for i, c := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b = append(b, group...)
			}
			b = append(b, c)
		}
		if len(frac) > 0 {
			b = append(b, dec)
			b = append(b, frac...)
		}
	}
	switch language {
	case "de", "fr": // "-1.234,56 €"
		if neg {
			b = append(b, '-')
		}
		number()
		b = append(b, nbsp...)
		b = append(b, sym...)
	case "en": // "-€1,234.56", "CHF 1,234.56"
		if neg {
			b = append(b, '-')
		}
		b = append(b, sym...)
		if sym == cur { // a code, not a sign: spaced
			b = append(b, nbsp...)
		}
		number()
	default: // nl: "€ -1.234,56"
		b = append(b, sym...)
		b = append(b, nbsp...)
		if neg {
			b = append(b, '-')
		}
		number()
	}
	return string(b)
}

// monthNames are the month names for long dates.
var monthNames = map[string][12]string{
	"nl": {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"de": {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
}

// FormatDate formats a date for tables: nl 22-11-2026, de 22.11.2026,
// fr 22/11/2026, en 22 November 2026. The zero date is "".
func FormatDate(language string, d ledger.Date) string {
	if d.IsZero() {
		return ""
	}
	switch language {
	case "en":
		return FormatLongDate(language, d)
	case "de":
		return numericDate(d, '.')
	case "fr":
		return numericDate(d, '/')
	}
	return numericDate(d, '-')
}

// numericDate writes dd-mm-yyyy with the separator.
func numericDate(d ledger.Date, sep byte) string {
	b := make([]byte, 0, 10)
	b = append(b, byte('0'+d.Day()/10), byte('0'+d.Day()%10), sep)
	b = append(b, byte('0'+int(d.Month())/10), byte('0'+int(d.Month())%10), sep)
	b = strconv.AppendInt(b, int64(d.Year()), 10)
	return string(b)
}

// FormatLongDate formats a date for running text: nl "22 november 2026",
// de "22. November 2026", fr "22 novembre 2026" ("1er" on the first), en
// "22 November 2026". Day and month are joined by a no-break space.
func FormatLongDate(language string, d ledger.Date) string {
	if d.IsZero() {
		return ""
	}
	names, ok := monthNames[language]
	if !ok {
		names = monthNames["en"]
	}
	day := strconv.Itoa(d.Day())
	switch {
	case language == "de":
		day += "."
	case language == "fr" && d.Day() == 1:
		day = "1er"
	}
	return day + nbsp + names[d.Month()-1] + " " + strconv.Itoa(d.Year())
}

// FormatIBAN writes an IBAN in its print form, in groups of four
// ("NL91 ABNA 0417 1643 00").
func FormatIBAN(iban string) string {
	var compact []byte
	for i := 0; i < len(iban); i++ {
		c := iban[i]
		switch {
		case c == ' ' || c == '-':
			continue
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		}
		compact = append(compact, c)
	}
	out := make([]byte, 0, len(compact)+len(compact)/4)
	for i, c := range compact {
		if i > 0 && i%4 == 0 {
			out = append(out, ' ')
		}
		out = append(out, c)
	}
	return string(out)
}
