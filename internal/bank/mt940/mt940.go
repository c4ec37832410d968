// Package mt940 reads SWIFT MT940 customer statements and MT942 interim
// reports as Dutch, German and other European banks export them: with or
// without the SWIFT envelope ({1:}{2:}{4: ... -}), several statements and
// accounts per file, CRLF or LF, UTF-8 or Latin-1/Windows-1252, and the
// transaction details (:86:) of ABN AMRO, ING, Rabobank, Knab, Triodos,
// SNS/ASN, Van Lanschot and the German "?20" subfield layout.
//
// Decisions:
//   - A file is read whole or not at all: any malformed field returns a
//     *bank.ParseError naming the file, line and tag, and no statements.
//   - A file without statements (empty, whitespace, only SWIFT headers or an
//     empty block 4) yields zero statements and no error: some banks send one
//     on days without movements. The caller decides whether that matters.
//   - Every MT940 statement needs :20:, :25:, :60F:/:60M: and a closing
//     :62F:/:62M:; a statement that stops without a closing balance is taken
//     to be a truncated file. The one exception is a statement that ends with
//     :64:/:65: lines but no :62a: (Oldenburgische Landesbank does this): it
//     is read with Closing.Present false. MT942 reports (:34F:, :13D:, :90D:,
//     :90C: or block 2 "942") need neither balance.
//   - The balance check is Statement.Check, left to the caller, so a file
//     whose balances do not add up can still be shown; the import reports it.
//   - :64: and :65: (available balances) and :86: lines that follow the
//     closing balance (statement summaries) are not kept.
//   - A :61: value date of 29 or 30 February that does not exist is read as
//     the last day of February: German banks date interest that way.
package mt940

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/kredo-dev/kredo/internal/bank"
)

// MaxFileSize is the largest file Parse reads (256 MiB).
const MaxFileSize = 256 << 20

// Parse reads every statement of an MT940/MT942 file. name is used in errors
// and as each statement's Source.
func Parse(r io.Reader, name string) ([]bank.Statement, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, &bank.ParseError{File: name, Reason: "reading the file: " + err.Error()}
	}
	if len(data) > MaxFileSize {
		return nil, &bank.ParseError{File: name, Reason: "the file is larger than 256 MiB"}
	}
	return ParseBytes(data, name)
}

// ParseBytes is Parse on a file already in memory.
func ParseBytes(data []byte, name string) ([]bank.Statement, error) {
	p := &parser{file: name}
	p.split(decode(data))
	if err := p.run(); err != nil {
		return nil, err
	}
	return p.out, nil
}

// decode returns the file as UTF-8 text: as is when it is valid UTF-8 (a BOM
// is dropped), else read as Windows-1252, the superset of Latin-1 that Dutch
// and German bank software writes.
func decode(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(data) {
		return string(data)
	}
	s, err := charmap.Windows1252.NewDecoder().String(string(data))
	if err != nil { // cannot happen: every byte has a mapping
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return s
}

// line is one line of the file, cleaned of control characters.
type line struct {
	no   int
	text string
}

// field is one tagged field with its continuation lines.
type field struct {
	tag   string   // "20", "61", "62F", ...
	line  int      // line of the tag
	lines []string // the value after the tag, then each continuation line
}

// message is the fields of one statement, from :20: to its end.
type message struct {
	fields []field
	kind   string // "940" or "942" from the SWIFT block 2, "" without envelope
	end    int    // the line where the message ended
	closed bool   // a closing field (:62a:, :64:, :65:, :90a:) was seen
}

type parser struct {
	file    string
	lines   []line
	out     []bank.Statement
	cur     *message
	block4  bool   // inside {4: ... -}
	envKind string // message type of the current envelope
	seenIDs map[string]int
}

func (p *parser) errorf(no int, tag, reason string) error {
	if tag != "" {
		tag = ":" + tag + ":"
	}
	return &bank.ParseError{File: p.file, Line: no, Field: tag, Reason: reason}
}

// split cuts the text into lines, accepting CRLF, LF and lone CR, and drops
// control characters (SOH/ETX around SWIFT envelopes, the DOS end-of-file
// ^Z some Rabobank exports carry); tabs become spaces.
func (p *parser) split(s string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	raw := strings.Split(s, "\n")
	p.lines = make([]line, len(raw))
	for i, l := range raw {
		p.lines[i] = line{no: i + 1, text: clean(l)}
	}
}

func clean(l string) string {
	ok := true
	for i := 0; i < len(l); i++ {
		if c := l[i]; c < 0x20 || c == 0x7f {
			ok = false
			break
		}
	}
	if ok && !strings.Contains(l, "\uFEFF") {
		return l
	}
	var b strings.Builder
	for _, r := range l {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || r == '\uFEFF':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// knownTag reports whether tag starts a field. Other ":NN:" text at the start
// of a line (":00:00/" of a wrapped time in ING's :86:) continues a field.
func knownTag(tag string) bool {
	switch tag {
	case "13", "13D", "20", "21", "25", "25P", "28", "28C", "34F", "60F", "60M",
		"61", "62F", "62M", "86", "90C", "90D":
		return true
	}
	return len(tag) >= 2 && (tag[:2] == "64" || tag[:2] == "65")
}

// tagOf returns the tag and value of a line that starts a field.
func tagOf(t string) (tag, value string, ok bool) {
	if len(t) < 4 || t[0] != ':' || t[1] < '0' || t[1] > '9' || t[2] < '0' || t[2] > '9' {
		return "", "", false
	}
	end := 3
	if end < len(t) && t[end] >= '0' && t[end] <= '9' { // ":940:" header
		end++
	}
	if end < len(t) && t[end] >= 'A' && t[end] <= 'Z' {
		end++
	}
	if end >= len(t) || t[end] != ':' {
		return "", "", false
	}
	tag = t[1:end]
	if tag == "940" || tag == "942" || tag == "950" {
		return tag, t[end+1:], true
	}
	if !knownTag(tag) {
		return "", "", false
	}
	return tag, t[end+1:], true
}

func (p *parser) run() error {
	for i := 0; i < len(p.lines); i++ {
		if err := p.handle(i, p.lines[i].text); err != nil {
			return err
		}
	}
	last := 0
	if n := len(p.lines); n > 0 {
		last = p.lines[n-1].no
	}
	if err := p.finish(last); err != nil {
		return err
	}
	if p.block4 {
		return p.errorf(last, "", "the SWIFT block 4 opened with {4: is not closed with -} (truncated file?)")
	}
	return nil
}

// handle processes one line. Envelope blocks on it are read first; text
// after "{4:" is handled as a line of its own.
func (p *parser) handle(i int, t string) error {
	for {
		trim := strings.TrimSpace(t)
		var rest string
		var err error
		switch {
		case strings.HasPrefix(trim, "-}"):
			if err := p.finish(p.lines[i].no); err != nil {
				return err
			}
			p.block4 = false
			rest, err = p.envelope(i, strings.TrimSpace(trim[2:]))
		case isBlockStart(trim):
			rest, err = p.envelope(i, trim)
		default:
			return p.content(i, t)
		}
		if err != nil || strings.TrimSpace(rest) == "" {
			return err
		}
		t = rest
	}
}

// content processes a line of fields, outside the envelope syntax.
func (p *parser) content(i int, t string) error {
	no := p.lines[i].no
	trim := strings.TrimSpace(t)
	if tag, value, ok := tagOf(t); ok {
		return p.startField(no, tag, value)
	}
	if p.cur == nil {
		return nil // a header line (ABNANL2A, "940", "0000 01INGBNL2A...") or blank
	}
	if (trim == "-" || trim == "-XXX") && p.endsMessage(i) {
		return p.finish(no)
	}
	f := &p.cur.fields[len(p.cur.fields)-1]
	f.lines = append(f.lines, t)
	return nil
}

// endsMessage reports whether a "-" line at i ends the message: when the
// statement already has its closing fields, or nothing but a new message
// follows. Otherwise it is text of the field (a Rabobank :86: may hold a line
// that is just "-").
func (p *parser) endsMessage(i int) bool {
	if p.cur.closed {
		return true
	}
	for j := i + 1; j < len(p.lines); j++ {
		t := strings.TrimSpace(p.lines[j].text)
		if t == "" {
			continue
		}
		if tag, _, ok := tagOf(t); ok {
			return tag == "20" || tag == "940" || tag == "942"
		}
		return isBlockStart(t)
	}
	return true
}

// envelope reads SWIFT blocks {1:...}{2:...}{3:{...}}{4: and {5:...} at the
// start of t, and returns the text after "{4:".
func (p *parser) envelope(i int, t string) (string, error) {
	no := p.lines[i].no
	for t != "" {
		if t[0] != '{' {
			return "", p.errorf(no, "", "unexpected text "+quote(t)+" in the SWIFT envelope")
		}
		colon := strings.IndexByte(t, ':')
		if colon < 2 {
			return "", p.errorf(no, "", "malformed SWIFT block "+quote(t))
		}
		block := t[1:colon]
		if block == "4" {
			if err := p.finish(no); err != nil {
				return "", err
			}
			p.block4 = true
			p.cur = nil
			return t[colon+1:], nil
		}
		end, depth := -1, 0
		for j := 0; j < len(t); j++ {
			if t[j] == '{' {
				depth++
			} else if t[j] == '}' {
				if depth--; depth == 0 {
					end = j
					break
				}
			}
		}
		if end < 0 {
			return "", p.errorf(no, "", "SWIFT block {"+block+": is not closed on its line")
		}
		if block == "1" {
			// a new message: whatever was open before it ends here
			if err := p.finish(no); err != nil {
				return "", err
			}
			if p.block4 {
				return "", p.errorf(no, "", "a new SWIFT message starts before the previous block 4 was closed with -} (truncated file?)")
			}
			p.envKind = ""
		}
		if block == "2" && len(t) > colon+4 {
			p.envKind = t[colon+2 : colon+5] // "I940..." or "O940..."
		}
		t = strings.TrimSpace(t[end+1:])
	}
	return "", nil
}

func (p *parser) startField(no int, tag, value string) error {
	switch tag {
	case "940", "942", "950":
		if p.cur != nil && strings.TrimSpace(value) == "" {
			if err := p.finish(no); err != nil {
				return err
			}
		}
		return nil // the ":940:" line Rabobank puts before the first :20:
	case "20":
		if err := p.finish(no); err != nil {
			return err
		}
		p.cur = &message{kind: p.envKind}
	default:
		if p.cur == nil {
			return p.errorf(no, tag, "field outside a statement: missing :20: before it")
		}
	}
	p.cur.fields = append(p.cur.fields, field{tag: tag, line: no, lines: []string{value}})
	switch tag[:2] {
	case "62", "64", "65", "90":
		p.cur.closed = true
	}
	return nil
}

// finish turns the open message into a statement.
func (p *parser) finish(no int) error {
	if p.cur == nil {
		return nil
	}
	m := p.cur
	p.cur = nil
	m.end = no
	st, err := p.statement(m)
	if err != nil {
		return err
	}
	if p.seenIDs == nil {
		p.seenIDs = map[string]int{}
	}
	// Two statements with the same :20:, :28C:, account and date (a bank
	// that numbers every statement 0) still get distinct IDs.
	if n := p.seenIDs[st.ID]; n > 0 {
		p.seenIDs[st.ID] = n + 1
		st.ID += "#" + itoa(n+1)
	} else {
		p.seenIDs[st.ID] = 1
	}
	p.out = append(p.out, st)
	return nil
}

// isBlockStart reports whether t starts a SWIFT block "{1:" to "{5:".
func isBlockStart(t string) bool {
	return len(t) >= 3 && t[0] == '{' && t[1] >= '1' && t[1] <= '5' && t[2] == ':'
}

func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return "\"" + s + "\""
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
