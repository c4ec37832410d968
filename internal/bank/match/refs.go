package match

import "github.com/kredo-dev/kredo/internal/bank"

// This file holds what the matcher makes of structured payment references
// (their check digits are bank.ValidKenmerk and bank.ValidRF) and the
// normalisation shared by references and invoice numbers.

// strongRef reports whether key (normalised) is a reference with a check:
// a 16-digit betalingskenmerk or an RF reference. Such a reference in a
// payment that matches no open item points at an item Kredo does not hold
// open, which forbids guessing another.
func strongRef(key string) bool {
	return len(key) == 16 && bank.ValidKenmerk(key) || bank.ValidRF(key)
}

// refName says what kind of reference a normalised key is, for explanations.
func refName(key string) string {
	switch {
	case bank.ValidRF(key):
		return "RF reference"
	case allDigits(key) && len(key) == 12:
		return "structured communication"
	case bank.ValidKenmerk(key):
		return "betalingskenmerk"
	}
	return "payment reference"
}

// normKey returns s upper-cased with everything but ASCII letters and digits
// removed: "F 2026.00123" and "f2026-00123" both become "F202600123".
func normKey(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			b = append(b, c-'a'+'A')
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b = append(b, c)
		}
	}
	return string(b)
}

// significant returns the number of characters of key after its leading
// zeros: "00123" has three.
func significant[T string | []byte](key T) int {
	i := 0
	for i < len(key) && key[i] == '0' {
		i++
	}
	return len(key) - i
}

// hasDigit reports whether s contains an ASCII digit.
func hasDigit[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return len(s) > 0
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// shape returns the pattern of a normalised key that tells "one of our
// numbers" from other numbers in a text: its first two characters as they
// are, then 9 for each digit and A for each letter ("1260100006" ->
// "1299999999"). A number in a payment with the shape of our numbers that is
// not open is a reason for doubt.
func shape(key string) string { return string(appendShape(nil, []byte(key))) }

// appendShape appends the shape of key to b.
func appendShape(b, key []byte) []byte {
	n := len(b)
	b = append(b, key...)
	for i := n + 2; i < len(b); i++ {
		if isDigit(b[i]) {
			b[i] = '9'
		} else {
			b[i] = 'A'
		}
	}
	return b
}

// numberRuns splits an invoice number into its runs of letters and of
// digits, upper-cased; separators split runs too ("F2026-00123" -> F, 2026,
// 00123).
func numberRuns(s string) []string {
	var b keyBuilder
	b.splitRuns(s)
	runs := make([]string, len(b.runs))
	for k, r := range b.runs {
		runs[k] = string(b.up[r[0]:r[1]])
	}
	return runs
}

// stripZeros removes the leading zeros of a run of digits, keeping one digit.
func stripZeros[T string | []byte](run T) T {
	if !allDigits(run) {
		return run
	}
	i := 0
	for i < len(run)-1 && run[i] == '0' {
		i++
	}
	return run[i:]
}

// oneEdit reports whether a and b differ by one character left out, added
// or changed, or two neighbours swapped (or not at all).
func oneEdit(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		first, second, n := -1, -1, 0
		for i := 0; i < len(a); i++ {
			if a[i] != b[i] {
				n++
				if first < 0 {
					first = i
				} else {
					second = i
				}
			}
		}
		return n == 1 || n == 2 && second == first+1 && a[first] == b[second] && a[second] == b[first]
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}
