package csvfmt

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// SampleSize is the number of bytes at the start of a file that detection
// looks at. Only this prefix is buffered; the rest of the file is streamed.
const SampleSize = 64 << 10

// sampleRows is how many data rows the decimal separator detection inspects.
const sampleRows = 100

// Encoding is the character encoding of a CSV file.
type Encoding string

// The encodings Kredo reads. Exports are always UTF-8 without a byte order mark.
const (
	UTF8        Encoding = "UTF-8"
	Windows1252 Encoding = "Windows-1252"
)

// Detected is what NewReader found out (or was told) about a file's format.
type Detected struct {
	Encoding   Encoding
	BOM        bool                    // the file started with a UTF-8 byte order mark
	Delimiter  rune                    // ';', ',', '\t' or '|'
	Decimal    ledger.DecimalSeparator // ledger.DecimalComma or ledger.DecimalPoint
	DecimalBy  string                  // how Decimal was chosen: "option", "values" or "delimiter"
	SepLine    bool                    // the file started with Excel's "sep=X" line
	Columns    []string                // canonical column of each field of the header ("" for an unnamed column)
	HeaderLine int                     // line number of the header
}

// String describes the format for an import report, e.g.
// "Windows-1252, delimiter ';', decimal comma (from values)".
func (d Detected) String() string {
	enc := string(d.Encoding)
	if d.BOM {
		enc += " with BOM"
	}
	delim := fmt.Sprintf("%q", d.Delimiter)
	if d.Delimiter == '\t' {
		delim = "tab"
	}
	dec := "point"
	if d.Decimal == ledger.DecimalComma {
		dec = "comma"
	}
	return fmt.Sprintf("%s, delimiter %s, decimal %s (from %s)", enc, delim, dec, d.DecimalBy)
}

// detectEncoding decides between UTF-8 and Windows-1252 from a sample of the
// raw bytes; truncated tells that the sample may end inside a character.
func detectEncoding(sample []byte, truncated bool) Encoding {
	if truncated {
		// drop a final character cut off by the sample boundary
		for i := 1; i <= utf8.UTFMax && i <= len(sample); i++ {
			if utf8.RuneStart(sample[len(sample)-i]) {
				if !utf8.FullRune(sample[len(sample)-i:]) {
					sample = sample[:len(sample)-i]
				}
				break
			}
		}
	}
	if utf8.Valid(sample) {
		return UTF8
	}
	return Windows1252
}

// delimiters are the candidates, in order of preference on a tie.
var delimiters = []rune{';', ',', '\t', '|'}

// detectDelimiter picks the candidate that occurs most often (outside
// quotes) in the header line, the first line of the sample.
func detectDelimiter(sample string) rune {
	best, bestN := ',', 0
	line := firstLine(sample)
	for _, d := range delimiters {
		n, quoted := 0, false
		for _, r := range line {
			switch {
			case r == '"':
				quoted = !quoted
			case r == d && !quoted:
				n++
			}
		}
		if n > bestN {
			best, bestN = d, n
		}
	}
	return best
}

// firstLine returns the first line of s, ignoring newlines inside quotes.
func firstLine(s string) string {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case '\n', '\r':
			if !quoted {
				return s[:i]
			}
		}
	}
	return s
}

// sepLine recognises Excel's optional first line "sep=;" and returns the
// delimiter and the length of the line including its line end.
func sepLine(sample []byte) (rune, int, bool) {
	if len(sample) < 5 || !bytes.EqualFold(sample[:4], []byte("sep=")) {
		return 0, 0, false
	}
	r, size := utf8.DecodeRune(sample[4:])
	n := 4 + size
	rest := sample[n:]
	switch {
	case bytes.HasPrefix(rest, []byte("\r\n")):
		n += 2
	case bytes.HasPrefix(rest, []byte("\n")):
		n++
	case len(rest) == 0:
	default:
		return 0, 0, false
	}
	return r, n, true
}

// detectDecimal chooses the decimal separator from the amount columns of the
// first data rows of the sample. Each value votes:
//   - both '.' and ',' present: the last one is the decimal separator ("1.234,56");
//   - one kind of separator, more than once: it groups thousands ("1.234.567");
//   - one separator once, not followed by exactly three digits: it is the
//     decimal separator ("12,50", "1234.5");
//   - one separator once followed by exactly three digits ("1,234") is
//     ambiguous and does not vote, unless it cannot group thousands because
//     more than three digits or a lone 0 precede it ("1234,567", "0,125").
//
// The side with more votes wins. Without votes (integers only, or only
// ambiguous values) a ';'-delimited file uses a decimal comma, as European
// Excel does, and any other file a decimal point.
func detectDecimal(sample string, delim rune, trimSpace bool, amountFields []int, truncated bool) (ledger.DecimalSeparator, string) {
	comma, point := 0, 0
	if len(amountFields) > 0 {
		cr := csv.NewReader(strings.NewReader(sample))
		cr.Comma = delim
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true
		cr.TrimLeadingSpace = trimSpace
		var values [][]string // amount values of each data row
		for header := true; len(values) <= sampleRows; header = false {
			rec, err := cr.Read()
			if err != nil {
				break
			}
			if header {
				continue
			}
			v := make([]string, 0, len(amountFields))
			for _, f := range amountFields {
				if f < len(rec) {
					v = append(v, rec[f])
				}
			}
			values = append(values, v)
		}
		if len(values) > 0 && (truncated || len(values) > sampleRows) {
			values = values[:len(values)-1] // may be cut off by the sample boundary
		}
		for _, vs := range values {
			for _, v := range vs {
				switch decimalVote(v) {
				case ',':
					comma++
				case '.':
					point++
				}
			}
		}
	}
	switch {
	case comma > point:
		return ledger.DecimalComma, "values"
	case point > comma:
		return ledger.DecimalPoint, "values"
	case delim == ';':
		return ledger.DecimalComma, "delimiter"
	}
	return ledger.DecimalPoint, "delimiter"
}

// decimalVote returns the decimal separator a single amount implies, or 0.
func decimalVote(s string) byte {
	s = strings.Trim(s, " \u00a0+-()")
	last := strings.LastIndexAny(s, ".,")
	if last < 0 || !strings.ContainsAny(s, "0123456789") {
		return 0
	}
	sep := s[last]
	other := byte(',')
	if sep == ',' {
		other = '.'
	}
	if strings.IndexByte(s, other) >= 0 {
		if strings.LastIndexByte(s, other) < last && strings.IndexByte(s, sep) == last {
			return sep // "1.234,56": the last separator holds the decimals
		}
		return 0
	}
	if strings.Count(s, string(sep)) > 1 {
		return other // "1.234.567": repeated, so grouping
	}
	before, after := strings.ReplaceAll(s[:last], " ", ""), len(s)-last-1
	if after != 3 || len(before) > 3 || before == "0" || before == "" {
		return sep
	}
	return 0 // "1,234": ambiguous
}
