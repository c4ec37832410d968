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
func significant(key string) int {
	i := 0
	for i < len(key) && key[i] == '0' {
		i++
	}
	return len(key) - i
}

// hasDigit reports whether s contains an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// shape returns the pattern of a normalised key that tells "one of our
// numbers" from other numbers in a text: its first two characters as they
// are, then 9 for each digit and A for each letter ("1260100006" ->
// "1299999999"). A number in a payment with the shape of our numbers that is
// not open is a reason for doubt.
func shape(key string) string {
	b := []byte(key)
	for i := 2; i < len(b); i++ {
		if b[i] >= '0' && b[i] <= '9' {
			b[i] = '9'
		} else {
			b[i] = 'A'
		}
	}
	return string(b)
}

// numberRuns splits an invoice number into its runs of letters and of
// digits, upper-cased; separators split runs too ("F2026-00123" -> F, 2026,
// 00123).
func numberRuns(s string) []string {
	var runs []string
	start, kind := -1, 0 // kind 1 letters, 2 digits
	b := []byte(s)
	for i := 0; i <= len(b); i++ {
		k := 0
		if i < len(b) {
			c := b[i]
			switch {
			case c >= 'a' && c <= 'z':
				b[i] = c - 'a' + 'A'
				k = 1
			case c >= 'A' && c <= 'Z':
				k = 1
			case c >= '0' && c <= '9':
				k = 2
			}
		}
		if k != kind || k == 0 {
			if start >= 0 {
				runs = append(runs, string(b[start:i]))
			}
			start = -1
			if k != 0 {
				start = i
			}
			kind = k
		}
	}
	return runs
}

// stripZeros removes the leading zeros of a run of digits, keeping one digit.
func stripZeros(run string) string {
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
