package ubl

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// node is one element of the document, namespaces resolved. Only the header
// elements that the extractor reads are kept (see keep); everything else is
// still read, so the whole file must be well-formed, but not stored.
type node struct {
	name  xml.Name
	attrs []xml.Attr
	text  []byte
	kids  []*node
}

func cbc(local string) xml.Name { return xml.Name{Space: NSCBC, Local: local} }
func cac(local string) xml.Name { return xml.Name{Space: NSCAC, Local: local} }

// keep lists the children of the document element that are stored.
var keep = map[xml.Name]bool{
	cbc("CustomizationID"): true, cbc("ProfileID"): true, cbc("ID"): true,
	cbc("IssueDate"): true, cbc("DueDate"): true, cbc("InvoiceTypeCode"): true,
	cbc("CreditNoteTypeCode"): true, cbc("Note"): true, cbc("DocumentCurrencyCode"): true,
	cbc("BuyerReference"): true, cac("OrderReference"): true, cac("BillingReference"): true,
	cac("AccountingSupplierParty"): true, cac("AccountingCustomerParty"): true,
	cac("PaymentMeans"): true, cac("PaymentTerms"): true, cac("LegalMonetaryTotal"): true,
}

// all returns the children named name.
func (n *node) all(name xml.Name) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// get follows a path of child names, taking the first match at each step.
func (n *node) get(path ...xml.Name) *node {
	for _, name := range path {
		if n == nil {
			return nil
		}
		var next *node
		for _, k := range n.kids {
			if k.name == name {
				next = k
				break
			}
		}
		n = next
	}
	return n
}

// value returns the trimmed text of n ("" for a missing node).
func (n *node) value() string {
	if n == nil {
		return ""
	}
	return strings.TrimSpace(string(n.text))
}

// attr returns the trimmed value of the unqualified attribute local.
func (n *node) attr(local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

func isUBLRoot(n xml.Name) bool {
	return n == xml.Name{Space: NSInvoice, Local: "Invoice"} ||
		n == xml.Name{Space: NSCreditNote, Local: "CreditNote"}
}

// trackReader remembers the last error of the underlying reader, to tell a
// failing reader apart from malformed input.
type trackReader struct {
	r   io.Reader
	err error
}

func (t *trackReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && err != io.EOF {
		t.err = err
	}
	return n, err
}

// treeReader turns the token stream into the document tree.
type treeReader struct {
	dec  *xml.Decoder
	src  *trackReader
	file string
}

// readTree reads the whole input and returns the Invoice or CreditNote
// element, unwrapped from an SBDH envelope if there is one.
func readTree(r io.Reader, file string) (*node, error) {
	src := &trackReader{r: r}
	dec := xml.NewDecoder(src)
	dec.CharsetReader = charsetReader
	t := &treeReader{dec: dec, src: src, file: file}
	var root *node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if root == nil {
				return nil, t.invalid(FieldXML, "no document element")
			}
			return root, nil
		}
		if err != nil {
			return nil, t.syntax(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root != nil {
				return nil, t.invalid(FieldXML, "content after the document element")
			}
			if root, err = t.readRoot(tok); err != nil {
				return nil, err
			}
		case xml.CharData:
			if len(bytes.TrimSpace(tok)) > 0 {
				return nil, t.invalid(FieldXML, "text outside the document element")
			}
		}
	}
}

// readRoot reads the document element, or the SBDH envelope around it.
func (t *treeReader) readRoot(start xml.StartElement) (*node, error) {
	if isUBLRoot(start.Name) {
		return t.build(start)
	}
	if start.Name != (xml.Name{Space: NSSBDH, Local: "StandardBusinessDocument"}) {
		return nil, t.invalid(FieldRoot, "not a UBL invoice or credit note (document element is "+describe(start.Name)+")")
	}
	var doc *node
	for {
		tok, err := t.dec.Token()
		if err != nil {
			return nil, t.syntax(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch {
			case tok.Name.Space == NSSBDH: // StandardBusinessDocumentHeader
				if err := t.dec.Skip(); err != nil {
					return nil, t.syntax(err)
				}
			case !isUBLRoot(tok.Name):
				return nil, t.invalid(FieldRoot, "not a UBL invoice or credit note (SBDH envelope holds "+describe(tok.Name)+")")
			case doc != nil:
				return nil, t.invalid(FieldRoot, "SBDH envelope holds more than one document")
			default:
				if doc, err = t.build(tok); err != nil {
					return nil, err
				}
			}
		case xml.EndElement:
			if doc == nil {
				return nil, t.invalid(FieldRoot, "not a UBL invoice or credit note (SBDH envelope holds no document)")
			}
			return doc, nil
		}
	}
}

// build reads the element started by start into a tree, without recursion.
func (t *treeReader) build(start xml.StartElement) (*node, error) {
	root := &node{name: start.Name, attrs: start.Attr}
	stack := []*node{root}
	for {
		tok, err := t.dec.Token()
		if err != nil {
			return nil, t.syntax(err)
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) == 1 && !keep[tok.Name] {
				if err := t.dec.Skip(); err != nil {
					return nil, t.syntax(err)
				}
				continue
			}
			n := &node{name: tok.Name, attrs: tok.Attr}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return root, nil
			}
		case xml.CharData:
			if len(stack) > 1 { // text directly in the document element is ignorable
				top.text = append(top.text, tok...)
			}
		}
	}
}

func (t *treeReader) invalid(field, reason string) error {
	return &ValidationError{File: t.file, Field: field, Reason: reason}
}

// syntax converts a decoder error into a ValidationError (or a read error
// when the reader itself failed).
func (t *treeReader) syntax(err error) error {
	if t.src.err != nil {
		return readError(t.file, t.src.err)
	}
	var enc *encodingError
	if errors.As(err, &enc) {
		return t.invalid(FieldXML, enc.Error())
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return t.invalid(FieldXML, fmt.Sprintf("malformed XML at line %d: %s", se.Line, se.Msg))
	}
	line, _ := t.dec.InputPos()
	return t.invalid(FieldXML, fmt.Sprintf("malformed XML at line %d: %s", line, strings.TrimPrefix(err.Error(), "xml: ")))
}

// describe names an element for an error message.
func describe(n xml.Name) string {
	if n.Space == "" {
		return "<" + n.Local + "> without namespace"
	}
	return "<" + n.Local + "> in namespace " + n.Space
}

// charsetReader supports the single-byte encodings ERP exports declare
// besides UTF-8. ISO-8859-1 is read as windows-1252, as browsers do, since
// such files routinely hold a euro sign at 0x80.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return input, nil
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "windows-1252", "cp1252":
		return &byteDecoder{r: input, table: &cp1252}, nil
	case "iso-8859-15", "iso8859-15", "latin9", "latin-9":
		return &byteDecoder{r: input, table: &latin9}, nil
	}
	return nil, &encodingError{label}
}

// encodingError reports an encoding that charsetReader does not know.
type encodingError struct{ label string }

func (e *encodingError) Error() string {
	return fmt.Sprintf("unsupported encoding %q (use UTF-8)", e.label)
}

// cp1252 and latin9 map bytes 0x80-0xFF to runes.
var cp1252, latin9 [128]rune

func init() {
	for i := range cp1252 {
		cp1252[i] = rune(0x80 + i)
		latin9[i] = rune(0x80 + i)
	}
	for i, r := range []rune{0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019,
		0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153,
		0x9D, 0x017E, 0x0178} {
		cp1252[i] = r
	}
	for b, r := range map[byte]rune{0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D,
		0xB8: 0x017E, 0xBC: 0x0152, 0xBD: 0x0153, 0xBE: 0x0178} {
		latin9[b-0x80] = r
	}
}

// byteDecoder converts a single-byte encoding to UTF-8.
type byteDecoder struct {
	r     io.Reader
	table *[128]rune
	out   []byte // converted bytes, out[pos:] not yet returned
	pos   int
	in    [1024]byte
}

func (d *byteDecoder) Read(p []byte) (int, error) {
	for d.pos == len(d.out) {
		d.out, d.pos = d.out[:0], 0
		n, err := d.r.Read(d.in[:])
		for _, b := range d.in[:n] {
			if b < 0x80 {
				d.out = append(d.out, b)
			} else {
				d.out = utf8.AppendRune(d.out, d.table[b-0x80])
			}
		}
		if n == 0 && err != nil {
			return 0, err
		}
	}
	n := copy(p, d.out[d.pos:])
	d.pos += n
	return n, nil
}
