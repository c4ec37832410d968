package mt940

import (
	"strings"

	"github.com/kredo-dev/kredo/internal/bank"
)

// nlKeywords are the labels of ABN AMRO's and Knab's older SEPA :86:.
var nlKeywords = []string{"IBAN:", "BIC:", "NAAM:", "OMSCHRIJVING:", "KENMERK:",
	"BETALINGSKENM.:", "BETALINGSKENMERK:", "MACHTIGING:", "INCASSANT:", "REK:",
	"ID DEBITEUR:", "ID BEGUNSTIGDE:"}

func isKeyworded(text string) bool {
	for _, k := range []string{"NAAM: ", "IBAN: ", "REK: ", "OMSCHRIJVING: "} {
		if strings.HasPrefix(text, k) || strings.Contains(text, " "+k) || strings.Contains(text, "/"+k) {
			return true
		}
	}
	return false
}

// keyworded reads "SEPA OVERBOEKING IBAN: NL.. BIC: .. NAAM: .. OMSCHRIJVING:
// .. KENMERK: .." and Knab's "text REK: NL../NAAM: ..".
func keyworded(e *bank.Entry, text string) {
	type pos struct {
		at  int
		key string
	}
	var ps []pos
	for i := 0; i < len(text); i++ {
		if i > 0 && text[i-1] != ' ' && text[i-1] != '/' {
			continue
		}
		for _, k := range nlKeywords {
			if strings.HasPrefix(text[i:], k) {
				ps = append(ps, pos{i, k})
				i += len(k) - 1
				break
			}
		}
	}
	if len(ps) == 0 {
		e.Remittance = text
		return
	}
	prefix := strings.TrimSpace(text[:ps[0].at])
	var rest []string // labelled text that is not about the counterparty
	if !strings.HasPrefix(prefix, "SEPA ") {
		rest = append(rest, prefix)
	}
	for n, p := range ps {
		end := len(text)
		if n+1 < len(ps) {
			end = ps[n+1].at
		}
		v := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text[p.at+len(p.key):end]), "/"))
		switch p.key {
		case "IBAN:", "REK:":
			setAccount(&e.Counterparty, v)
		case "BIC:":
			e.Counterparty.BIC = v
		case "NAAM:":
			e.Counterparty.Name = v
		case "OMSCHRIJVING:":
			e.Remittance = v
		case "KENMERK:":
			e.EndToEndID = v
			rest = append(rest, p.key+" "+v)
		case "BETALINGSKENM.:", "BETALINGSKENMERK:":
			if ref := digitsPrefix(v); len(ref) >= 7 && len(ref) <= 16 {
				e.StructuredRef = ref
			}
			rest = append(rest, p.key+" "+v)
		default:
			rest = append(rest, p.key+" "+v)
		}
	}
	if e.Remittance == "" {
		e.Remittance = squash(strings.Join(rest, " "))
	}
}

// plain reads free text. A leading IBAN (ING's older layout) or account
// number is the counterparty's, and a BIC after it too. SNS and ASN repeat
// the account and name of the :61: on the first line, then the description.
func plain(e *bank.Entry, lines []string, supp string) {
	text := joinLines(lines)
	fields := strings.Fields(text)
	if len(fields) > 0 {
		if iban := bank.NormalizeIBAN(fields[0]); iban != "" {
			e.Counterparty.IBAN = iban
			if len(fields) > 1 && bank.LooksLikeBIC(fields[1]) {
				e.Counterparty.BIC = fields[1]
			}
		} else if accountNumber(fields[0]) {
			e.Counterparty.Account = fields[0]
		}
	}
	first := squash(lines[0])
	if supp != "" && !strings.HasPrefix(supp, "/") && len(fields) > 1 &&
		strings.EqualFold(first, fields[0]+" "+squash(supp)) {
		e.Counterparty.Name = squash(supp)
		e.Remittance = joinLines(lines[1:])
		return
	}
	e.Remittance = text
}

// accountNumber reports whether s is a Dutch pre-IBAN account number: nine
// or ten digits, perhaps with dots (ABN AMRO: 52.89.39.882), or a Postbank
// number ("P" and up to ten digits).
func accountNumber(s string) bool {
	if len(s) > 1 && (s[0] == 'P' || s[0] == 'p') && digits(s[1:]) && len(s) <= 11 {
		return true
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			n++
		case c != '.':
			return false
		}
	}
	return n >= 9 && n <= 10 && s[0] != '.'
}

// fromLine61 fills in what the :61: says of the counterparty.
func fromLine61(e *bank.Entry, l line61, supp string, lines []string) {
	cp := &e.Counterparty
	if supp != "" && !strings.HasPrefix(supp, "/") {
		compact := strings.ReplaceAll(supp, " ", "")
		switch {
		case bank.NormalizeIBAN(compact) != "":
			setAccount(cp, compact)
		case accountNumber(compact):
			setAccount(cp, compact)
		case cp.Name == "" && len(lines) > 0 && strings.HasSuffix(strings.ToLower(squash(lines[0])), strings.ToLower(squash(supp))):
			cp.Name = squash(supp) // SNS, ASN: the name, repeated on the first :86: line
		}
	}
	ref := strings.ToUpper(l.customerRef)
	if ref != "" && ref != "NONREF" && ref != "EREF" {
		if iban := bank.NormalizeIBAN(ref); iban != "" && len(ref) == len(iban) {
			setAccount(cp, iban) // SNS, ASN: the counterparty IBAN as reference
		} else if l.extra != "" && accountNumber(ref) {
			setAccount(cp, l.customerRef) // old Rabobank: account, then name
		}
	}
	if l.extra != "" && cp.Name == "" {
		cp.Name = l.extra
	}
}

// paymentRef finds a Dutch betalingskenmerk or an ISO 11649 RF reference in
// free text: "BETALINGSKENM. 1234567890123456", "BETALINGSKENMERK: ...",
// ING's "SCOR/CUR/1234...", ABN AMRO's "ISSUER: CUR ... REF: 1234...".
func paymentRef(text string) string {
	if text == "" {
		return ""
	}
	upper := strings.ToUpper(text)
	if strings.Contains(upper, "KENM") || strings.Contains(upper, "CUR") {
		for _, key := range []string{"BETALINGSKENMERK", "BETALINGSKENM", "/CUR/", "ISSUER: CUR"} {
			i := strings.Index(upper, key)
			if i < 0 {
				continue
			}
			rest := upper[i+len(key):]
			if key == "ISSUER: CUR" {
				j := strings.Index(rest, "REF:")
				if j < 0 {
					continue
				}
				rest = rest[j+4:]
			}
			rest = strings.TrimLeft(rest, ".: ")
			if d := digitsPrefix(rest); len(d) >= 7 && len(d) <= 16 {
				return d
			}
		}
	}
	for from := 0; ; {
		i := strings.Index(upper[from:], "RF")
		if i < 0 {
			return ""
		}
		i += from
		from = i + 2
		if i > 0 && isAlnum(upper[i-1]) {
			continue
		}
		j := i
		for j < len(upper) && isAlnum(upper[j]) {
			j++
		}
		if w := upper[i:j]; bank.ValidRF(w) {
			return w
		}
	}
}

func isAlnum(c byte) bool { return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' }

// digitsPrefix returns the leading digits of s.
func digitsPrefix(s string) string {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return s[:n]
}

// compactRef removes spaces from a reference ("1234 5678 9012 3456").
func compactRef(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), " ", "") }
