package csvfmt

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Options overrides detection; zero fields are detected from the file.
type Options struct {
	Decimal   ledger.DecimalSeparator // ledger.DecimalComma or ledger.DecimalPoint; 0 = detect
	Delimiter rune                    // ';', ',', '\t', '|' or another single character; 0 = detect
	Encoding  Encoding                // UTF8 or Windows1252; "" = detect
}

// RowError is a problem with one row (or the header) of a file, safe to show to the user.
type RowError struct {
	File   string // file name as given to NewReader
	Row    int    // 1-based line number where the record starts; the header is usually row 1
	Field  string // canonical column name, the header as written for an unknown column, or "" for the whole row
	Value  string // the offending value as written, if any
	Reason string // what is wrong, in plain English
}

// Error formats the problem as `invoices.csv: row 7, field due_date: invalid date "31-02-2026"...`.
func (e *RowError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "row %d", e.Row)
	if e.Field != "" {
		b.WriteString(", field ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap makes errors.Is(err, ledger.ErrInvalid) true for every row error.
func (e *RowError) Unwrap() error { return ledger.ErrInvalid }

// RowErrors is several problems found at once, e.g. every bad field of one row.
type RowErrors []*RowError

// Error joins the messages with "; ".
func (l RowErrors) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "; ")
}

// Unwrap lets errors.As find the first *RowError.
func (l RowErrors) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

func (l RowErrors) orNil() error {
	switch len(l) {
	case 0:
		return nil
	case 1:
		return l[0]
	}
	return l
}

// AsRowErrors returns every *RowError in err (a *RowError or RowErrors), or nil.
func AsRowErrors(err error) []*RowError {
	var l RowErrors
	if errors.As(err, &l) {
		return l
	}
	var e *RowError
	if errors.As(err, &e) {
		return []*RowError{e}
	}
	return nil
}

// Record is one parsed row: exactly one of the pointers is set, by kind.
type Record struct {
	Row      int // line number where the row starts
	Entity   *ledger.Entity
	Customer *ledger.Customer
	Invoice  *InvoiceRow
	Payment  *PaymentRow
}

// InvoiceRow is an invoice or credit note read from a file.
type InvoiceRow struct {
	ledger.Invoice
	OpenGiven bool // open_amount had a value; if not, OpenAmount equals Amount
}

// PaymentRow is one row of a payment: the payment (without allocations) and
// at most one allocation; the importer assembles the rows of a payment.
type PaymentRow struct {
	Payment        ledger.Payment
	InvoiceNumber  string // "" for a row without allocation
	Allocated      int64  // minor units of the payment currency
	HasAllocation  bool   // InvoiceNumber is set
	AllocatedGiven bool   // allocated had a value; if not, Allocated is the payment amount
}

// Reader reads records of one kind from a CSV file, streaming.
type Reader struct {
	file      string
	kind      Kind
	spec      *kindSpec
	cr        *csv.Reader
	det       Detected
	pos       []int // canonical column -> field index, or -1
	unnamed   []int // field indexes without header
	nfields   int
	lineShift int // lines before the csv data (Excel's sep= line)
	checkUTF8 bool
	vals      []string
}

// NewReader reads the header of r and detects its format. Only the first
// SampleSize bytes are buffered for detection. Header problems are returned
// as *RowError or RowErrors; I/O errors as they are.
func NewReader(r io.Reader, file string, kind Kind, opt Options) (*Reader, error) {
	spec := specs[kind]
	if spec == nil {
		return nil, fmt.Errorf("csvfmt: unknown kind %q", kind)
	}
	if opt.Decimal != 0 && opt.Decimal != ledger.DecimalComma && opt.Decimal != ledger.DecimalPoint {
		return nil, fmt.Errorf("csvfmt: invalid decimal separator %q", rune(opt.Decimal))
	}
	if d := opt.Delimiter; d != 0 && (d == '"' || d == '\r' || d == '\n' || d == utf8.RuneError || !utf8.ValidRune(d)) {
		return nil, fmt.Errorf("csvfmt: invalid delimiter %q", d)
	}
	if opt.Encoding != "" && opt.Encoding != UTF8 && opt.Encoding != Windows1252 {
		return nil, fmt.Errorf("csvfmt: unsupported encoding %q", opt.Encoding)
	}
	rd := &Reader{file: file, kind: kind, spec: spec}
	headerErr := func(reason string) error {
		return &RowError{File: file, Row: 1, Reason: reason}
	}

	raw := bufio.NewReaderSize(r, SampleSize)
	sample, err := raw.Peek(SampleSize)
	if err != nil && err != io.EOF {
		return nil, err
	}
	truncated := err == nil
	if len(sample) >= 2 && (sample[0] == 0xFF && sample[1] == 0xFE || sample[0] == 0xFE && sample[1] == 0xFF) {
		return nil, headerErr("the file is UTF-16; save it as CSV UTF-8 (or plain CSV) and import again")
	}
	if len(sample) >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF {
		rd.det.BOM = true
		sample = sample[3:]
	}
	switch {
	case opt.Encoding != "":
		rd.det.Encoding = opt.Encoding
	case rd.det.BOM:
		rd.det.Encoding = UTF8
	default:
		rd.det.Encoding = detectEncoding(sample, truncated)
	}
	if rd.det.BOM {
		if _, err := raw.Discard(3); err != nil {
			return nil, err
		}
	}
	text := raw
	if rd.det.Encoding == Windows1252 {
		text = bufio.NewReaderSize(charmap.Windows1252.NewDecoder().Reader(raw), SampleSize)
	} else {
		rd.checkUTF8 = true
	}
	dsample, err := text.Peek(SampleSize)
	if err != nil && err != io.EOF {
		return nil, err
	}
	truncated = err == nil
	sepDelim, sepLen, hasSep := sepLine(dsample)
	if hasSep {
		dsample = dsample[sepLen:]
	}
	sampleText := string(dsample)
	if hasSep {
		if _, err := text.Discard(sepLen); err != nil {
			return nil, err
		}
		rd.det.SepLine, rd.lineShift = true, 1
	}
	switch {
	case opt.Delimiter != 0:
		rd.det.Delimiter = opt.Delimiter
	case hasSep:
		rd.det.Delimiter = sepDelim
	default:
		rd.det.Delimiter = detectDelimiter(sampleText)
	}
	if d := rd.det.Delimiter; d == '"' || d == '\r' || d == '\n' || d == utf8.RuneError {
		return nil, headerErr(fmt.Sprintf("invalid delimiter %q in the sep= line", d))
	}

	cr := csv.NewReader(text)
	cr.Comma = rd.det.Delimiter
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = rd.det.Delimiter != '\t' && rd.det.Delimiter != ' '
	rd.cr = cr
	rec, err := cr.Read()
	if err == io.EOF {
		return nil, headerErr("the file is empty: the first line must be a header with the column names")
	}
	if err != nil {
		if re := rd.parseError(err); re != nil {
			return nil, re
		}
		return nil, err
	}
	line, _ := cr.FieldPos(0)
	rd.det.HeaderLine = line + rd.lineShift
	pos, names, err := spec.header(file, rd.det.HeaderLine, rec)
	if err != nil {
		return nil, err
	}
	rd.pos, rd.det.Columns, rd.nfields = pos, names, len(rec)
	for f, n := range names {
		if n == "" {
			rd.unnamed = append(rd.unnamed, f)
		}
	}
	if opt.Decimal != 0 {
		rd.det.Decimal, rd.det.DecimalBy = opt.Decimal, "option"
	} else {
		var amountFields []int
		for _, c := range spec.amounts() {
			if pos[c] >= 0 {
				amountFields = append(amountFields, pos[c])
			}
		}
		rd.det.Decimal, rd.det.DecimalBy = detectDecimal(sampleText, rd.det.Delimiter, cr.TrimLeadingSpace, amountFields, truncated)
	}
	rd.vals = make([]string, len(spec.cols))
	return rd, nil
}

// Detected returns the detected (or forced) format, for the import report.
func (r *Reader) Detected() Detected { return r.det }

// Kind returns the kind of records the reader reads.
func (r *Reader) Kind() Kind { return r.kind }

// Next returns the next record, skipping blank lines. A bad row yields a
// *RowError, or RowErrors when several fields are wrong; reading may go on
// after it. At the end Next returns io.EOF; other errors are I/O errors.
func (r *Reader) Next() (Record, error) {
	for {
		rec, err := r.cr.Read()
		if err == io.EOF {
			return Record{}, io.EOF
		}
		if err != nil {
			if re := r.parseError(err); re != nil {
				return Record{}, re
			}
			return Record{}, err
		}
		line, _ := r.cr.FieldPos(0)
		line += r.lineShift
		if blank(rec) {
			continue
		}
		if len(rec) != r.nfields {
			return Record{}, &RowError{File: r.file, Row: line,
				Reason: fmt.Sprintf("expected %d fields, got %d (is a value with the delimiter %q missing its quotes?)", r.nfields, len(rec), r.det.Delimiter)}
		}
		c := rowCtx{r: r, line: line, vals: r.vals}
		for i, p := range r.pos {
			if p >= 0 {
				c.vals[i] = strings.TrimSpace(rec[p])
			} else {
				c.vals[i] = ""
			}
		}
		if r.checkUTF8 {
			for i, v := range c.vals {
				if !utf8.ValidString(v) {
					c.fail(i, "not valid UTF-8: the file was read as UTF-8 from its first 64 KiB; save the whole file as CSV UTF-8")
					c.vals[i] = strings.ToValidUTF8(v, "\uFFFD")
				}
			}
		}
		for _, f := range r.unnamed {
			if v := strings.TrimSpace(rec[f]); v != "" {
				c.errs = append(c.errs, &RowError{File: r.file, Row: line, Value: v,
					Reason: fmt.Sprintf("value %q in field %d, which has no column name in the header", v, f+1)})
			}
		}
		return c.record()
	}
}

// record builds the record of the row's values, or its row errors.
func (c *rowCtx) record() (Record, error) {
	out := Record{Row: c.line}
	switch c.r.kind {
	case Entities:
		out.Entity = c.entity()
	case Customers:
		out.Customer = c.customer()
	case Invoices:
		out.Invoice = c.invoice()
	case Payments:
		out.Payment = c.payment()
	}
	if err := c.errs.orNil(); err != nil {
		return Record{}, err
	}
	return out, nil
}

// parseError converts a csv syntax error into a *RowError, or returns nil.
func (r *Reader) parseError(err error) *RowError {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return nil
	}
	reason := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		reason = `a " inside a value: quote the whole value and double the " (write "5"" pipe" for 5" pipe)`
	case errors.Is(pe.Err, csv.ErrQuote):
		reason = fmt.Sprintf(`a quoted value is not closed properly (problem on line %d, column %d)`, pe.Line+r.lineShift, pe.Column)
	}
	return &RowError{File: r.file, Row: pe.StartLine + r.lineShift, Reason: reason}
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
