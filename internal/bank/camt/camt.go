// Package camt reads ISO 20022 bank-to-customer cash management messages:
// camt.053 statements (Stmt), camt.052 account reports (Rpt) and camt.054
// debit/credit notifications (Ntfctn), any version (001.01 to 001.13 read
// alike: elements are matched by local name, and the namespace must be
// urn:iso:std:iso:20022:tech:xsd:camt.05x.001.NN).
//
// Decisions:
//   - A file is read whole or not at all: a malformed file returns a
//     *bank.ParseError naming the file, line and element path
//     ("Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/Amt"), and no statements.
//   - A message without any Stmt/Rpt/Ntfctn is an error (the schema demands
//     one); an empty statement is not.
//   - Amounts are exact: decimals beyond the currency's minor unit are
//     accepted only when they are zeros ("18.150" EUR is 18.15, "5442.09000"
//     RON is 5442.09; "8.851" EUR is an error). Money is never rounded.
//   - Opening balance: OPBD, else PRCD. Closing: CLBD; in a camt.052 report
//     without CLBD, the last ITBD (interim booked). Available, forward and
//     information balances (CLAV, OPAV, FWAV, ITAV, INFO, XPCD) are not kept.
//     Balances keep their own currency; Statement.Check reports one that
//     differs from the account's.
//   - Dates are calendar dates as the bank wrote them: a DtTm keeps its date
//     part, whatever its time zone.
//   - An entry with one TxDtls is one Entry with the transaction's parties and
//     remittance. An entry with several (a batch) is one Entry with the booked
//     amount and Details holding one Entry per TxDtls, each with its own
//     amount (Amt, else AmtDtls/TxAmt) and sign (its CdtDbtInd, else the
//     entry's); Statement.Transactions flattens them for matching, and the
//     balance check adds the booked entries. Pending (PDNG) and information
//     (INFO) entries are kept with their Status and left out of the check.
//   - The counterparty is the party that is not the account holder: the
//     debtor of money in, the creditor of money out (a reversal turns that
//     round); when one side's account is the statement's account, the other
//     side is taken. AddtlNtryInf is the remittance when the bank gave no
//     RmtInf.
package camt

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"github.com/kredo-dev/kredo/internal/bank"
)

// MaxFileSize is the largest file Parse reads (256 MiB).
const MaxFileSize = 256 << 20

// NamespacePrefix starts the namespace of every camt message.
const NamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt."

// Parse reads every statement, report or notification of a camt file. name
// is used in errors and as each statement's Source.
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
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	p := &parser{file: name, dec: dec}
	if err := p.run(); err != nil {
		return nil, err
	}
	return p.out, nil
}

// FormatOf returns the bank.Format of a camt namespace ("camt.053" for
// urn:iso:std:iso:20022:tech:xsd:camt.053.001.02), or "" when the namespace
// is not one of camt.052, camt.053 or camt.054.
func FormatOf(namespace string) string {
	rest, ok := strings.CutPrefix(namespace, NamespacePrefix)
	if !ok || len(rest) < 9 || rest[3:8] != ".001." {
		return ""
	}
	if _, err := strconv.Atoi(rest[8:]); err != nil {
		return ""
	}
	switch rest[:3] {
	case "052":
		return bank.FormatCAMT052
	case "053":
		return bank.FormatCAMT053
	case "054":
		return bank.FormatCAMT054
	}
	return ""
}

// message and statement element names per format.
var (
	messageNames   = map[string]string{bank.FormatCAMT052: "BkToCstmrAcctRpt", bank.FormatCAMT053: "BkToCstmrStmt", bank.FormatCAMT054: "BkToCstmrDbtCdtNtfctn"}
	statementNames = map[string]string{bank.FormatCAMT052: "Rpt", bank.FormatCAMT053: "Stmt", bank.FormatCAMT054: "Ntfctn"}
)

type parser struct {
	file   string
	dec    *xml.Decoder
	format string
	out    []bank.Statement
	raw    bool     // past the Document start: read raw tokens, match end tags here
	stack  []string // names of the elements read() is inside, for error paths
}

func (p *parser) line() int {
	l, _ := p.dec.InputPos()
	return l
}

func (p *parser) fail(line int, path, format string, args ...any) error {
	return &bank.ParseError{File: p.file, Line: line, Field: path, Reason: fmt.Sprintf(format, args...)}
}

// token returns the next token, turning a syntax error into a ParseError.
// Inside the Document it reads raw tokens (namespace prefixes are not
// resolved; elements are matched by local name), which is twice as fast;
// end tags are then checked by end.
func (p *parser) token(path string) (xml.Token, error) {
	var t xml.Token
	var err error
	if p.raw {
		t, err = p.dec.RawToken()
	} else {
		t, err = p.dec.Token()
	}
	if err == nil {
		return t, nil
	}
	return nil, p.wrap(err, path)
}

// end checks that an end tag closes the element that was started.
func (p *parser) end(start xml.Name, end xml.EndElement, path string) error {
	if end.Name != start {
		return p.fail(p.line(), path, "malformed XML: element <%s> closed by </%s>", qname(start), qname(end.Name))
	}
	return nil
}

func qname(n xml.Name) string {
	if n.Space != "" && !strings.Contains(n.Space, ":") {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// wrap turns a decoder error into a ParseError.
func (p *parser) wrap(err error, path string) error {
	if err == io.EOF {
		return p.fail(p.line(), path, "the file ends before the document is complete (truncated?)")
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		if se.Msg == "unexpected EOF" {
			return p.fail(se.Line, path, "the file ends before the document is complete (truncated?)")
		}
		return p.fail(se.Line, path, "malformed XML: %s", se.Msg)
	}
	return p.fail(p.line(), path, "malformed XML: %v", err)
}

func (p *parser) run() error {
	// Find the Document, perhaps inside an envelope (BizMsgEnvlp with AppHdr).
	var doc xml.StartElement
	for {
		t, err := p.dec.Token()
		if err == io.EOF {
			return p.fail(0, "", "not a camt file: no Document element")
		}
		if err != nil {
			return p.wrap(err, "")
		}
		if se, ok := t.(xml.StartElement); ok && se.Name.Local == "Document" {
			doc = se
			break
		}
	}
	p.format = FormatOf(doc.Name.Space)
	if p.format == "" {
		ns := doc.Name.Space
		if ns == "" {
			ns = "none"
		}
		return p.fail(p.line(), "Document", "not a camt.052, camt.053 or camt.054 document (namespace %s)", ns)
	}
	p.raw = true
	docName := xml.Name{Local: "Document"}
	if i := strings.IndexByte(p.rawName(doc), ':'); i >= 0 {
		docName.Space = p.rawName(doc)[:i]
	}
	count := 0
	for {
		t, err := p.token("Document")
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			want := messageNames[p.format]
			if !strings.HasPrefix(t.Name.Local, want) {
				return p.fail(p.line(), "Document/"+t.Name.Local, "unexpected element: a %s document holds %s", p.format, want)
			}
			n, err := p.message(t)
			if err != nil {
				return err
			}
			count += n
		case xml.EndElement:
			if err := p.end(docName, t, "Document"); err != nil {
				return err
			}
			if count == 0 {
				return p.fail(p.line(), "Document/"+messageNames[p.format], "no %s element: the message has no statement", statementNames[p.format])
			}
			return p.rest()
		}
	}
}

// rest reads what follows the Document, to report truncated envelopes and
// malformed trailing XML.
func (p *parser) rest() error {
	for {
		t, err := p.dec.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return p.wrap(err, "")
		}
		if se, ok := t.(xml.StartElement); ok {
			return p.fail(p.line(), se.Name.Local, "unexpected element after the Document")
		}
	}
}

// message reads BkToCstmrStmt (or Rpt, Ntfctn) and returns how many
// statements it held.
func (p *parser) message(start xml.StartElement) (int, error) {
	base := "Document/" + start.Name.Local
	want := statementNames[p.format]
	count := 0
	for {
		t, err := p.token(base)
		if err != nil {
			return 0, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if t.Name.Local != want {
				if err := p.skip(t.Name, base+"/"+t.Name.Local); err != nil {
					return 0, err
				}
				continue
			}
			count++
			st, err := p.statement(t.Name, fmt.Sprintf("%s/%s[%d]", base, want, count))
			if err != nil {
				return 0, err
			}
			p.out = append(p.out, st)
		case xml.EndElement:
			return count, p.end(start.Name, t, base)
		}
	}
}

// skip reads past the element just started.
func (p *parser) skip(start xml.Name, path string) error {
	open := []xml.Name{start}
	for len(open) > 0 {
		t, err := p.token(path)
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			open = append(open, t.Name)
		case xml.EndElement:
			if err := p.end(open[len(open)-1], t, path); err != nil {
				return err
			}
			open = open[:len(open)-1]
		}
	}
	return nil
}

// read reads the element just started into a node tree; base is the path of
// the element itself.
func (p *parser) read(start xml.StartElement, base string) (*node, error) {
	p.stack = append(p.stack[:0], base)
	return p.readNode(start)
}

// path is the element path of the element readNode is in.
func (p *parser) path() string { return strings.Join(p.stack, "/") }

func (p *parser) readNode(start xml.StartElement) (*node, error) {
	n := &node{name: start.Name.Local, attrs: start.Attr, line: p.line()}
	if len(p.stack) > maxDepth {
		return nil, p.fail(n.line, p.path(), "elements nested deeper than %d", maxDepth)
	}
	var text []byte
	for {
		t, err := p.dec.RawToken()
		if err != nil {
			return nil, p.wrap(err, p.path())
		}
		switch t := t.(type) {
		case xml.StartElement:
			p.stack = append(p.stack, t.Name.Local)
			c, err := p.readNode(t)
			if err != nil {
				return nil, err
			}
			p.stack = p.stack[:len(p.stack)-1]
			n.children = append(n.children, c)
		case xml.CharData:
			if len(text) > 0 || len(bytes.TrimSpace(t)) > 0 { // skip indentation between elements
				text = append(text, t...)
			}
		case xml.EndElement:
			if t.Name != start.Name {
				return nil, p.end(start.Name, t, p.path())
			}
			if len(text) > 0 {
				n.text = strings.TrimSpace(string(text))
			}
			return n, nil
		}
	}
}

// rawName returns the element name as written (with its prefix).
func (p *parser) rawName(se xml.StartElement) string {
	for _, a := range se.Attr {
		if a.Name.Space == "xmlns" && a.Value == se.Name.Space {
			return a.Name.Local + ":" + se.Name.Local
		}
	}
	return se.Name.Local
}

// charsetReader decodes the encodings banks declare besides UTF-8.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return input, nil
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
		return charmap.ISO8859_1.NewDecoder().Reader(input), nil
	case "iso-8859-15", "iso8859-15", "latin-9", "latin9":
		return charmap.ISO8859_15.NewDecoder().Reader(input), nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(input), nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}
