package law

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Rate is one row of a rate table: from From on, until the next row of the
// same kind, the statutory interest of Kind is RateBP basis points a year.
type Rate struct {
	Kind   Kind
	From   ledger.Date
	RateBP int64  // percent per year in basis points: 1015 is 10.15%
	Status string // how the value was checked: official, secondary or unverified ("" in operator files)
	Source string // where the value comes from
}

// Rate statuses, as the shipped table uses them.
const (
	StatusOfficial   = "official"   // read in the official text (Staatsblad, wetten.overheid.nl)
	StatusSecondary  = "secondary"  // confirmed by published tables or news, not the official text
	StatusUnverified = "unverified" // could not be confirmed; derived or from a single unofficial source
)

// RateTable is a dated table of statutory interest rates per kind.
type RateTable struct {
	rows []Rate // sorted by kind, then From
}

// IsZero reports whether the table has no rows.
func (t RateTable) IsZero() bool { return len(t.rows) == 0 }

// Rows returns the rows of one kind in date order (all rows if kind is 0).
func (t RateTable) Rows(kind Kind) []Rate {
	var out []Rate
	for _, r := range t.rows {
		if kind == 0 || r.Kind == kind {
			out = append(out, r)
		}
	}
	return out
}

// At returns the rate of kind in force on day d.
func (t RateTable) At(kind Kind, d ledger.Date) (Rate, bool) {
	var found Rate
	ok := false
	for _, r := range t.rows {
		if r.Kind == kind && !r.From.After(d) {
			found, ok = r, true
		}
	}
	return found, ok
}

// nextChange returns the first day after d on which the rate of kind differs
// from the rate on d, or ok=false when it does not change any more. Rows that
// repeat the previous rate (a half-year in which nothing changed) are skipped.
func (t RateTable) nextChange(kind Kind, d ledger.Date, bp int64) (ledger.Date, bool) {
	for _, r := range t.rows {
		if r.Kind == kind && r.From.After(d) && r.RateBP != bp {
			return r.From, true
		}
	}
	return ledger.Date{}, false
}

// Merge returns t with the rows of o added; a row of o with the same kind and
// date as a row of t replaces it. Use it to extend the shipped table.
func (t RateTable) Merge(o RateTable) RateTable {
	type key struct {
		k Kind
		d string
	}
	m := map[key]Rate{}
	for _, r := range t.rows {
		m[key{r.Kind, r.From.String()}] = r
	}
	for _, r := range o.rows {
		m[key{r.Kind, r.From.String()}] = r
	}
	out := RateTable{}
	for _, r := range m {
		out.rows = append(out.rows, r)
	}
	out.sort()
	return out
}

func (t *RateTable) sort() {
	sort.Slice(t.rows, func(i, j int) bool {
		a, b := t.rows[i], t.rows[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.From.Before(b.From)
	})
}

// RateError is a problem in a rate file, with the line and field it is in.
type RateError struct {
	Line   int    // line in the file, counting from 1 (comment lines included)
	Field  string // column name, "" for the row as a whole
	Value  string
	Reason string
}

// Error says where the problem is: "rates line 4, field rate ("12,5"): ...".
func (e *RateError) Error() string {
	s := fmt.Sprintf("rates line %d", e.Line)
	if e.Field != "" {
		s += ", field " + e.Field
	}
	if e.Value != "" {
		s += fmt.Sprintf(" (%q)", e.Value)
	}
	return s + ": " + e.Reason
}

// rateColumns are the columns a rate file may have; the first three are required.
var rateColumns = []string{"kind", "from", "rate", "status", "source"}

// LoadRates reads a rate table in Kredo's CSV format: lines starting with '#'
// are comments; the header names the columns kind, from, rate and optionally
// status and source; kind is consumer or commercial, from a date YYYY-MM-DD,
// rate a percent per year with a decimal point and at most two decimals
// (10.15). Within a kind the dates must ascend strictly. Every problem is
// reported with its line and field; the first one ends the load.
func LoadRates(r io.Reader) (RateTable, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return RateTable{}, &RateError{Line: 1, Reason: "the file is empty; want a header kind,from,rate[,status,source]"}
	}
	if err != nil {
		return RateTable{}, csvError(err)
	}
	line, _ := cr.FieldPos(0)
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		known := false
		for _, c := range rateColumns {
			known = known || c == h
		}
		if !known {
			return RateTable{}, &RateError{Line: line, Field: h, Reason: "unknown column; want kind, from, rate, status, source"}
		}
		if _, dup := col[h]; dup {
			return RateTable{}, &RateError{Line: line, Field: h, Reason: "column appears twice"}
		}
		col[h] = i
	}
	for _, c := range rateColumns[:3] {
		if _, ok := col[c]; !ok {
			return RateTable{}, &RateError{Line: line, Field: c, Reason: "missing column; the header must name kind, from and rate"}
		}
	}
	var t RateTable
	last := map[Kind]ledger.Date{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return RateTable{}, csvError(err)
		}
		line, _ = cr.FieldPos(0)
		if len(rec) != len(header) {
			return RateTable{}, &RateError{Line: line, Reason: fmt.Sprintf("%d fields, the header has %d", len(rec), len(header))}
		}
		field := func(name string) string {
			if i, ok := col[name]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		row, ferr := parseRateRow(field)
		if ferr != nil {
			ferr.Line = line
			return RateTable{}, ferr
		}
		if prev, ok := last[row.Kind]; ok && !row.From.After(prev) {
			return RateTable{}, &RateError{Line: line, Field: "from", Value: row.From.String(),
				Reason: fmt.Sprintf("not after the previous %s row's date %s; dates must ascend within a kind", row.Kind, prev)}
		}
		last[row.Kind] = row.From
		t.rows = append(t.rows, row)
	}
	if len(t.rows) == 0 {
		return RateTable{}, &RateError{Line: line, Reason: "the file has no rates"}
	}
	t.sort()
	return t, nil
}

// parseRateRow parses the fields of one row; the caller fills in the line.
func parseRateRow(field func(string) string) (Rate, *RateError) {
	var row Rate
	kind, err := ParseKind(field("kind"))
	if err != nil {
		return row, &RateError{Field: "kind", Value: field("kind"), Reason: "want consumer or commercial"}
	}
	row.Kind = kind
	if row.From, err = ledger.ParseDate(field("from")); err != nil {
		return row, &RateError{Field: "from", Value: field("from"), Reason: "want a date YYYY-MM-DD"}
	}
	bp, err := ParsePercent(field("rate"))
	if err != nil {
		return row, &RateError{Field: "rate", Value: field("rate"), Reason: err.Error()}
	}
	if bp > 10000 {
		return row, &RateError{Field: "rate", Value: field("rate"), Reason: "more than 100% a year"}
	}
	row.RateBP = bp
	row.Status = strings.ToLower(field("status"))
	switch row.Status {
	case "", StatusOfficial, StatusSecondary, StatusUnverified:
	default:
		return row, &RateError{Field: "status", Value: field("status"), Reason: "want official, secondary, unverified or empty"}
	}
	row.Source = field("source")
	return row, nil
}

// ParsePercent parses a non-negative percentage with a decimal point and at
// most two decimals ("10.15", "7", "0.5") into basis points (1015, 700, 50).
// A trailing "%" is allowed. Nothing is rounded: more decimals are an error.
func ParsePercent(s string) (int64, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || !allDigits(intPart) || (hasDot && (frac == "" || !allDigits(frac))) {
		return 0, fmt.Errorf("want a percentage such as 10.15 (decimal point, no sign)")
	}
	if len(frac) > 2 {
		if strings.Trim(frac[2:], "0") != "" {
			return 0, fmt.Errorf("at most two decimals, e.g. 10.15")
		}
		frac = frac[:2]
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if len(intPart) > 6 {
		return 0, fmt.Errorf("percentage too large")
	}
	return strconv.ParseInt(intPart+frac, 10, 64)
}

// FormatPercent writes basis points as a percentage: 1015 -> "10.15%", 700 -> "7%".
func FormatPercent(bp int64) string {
	s := strconv.FormatInt(bp/100, 10)
	if f := bp % 100; f != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%02d", f), "0")
	}
	return s + "%"
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// csvError turns an encoding/csv parse error into a RateError with its line.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &RateError{Line: pe.Line, Reason: pe.Err.Error()}
	}
	return err
}
