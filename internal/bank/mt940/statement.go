package mt940

import (
	"strings"

	"github.com/kredo-dev/kredo/internal/bank"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// pendingEntry is a :61: with the :86: lines that belong to it.
type pendingEntry struct {
	f61     field
	details []string // the :86: value and continuation lines, several :86: in a row joined
	has86   bool
}

// statement checks the fields of one message and builds its Statement.
func (p *parser) statement(m *message) (bank.Statement, error) {
	st := bank.Statement{Format: bank.FormatMT940, Source: p.file}
	var (
		ref20, ref28   string
		have25, have28 bool
		have60, have62 bool
		trailer        bool // :64:/:65:/:90a: seen
		interim        = m.kind == "942"
		floorCur       string
		interimDate    ledger.Date
		entries        []pendingEntry
		first          = m.fields[0]
	)
	for _, f := range m.fields {
		value := strings.TrimSpace(f.lines[0])
		switch f.tag {
		case "20":
			ref20 = value
			if err := p.single(f); err != nil {
				return st, err
			}
		case "21":
		case "25", "25P":
			if have25 {
				return st, p.errorf(f.line, f.tag, "a second account field in one statement (is a :86: line missing its tag?)")
			}
			have25 = true
			st.Account = account(value)
			if st.Account == "" {
				return st, p.errorf(f.line, f.tag, "empty account identification")
			}
		case "28", "28C":
			if have28 {
				return st, p.errorf(f.line, f.tag, "a second statement number in one statement")
			}
			have28 = true
			ref28 = value
		case "34F":
			interim = true
			if len(value) < 3 || !isUpper(value[:3]) {
				return st, p.errorf(f.line, f.tag, "floor limit "+quote(value)+" does not start with a currency code")
			}
			if floorCur == "" {
				floorCur = value[:3]
			}
		case "13", "13D":
			interim = true
			if len(value) < 6 {
				return st, p.errorf(f.line, f.tag, "date and time "+quote(value)+" is too short")
			}
			d, err := parseDate(value[:6], false)
			if err != nil {
				return st, p.errorf(f.line, f.tag, err.Error())
			}
			interimDate = d
		case "60F", "60M":
			if have60 {
				return st, p.errorf(f.line, f.tag, "a second opening balance in one statement")
			}
			if len(entries) > 0 {
				return st, p.errorf(f.line, f.tag, "the opening balance comes after the first :61:")
			}
			have60 = true
			b, err := parseBalance(value)
			if err != nil {
				return st, p.errorf(f.line, f.tag, err.Error())
			}
			if err := p.single(f); err != nil {
				return st, err
			}
			st.Opening = b
		case "61":
			if have62 || trailer {
				return st, p.errorf(f.line, f.tag, "a :61: after the closing balance")
			}
			entries = append(entries, pendingEntry{f61: f})
		case "86":
			if len(entries) > 0 && !have62 && !trailer {
				e := &entries[len(entries)-1]
				e.details = append(e.details, f.lines...)
				e.has86 = true
			}
			// else: information to the account owner about the whole statement
		case "62F", "62M":
			if have62 {
				return st, p.errorf(f.line, f.tag, "a second closing balance in one statement")
			}
			have62 = true
			b, err := parseBalance(value)
			if err != nil {
				return st, p.errorf(f.line, f.tag, err.Error())
			}
			st.Closing = b
		case "90C", "90D":
			interim = true
			trailer = true
		default: // 64, 65: available balances, not kept
			trailer = true
		}
	}
	switch {
	case st.Opening.Present:
		st.Currency = st.Opening.Currency
	case st.Closing.Present:
		st.Currency = st.Closing.Currency
	default:
		st.Currency = floorCur
	}
	// A malformed entry is reported before a missing field: it is the more
	// precise message when a file is cut or damaged.
	st.Entries = make([]bank.Entry, 0, len(entries))
	for _, pe := range entries {
		e, err := p.entry(pe, st.Currency)
		if err != nil {
			return st, err
		}
		st.Entries = append(st.Entries, e)
	}
	if ref20 == "" {
		return st, p.errorf(first.line, "20", "empty transaction reference")
	}
	if !have25 {
		return st, p.errorf(first.line, "25", "missing account identification in the statement starting here")
	}
	if interim {
		st.Format = bank.FormatMT942
	}
	if !interim && !have60 {
		return st, p.errorf(first.line, "60F", "missing opening balance in the statement starting here")
	}
	if !interim && !have62 && !trailer {
		return st, p.errorf(m.end, "62F", "missing closing balance: the statement that starts on line "+itoa(first.line)+" ends here without :62F: (truncated file?)")
	}
	if st.Currency == "" {
		return st, p.errorf(first.line, "34F", "no currency: the statement has no balance and no floor limit")
	}
	st.Number = ref28
	date := st.Opening.Date
	if date.IsZero() {
		date = st.Closing.Date
	}
	if date.IsZero() {
		date = interimDate
	}
	st.ID = ref20 + "/" + ref28 + "/" + st.Account + "/" + date.String()

	return st, nil
}

// single rejects text on the lines after a one-line field.
func (p *parser) single(f field) error {
	for i, l := range f.lines[1:] {
		if strings.TrimSpace(l) != "" {
			return p.errorf(f.line+i+1, f.tag, "unexpected text "+quote(strings.TrimSpace(l))+" after the field")
		}
	}
	return nil
}

// entry builds one Entry from a :61: and its :86:.
func (p *parser) entry(pe pendingEntry, currency string) (bank.Entry, error) {
	f := pe.f61
	l, err := parseLine61(f.lines[0], currency)
	if err != nil {
		return bank.Entry{}, p.errorf(f.line, "61", err.Error())
	}
	var supp []string
	for _, s := range f.lines[1:] {
		if s = strings.TrimSpace(s); s != "" {
			supp = append(supp, s)
		}
	}
	e := bank.Entry{
		Amount:      l.amount,
		Currency:    currency,
		BookingDate: l.entryDate,
		ValueDate:   l.valueDate,
		Status:      bank.StatusBooked,
		Reversal:    l.reversal,
		EntryRef:    l.bankRef,
		BankTxCode:  l.txType,
	}
	if strings.EqualFold(e.EntryRef, "NONREF") {
		e.EntryRef = ""
	}
	raw := []string{":61:" + f.lines[0]}
	raw = append(raw, f.lines[1:]...)
	if pe.has86 {
		raw = append(raw, ":86:"+pe.details[0])
		raw = append(raw, pe.details[1:]...)
	}
	e.Raw = strings.TrimRight(strings.Join(trimRight(raw), "\n"), "\n")
	describe(&e, pe.details, l, strings.Join(supp, " "))
	return e, nil
}

func trimRight(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = strings.TrimRight(l, " ")
	}
	return out
}

// account normalises :25:: an IBAN loses spaces and a trailing currency
// ("NL54INGB0001234500EUR", "NL50RABO0156750961 EUR"); other ids keep their
// form without the currency ("1291.99.348EUR" -> "1291.99.348").
func account(v string) string {
	v = strings.TrimSpace(v)
	if i := strings.IndexByte(v, '\n'); i >= 0 {
		v = v[:i]
	}
	compact := strings.ToUpper(strings.Join(strings.Fields(v), ""))
	if n := len(compact); n > 4 && ledger.ValidCurrency(compact[n-3:]) && compact[n-4] >= '0' && compact[n-4] <= '9' {
		// a currency after the account: ING "NL54INGB0001234500EUR", Rabobank "1291.99.348EUR"
		if iban := bank.NormalizeIBAN(compact[:n-3]); iban != "" {
			return iban
		}
		if t := strings.TrimRight(v, " "); len(t) >= 3 && strings.EqualFold(t[len(t)-3:], compact[n-3:]) {
			v = strings.TrimSpace(t[:len(t)-3])
		}
		compact = compact[:n-3]
	}
	if iban := bank.NormalizeIBAN(compact); iban != "" {
		return iban
	}
	if isIBANish(compact) {
		return compact // an IBAN of the wrong length, as anonymised samples have
	}
	return v
}

// isIBANish reports whether s has the form of an IBAN whatever its length
// (anonymised sample files shorten or lengthen them).
func isIBANish(s string) bool {
	return len(s) > 4 && isUpper(s[:2]) && digits(s[2:4])
}

func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}
