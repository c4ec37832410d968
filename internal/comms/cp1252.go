package comms

import (
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// toCP1252 translates UTF-8 text for the PDF core fonts, which use
// Windows-1252: €, é, ü, ß, ç and ë map to their code, characters outside
// it lose their accent (ő becomes o, ł becomes l) or become "?". The tie
// marker becomes a no-break space; other control characters are dropped.
func toCP1252(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r == tie:
			b = append(b, 0xa0)
		case r < 0x20:
		case r < 0x80:
			b = append(b, byte(r))
		default:
			b = append(b, cp1252Rune(r))
		}
	}
	return string(b)
}

// cp1252Rune maps one non-ASCII rune.
func cp1252Rune(r rune) byte {
	if c, ok := charmap.Windows1252.EncodeRune(r); ok {
		return c
	}
	switch r {
	case '\u202f', '\u2007', '\u2060': // narrow and figure no-break spaces, word joiner
		return 0xa0
	case '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2008', '\u2009', '\u200a':
		return ' '
	case '\u2010', '\u2011', '\u2012', '\u2212':
		return '-'
	case 'Ł':
		return 'L'
	case 'ł':
		return 'l'
	case 'Đ':
		return 'D'
	case 'đ':
		return 'd'
	case 'ı':
		return 'i'
	case '\u2032':
		return '\''
	case '\u2033':
		return '"'
	}
	// a letter with a diacritic outside Windows-1252 keeps its base letter
	var buf [16]byte
	d := norm.NFD.AppendString(buf[:0], string(r))
	if len(d) > 0 && d[0] < 0x80 && d[0] >= 0x20 {
		return d[0]
	}
	return '?'
}
