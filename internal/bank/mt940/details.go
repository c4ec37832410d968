package mt940

import (
	"strings"
	"unicode/utf8"

	"github.com/kredo-dev/kredo/internal/bank"
)

// describe reads the :86: information to the account owner into e, in the
// first layout that fits:
//
//   - structured codes (ABN AMRO, ING, Rabobank, Knab, Triodos and Van
//     Lanschot since SEPA): /TRTP/, /IBAN/, /BIC/, /NAME/, /REMI/, /EREF/,
//     /CNTP/iban/bic/name/city/, /ORDP//NAME/, /BENM//NAME/, /RTRN/ ...;
//     line breaks are the bank's 65-character wrap and are removed;
//   - German subfields (GVC "166?00...?20...?32..."; Triodos writes ">"
//     for "?"): ?20-?29 and ?60-?63 are the purpose, with the SEPA keywords
//     EREF+, SVWZ+, ABWA+ ...; ?30 BIC, ?31 IBAN, ?32-?33 name;
//   - Dutch keywords (ABN AMRO's and Knab's older SEPA layout): "IBAN:",
//     "BIC:", "NAAM:", "OMSCHRIJVING:", "KENMERK:", "REK:";
//   - anything else is free text: lines joined with a space; a leading
//     IBAN or account number is the counterparty's.
//
// The :61: adds what the :86: did not say: a counterparty IBAN or account
// in the supplementary details (Rabobank), the old Rabobank counterparty
// after the reference, a name repeated from the :86: (SNS/ASN). A Dutch
// betalingskenmerk or an RF reference found in the text becomes
// StructuredRef when no structured reference was given.
func describe(e *bank.Entry, lines []string, l line61, supp string) {
	text := "" // free text to search for a payment reference, besides the remittance
	if len(lines) > 0 {
		switch {
		case isStructured(lines[0]):
			structured(e, strings.Join(lines, ""))
		case isGerman(lines[0]):
			german(e, strings.Join(lines, ""))
		default:
			text = joinLines(lines)
			if isKeyworded(text) {
				keyworded(e, text)
			} else {
				plain(e, lines, supp)
			}
		}
	}
	fromLine61(e, l, supp, lines)
	if strings.EqualFold(e.EndToEndID, "NOTPROVIDED") {
		e.EndToEndID = ""
	}
	if e.StructuredRef == "" {
		e.StructuredRef = paymentRef(e.Remittance)
	}
	if e.StructuredRef == "" && text != e.Remittance {
		e.StructuredRef = paymentRef(text)
	}
}

// joinLines joins trimmed, non-empty lines with one space between words.
func joinLines(lines []string) string {
	return strings.Join(strings.Fields(strings.Join(lines, " ")), " ")
}

// squash collapses runs of white space and trims.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// structKeys are the codes of the structured :86: layouts.
var structKeys = map[string]bool{
	"TRTP": true, "IBAN": true, "BIC": true, "NAME": true, "REMI": true, "EREF": true,
	"MARF": true, "CSID": true, "CNTP": true, "ORDP": true, "BENM": true, "ADDR": true,
	"ISDT": true, "PURP": true, "RTRN": true, "ULTC": true, "ULTD": true, "ULTB": true,
	"ID": true, "PREF": true, "SUM": true, "BUSP": true, "CHGS": true, "EXCH": true,
	"OCMT": true, "SVCL": true,
}

type codeValue struct{ code, value string }

// codes splits "/EREF/x//NAME/y/REMI/z" at the known codes. A value may
// contain slashes ("/REMI/NR.201303-111/11.3.2013"); it ends where the next
// known code starts.
func codes(s string) []codeValue {
	type pos struct {
		at, end int
		code    string
	}
	ps := make([]pos, 0, 12)
	for i := 0; i < len(s); i++ {
		if s[i] != '/' {
			continue
		}
		j := strings.IndexByte(s[i+1:], '/')
		if j < 2 || j > 4 {
			continue
		}
		if c := s[i+1 : i+1+j]; structKeys[c] {
			ps = append(ps, pos{i, i + 2 + j, c})
			i += j // the closing slash may open the next code
		}
	}
	out := make([]codeValue, len(ps))
	for n, p := range ps {
		end := len(s)
		if n+1 < len(ps) {
			end = ps[n+1].at
		}
		v := ""
		if p.end < end {
			v = s[p.end:end]
		}
		out[n] = codeValue{p.code, v}
	}
	return out
}

func isStructured(first string) bool {
	t := strings.TrimSpace(first)
	if !strings.HasPrefix(t, "/") {
		return false
	}
	j := strings.IndexByte(t[1:], '/')
	return j >= 2 && j <= 4 && structKeys[t[1:1+j]]
}

func structured(e *bank.Entry, s string) {
	s = strings.TrimSpace(s)
	party := "" // "ult" after /ULTD/, /ULTC/, /ULTB/; "" otherwise
	var remi []string
	for _, cv := range codes(s) {
		v := strings.TrimSpace(strings.TrimSuffix(cv.value, "/"))
		switch cv.code {
		case "ORDP", "BENM":
			party = ""
			if v != "" && !strings.HasPrefix(v, "/") && e.Counterparty.Name == "" {
				e.Counterparty.Name = squash(v)
			}
			continue
		case "ULTC", "ULTD", "ULTB":
			party = "ult"
			if n := squash(strings.SplitN(v, "/", 2)[0]); n != "" && e.Ultimate.Name == "" {
				e.Ultimate.Name = n
			}
			continue
		case "NAME":
			if party == "ult" {
				if e.Ultimate.Name == "" {
					e.Ultimate.Name = squash(v)
				}
			} else if e.Counterparty.Name == "" {
				e.Counterparty.Name = squash(v)
			}
			continue
		case "ID", "ADDR":
			continue // keep the party context for a following NAME
		case "IBAN":
			setAccount(&e.Counterparty, v)
		case "BIC":
			if e.Counterparty.BIC == "" {
				e.Counterparty.BIC = strings.ToUpper(v)
			}
		case "CNTP": // account/BIC/name/city
			parts := strings.Split(cv.value, "/")
			setAccount(&e.Counterparty, at(parts, 0))
			if b := strings.TrimSpace(at(parts, 1)); b != "" && e.Counterparty.BIC == "" {
				e.Counterparty.BIC = strings.ToUpper(b)
			}
			if n := squash(at(parts, 2)); n != "" && e.Counterparty.Name == "" {
				e.Counterparty.Name = n
			}
		case "EREF":
			if e.EndToEndID == "" {
				e.EndToEndID = v
			}
		case "RTRN":
			if e.ReturnCode == "" {
				e.ReturnCode = strings.TrimSpace(strings.SplitN(v, "/", 2)[0])
			}
		case "PREF":
			if e.BatchRef == "" {
				e.BatchRef = v
			}
		case "REMI":
			if t := remittance(e, v); t != "" {
				remi = append(remi, t)
			}
		}
		party = ""
	}
	e.Remittance = squash(strings.Join(remi, " "))
}

// remittance reads the value of /REMI/: ING's "USTD//text" and
// "STRD/CUR/ref", Rabobank's "/CDTRREFTP//CD/SCOR/ISSR/CUR/CDTRREF/ref",
// or plain text.
func remittance(e *bank.Entry, v string) string {
	switch {
	case strings.HasPrefix(v, "USTD//"):
		return v[6:]
	case strings.HasPrefix(v, "USTD/"):
		return v[5:]
	case strings.HasPrefix(v, "STRD/"):
		parts := strings.Split(strings.Trim(v[5:], "/"), "/")
		if ref := strings.TrimSpace(parts[len(parts)-1]); ref != "" && e.StructuredRef == "" {
			e.StructuredRef = compactRef(ref)
		}
		return ""
	}
	if i := strings.Index(v, "/CDTRREF/"); i >= 0 {
		ref := strings.SplitN(v[i+len("/CDTRREF/"):], "/", 2)[0]
		if ref = strings.TrimSpace(ref); ref != "" && e.StructuredRef == "" {
			e.StructuredRef = compactRef(ref)
		}
		if j := strings.Index(v, "/CDTRREFTP/"); j >= 0 {
			return v[:j]
		}
		return ""
	}
	return strings.TrimPrefix(v, "/")
}

// setAccount puts an IBAN or another account number into p, unless p has one.
func setAccount(p *bank.Party, v string) {
	v = strings.TrimSpace(v)
	if v == "" || p.IBAN != "" || p.Account != "" {
		return
	}
	if iban := bank.NormalizeIBAN(v); iban != "" {
		p.IBAN = iban
	} else {
		p.Account = v
	}
}

func at(parts []string, i int) string {
	if i < len(parts) {
		return parts[i]
	}
	return ""
}

// isGerman reports whether the :86: starts with a three-digit business
// transaction code (GVC) and a subfield marker: "166?00", "000>10".
func isGerman(first string) bool {
	t := strings.TrimSpace(first)
	return len(t) >= 6 && digits(t[:3]) && (t[3] == '?' || t[3] == '>') && digits(t[4:6])
}

// sepaKeys are the keywords of the SEPA purpose text in German statements.
var sepaKeys = []string{"EREF+", "KREF+", "MREF+", "CRED+", "DEBT+", "SVWZ+", "ABWA+", "ABWE+",
	"IBAN+", "BIC+", "OAMT+", "COAM+", "PURP+", "BREF+", "RREF+"}

func german(e *bank.Entry, s string) {
	s = strings.TrimSpace(s)
	sep := s[3]
	sub := map[string]*strings.Builder{}
	last := map[string]string{} // the previous subfield of each group
	type part struct {
		code int
		v    string
	}
	var purpose []part
	add := func(b *strings.Builder, prev, v string) {
		b.WriteString(joinSep(b.Len(), prev))
		b.WriteString(v)
	}
	for i := 3; i < len(s); {
		j := i + 3
		for j < len(s) && !(s[j] == sep && j+2 < len(s) && digits(s[j+1:j+3])) {
			j++
		}
		code, v := s[i+1:i+3], s[i+3:j]
		if c := atoi(code); c >= 20 && c <= 29 || c >= 60 && c <= 63 {
			purpose = append(purpose, part{c, v})
		}
		if code == "33" { // the name's second line
			code = "32"
		}
		b := sub[code]
		if b == nil {
			b = &strings.Builder{}
			sub[code] = b
		}
		add(b, last[code], v)
		last[code] = v
		i = j
	}
	get := func(code string) string {
		if b := sub[code]; b != nil {
			return b.String()
		}
		return ""
	}
	from := 0
	if sep == '>' && bank.LooksLikeBIC(strings.TrimSpace(get("20"))) && bank.NormalizeIBAN(get("21")) != "" {
		// Triodos: >20 BIC, >21 IBAN, the purpose from >22 on
		e.Counterparty.BIC = strings.TrimSpace(get("20"))
		e.Counterparty.IBAN = bank.NormalizeIBAN(get("21"))
		from = 22
	}
	var tb strings.Builder
	prev := ""
	for _, pt := range purpose {
		if pt.code >= from {
			add(&tb, prev, pt.v)
			prev = pt.v
		}
	}
	text := tb.String()
	if sep == '>' {
		if a := strings.TrimSpace(get("10")); strings.Trim(a, "0") != "" {
			setAccount(&e.Counterparty, a)
		}
	}
	e.Remittance = squash(text)
	if kv := sepaFields(text); kv != nil {
		e.Remittance = squash(kv["SVWZ+"])
		if e.Remittance == "" && kv[""] != "" {
			e.Remittance = squash(kv[""])
		}
		e.EndToEndID = squash(kv["EREF+"])
		if n := squash(kv["ABWA+"] + " " + kv["ABWE+"]); n != "" {
			e.Ultimate.Name = n
		}
	}
	if sep == '?' {
		if b := strings.TrimSpace(get("30")); bank.LooksLikeBIC(b) {
			e.Counterparty.BIC = b
		}
		acct := strings.TrimSpace(get("31"))
		if iban := bank.NormalizeIBAN(acct); iban != "" {
			e.Counterparty.IBAN = iban
		} else if acct != "" {
			if blz := strings.TrimSpace(get("30")); blz != "" && !bank.LooksLikeBIC(blz) {
				acct = blz + "/" + acct
			}
			e.Counterparty.Account = acct
		}
		e.Counterparty.Name = squash(get("32"))
	}
}

// joinSep returns what goes between text of length n and the next
// subfield, when the previous subfield was prev. Subfields hold 27
// characters: a full one was cut by the bank and continues in the next
// without a space; a shorter one ended where the bank broke the line.
func joinSep(n int, prev string) string {
	if n == 0 || utf8.RuneCountInString(prev) >= 27 {
		return ""
	}
	return " "
}

// sepaFields splits a German purpose text at its SEPA keywords; text before
// the first keyword is under "". It returns nil when there is no keyword.
func sepaFields(text string) map[string]string {
	type pos struct {
		at  int
		key string
	}
	var ps []pos
	for i := 0; i < len(text); i++ {
		for _, k := range sepaKeys {
			if strings.HasPrefix(text[i:], k) {
				ps = append(ps, pos{i, k})
				i += len(k) - 1
				break
			}
		}
	}
	if len(ps) == 0 {
		return nil
	}
	kv := map[string]string{"": text[:ps[0].at]}
	for n, p := range ps {
		end := len(text)
		if n+1 < len(ps) {
			end = ps[n+1].at
		}
		if _, dup := kv[p.key]; !dup {
			kv[p.key] = text[p.at+len(p.key) : end]
		}
	}
	return kv
}
