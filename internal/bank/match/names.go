package match

import (
	"strings"
	"unicode/utf8"
)

// This file compares a payer's name as the bank shows it with customer
// names: "JANSEN BOUW BV", "Jansen Bouw B.V." and "J. Jansen" resemble each
// other; "Bouwbedrijf Pietersen" does not.

// noise are the words left out when names are compared: legal forms,
// articles and forms of address.
var noise = map[string]bool{
	"BV": true, "NV": true, "VOF": true, "CV": true, "BVBA": true, "VZW": true, "ASBL": true,
	"GMBH": true, "AG": true, "KG": true, "OHG": true, "UG": true, "EV": true, "MBH": true,
	"LTD": true, "LIMITED": true, "PLC": true, "LLC": true, "LLP": true, "INC": true, "CORP": true,
	"SA": true, "SAS": true, "SARL": true, "SRL": true, "SPRL": true, "SCRL": true, "CO": true,
	"DE": true, "HET": true, "THE": true, "EN": true, "AND": true, "UND": true, "ET": true,
	"FIRMA": true, "FA": true, "DHR": true, "MW": true, "MEVR": true, "HR": true, "MR": true,
	"MRS": true, "HOLDING": true, "IN": true, "OF": true,
}

// fold maps accented Latin letters to their ASCII base.
var fold = map[rune]string{
	'à': "A", 'á': "A", 'â': "A", 'ã': "A", 'ä': "A", 'å': "A", 'À': "A", 'Á': "A", 'Â': "A", 'Ä': "A",
	'ç': "C", 'Ç': "C", 'è': "E", 'é': "E", 'ê': "E", 'ë': "E", 'È': "E", 'É': "E", 'Ê': "E", 'Ë': "E",
	'ì': "I", 'í': "I", 'î': "I", 'ï': "I", 'Ï': "I", 'ñ': "N", 'Ñ': "N",
	'ò': "O", 'ó': "O", 'ô': "O", 'õ': "O", 'ö': "O", 'Ö': "O", 'Ó': "O", 'ø': "O", 'Ø': "O",
	'ù': "U", 'ú': "U", 'û': "U", 'ü': "U", 'Ü': "U", 'ý': "Y", 'ÿ': "Y", 'ß': "SS", 'æ': "AE", 'Æ': "AE",
}

// nameTokens returns the words of a name, upper-cased ASCII, with runs of
// single letters joined ("B.V." -> "BV") and noise words left out.
func nameTokens(s string) []string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z':
				b.WriteByte(c - 'a' + 'A')
			case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
				b.WriteByte(c)
			case c == '.':
				// "B.V." keeps its letters together; "J.Jansen" is split below
				b.WriteByte('.')
			default:
				b.WriteByte(' ')
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if f, ok := fold[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteByte(' ')
		}
		i += n
	}
	var out []string
	for _, w := range strings.Fields(b.String()) {
		parts := strings.Split(w, ".")
		single := true
		for _, p := range parts {
			if len(p) > 1 {
				single = false
			}
		}
		if single { // "B.V." or "N.V." or "J."
			out = append(out, strings.Join(parts, ""))
			continue
		}
		for _, p := range parts {
			if p != "" {
				out = append(out, p)
			}
		}
	}
	// join runs of single letters written apart: "B V" -> "BV"
	joined := out[:0]
	for _, w := range out {
		if n := len(joined); n > 0 && len(w) == 1 && len(joined[n-1]) == 1 {
			joined[n-1] += w
			continue
		}
		joined = append(joined, w)
	}
	kept := joined[:0]
	for _, w := range joined {
		if w != "" && !noise[w] {
			kept = append(kept, w)
		}
	}
	return kept
}

// nameKey returns the normalised name: its tokens joined by spaces.
func nameKey(s string) string { return strings.Join(nameTokens(s), " ") }

// resembles reports whether a payer's name resembles a customer's: they
// share a word of three or more letters, and either the words of one (initials
// left out) are all in the other or at least half of all words are shared.
func resembles(payer, customer string) bool {
	a, b := significantWords(nameTokens(payer)), significantWords(nameTokens(customer))
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	inB := make(map[string]bool, len(b))
	for _, w := range b {
		inB[w] = true
	}
	shared, long := 0, false
	for _, w := range a {
		if inB[w] {
			shared++
			if len(w) >= 3 {
				long = true
			}
		}
	}
	if !long {
		return false
	}
	union := len(a) + len(b) - shared
	return shared == len(a) || shared == len(b) || 2*shared >= union
}

// significantWords leaves out initials and repeated words.
func significantWords(ws []string) []string {
	out := ws[:0:0]
	seen := map[string]bool{}
	for _, w := range ws {
		if len(w) > 1 && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}
