package comms

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// PDF renders a letter as an A4 PDF on the entity's letterhead, with the
// address where a window envelope shows it. The same letter renders to the
// same bytes: the document dates are the letter's date.
func (t *Templates) PDF(l Letter) ([]byte, error) {
	r, err := t.render(&l)
	if err != nil {
		return nil, err
	}
	d := newDoc(r.subject, r.data.Entity.Name, l.Date, r.set.lang)
	d.letter(r)
	return d.output()
}

// PrintBatch renders the letters of a run as one PDF for the printer:
// each letter starts on a new page and numbers its own pages.
func (t *Templates) PrintBatch(letters []Letter) ([]byte, error) {
	if len(letters) == 0 {
		return nil, ledger.Errorf(ledger.ErrInvalid, "print batch: no letters")
	}
	rs := make([]*rendered, len(letters))
	var last ledger.Date
	for i := range letters {
		r, err := t.render(&letters[i])
		if err != nil {
			return nil, fmt.Errorf("print batch: letter %d (customer %s): %w", i+1, letters[i].Customer.Number, err)
		}
		rs[i] = r
		if letters[i].Date.After(last) {
			last = letters[i].Date
		}
	}
	title := fmt.Sprintf("Print batch %s (%d letters)", last, len(letters))
	d := newDoc(title, rs[0].data.Entity.Name, last, rs[0].set.lang)
	for _, r := range rs {
		d.letter(r)
	}
	return d.output()
}

// Page geometry in mm: DIN 5008 / NEN 1026 margins, the address block in
// the window of a DL or C5 window envelope.
const (
	marginLeft   = 25.0
	marginRight  = 20.0
	textWidth    = 210 - marginLeft - marginRight
	marginBottom = 30.0
	addressTop   = 51.0 // the recipient's first line; the return line sits above it
	addressWidth = 85.0
	lineHeight   = 4.7
)

// Colours (RGB).
var (
	colAccent = [3]int{0x1f, 0x3a, 0x5f}
	colGrey   = [3]int{0x66, 0x66, 0x66}
	colRule   = [3]int{0xd0, 0xd5, 0xdc}
	colFill   = [3]int{0xf3, 0xf5, 0xf7}
	colText   = [3]int{0x22, 0x22, 0x22}
)

// pdfDoc is a document being written: one letter, or a batch of them.
type pdfDoc struct {
	f     *fpdf.Fpdf
	cur   *rendered // the letter on the current page
	next  *rendered // the letter the next page starts
	first int       // the current letter's first page
	seq   int       // letters so far, for the page-count alias
}

// newDoc starts a document with fixed metadata.
func newDoc(title, author string, date ledger.Date, lang string) *pdfDoc {
	f := fpdf.New("P", "mm", "A4", "")
	d := &pdfDoc{f: f}
	f.SetMargins(marginLeft, 20, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetCatalogSort(true)
	tm := date.Time()
	if date.IsZero() {
		tm = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.SetCreationDate(tm)
	f.SetModificationDate(tm)
	f.SetTitle(title, true)
	f.SetAuthor(author, true)
	f.SetCreator("Kredo", false)
	f.SetLang(lang)
	f.SetHeaderFuncMode(d.header, false)
	f.SetFooterFunc(d.footer)
	return d
}

// output closes the document and returns its bytes.
func (d *pdfDoc) output() ([]byte, error) {
	d.finishLetter()
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// alias is the placeholder of a letter's page count, replaced at output.
func (d *pdfDoc) alias() string { return "{kp" + strconv.Itoa(d.seq) + "}" }

// finishLetter fixes the page count of the letter that ends on page last.
func (d *pdfDoc) finishLetter() {
	if d.cur != nil {
		last := d.f.PageNo()
		if d.next != nil {
			last-- // called from the header of the next letter's first page
		}
		d.f.RegisterAlias(d.alias(), strconv.Itoa(last-d.first+1))
	}
}

// font sets the font and text colour.
func (d *pdfDoc) font(style string, size float64, c [3]int) {
	d.f.SetFont("Helvetica", style, size)
	d.f.SetTextColor(c[0], c[1], c[2])
}

// header starts a letter on its first page, or draws the short header of a
// continuation page.
func (d *pdfDoc) header() {
	if d.next != nil {
		d.finishLetter()
		d.cur, d.next = d.next, nil
		d.seq++
		d.first = d.f.PageNo()
		return
	}
	r := d.cur
	d.font("B", 9, colAccent)
	d.f.SetXY(marginLeft, 12)
	d.f.CellFormat(textWidth/2, 5, toCP1252(r.data.Entity.Name), "", 0, "L", false, 0, "")
	d.font("", 8, colGrey)
	d.f.CellFormat(textWidth/2, 5, toCP1252(r.data.Customer.Name+" · "+FormatDate(r.set.lang, r.letter.Date)), "", 0, "R", false, 0, "")
	d.rule(marginLeft, 18, 210-marginRight, 18, colRule, 0.2)
	d.f.SetXY(marginLeft, 24)
}

// footer writes the sender's details and the page number of the letter.
func (d *pdfDoc) footer() {
	r := d.cur
	if r == nil {
		return
	}
	d.rule(marginLeft, 277, 210-marginRight, 277, colRule, 0.2)
	d.font("", 7, colGrey)
	y := 279.0
	for _, parts := range r.contact() {
		d.f.SetXY(marginLeft, y)
		d.f.CellFormat(textWidth-32, 3.2, toCP1252(strings.Join(parts, " · ")), "", 0, "L", false, 0, "")
		y += 3.2
	}
	page := strings.NewReplacer("{page}", strconv.Itoa(d.f.PageNo()-d.first+1), "{pages}", d.alias()).
		Replace(r.set.labels.get("page"))
	d.f.SetXY(210-marginRight-30, 279)
	d.f.CellFormat(30, 3.2, toCP1252(page), "", 0, "L", false, 0, "")
}

// rule draws a line.
func (d *pdfDoc) rule(x1, y1, x2, y2 float64, c [3]int, w float64) {
	d.f.SetDrawColor(c[0], c[1], c[2])
	d.f.SetLineWidth(w)
	d.f.Line(x1, y1, x2, y2)
}

// letter writes one letter, starting on a new page.
func (d *pdfDoc) letter(r *rendered) {
	d.next = r
	d.f.AddPage()
	d.letterhead(r)
	d.body(r)
}

// letterhead writes the first page's head: the sender, the return line and
// the address in the envelope window, the reference line and the subject.
func (d *pdfDoc) letterhead(r *rendered) {
	f, e, lab := d.f, r.data.Entity, r.set.labels
	size := 17.0
	d.font("B", size, colAccent)
	name := toCP1252(e.Name)
	for size > 10 && f.GetStringWidth(name) > 105 {
		size--
		f.SetFontSize(size)
	}
	f.SetXY(marginLeft, 14)
	f.CellFormat(105, 8, name, "", 0, "L", false, 0, "")
	d.font("", 8, colGrey)
	y := 14.0
	for _, s := range []string{e.Address, joinSpace(e.PostalCode, e.City), prefixed(lab.get("phone"), e.Phone), e.Email, e.Website} {
		if s != "" {
			f.SetXY(210-marginRight-60, y)
			f.CellFormat(60, 3.7, toCP1252(s), "", 0, "R", false, 0, "")
			y += 3.7
		}
	}
	d.rule(marginLeft, 37, 210-marginRight, 37, colAccent, 0.5)

	// the return line and the address, in the window
	d.font("", 6.5, colGrey)
	f.SetXY(marginLeft, addressTop-5)
	ret := strings.Join(nonEmpty(e.Name, e.Address, joinSpace(e.PostalCode, e.City)), " · ")
	f.CellFormat(addressWidth, 3.5, fit(f, toCP1252(ret), addressWidth), "B", 0, "L", false, 0, "")
	d.font("", 10, colText)
	f.SetXY(marginLeft, addressTop)
	// a long line wraps once (a window shows about nine lines), then is cut
	for _, s := range r.addressLines() {
		parts := f.SplitLines([]byte(toCP1252(s)), addressWidth)
		if len(parts) > 2 {
			parts[1] = append(parts[1], ' ')
			parts[1] = append(parts[1], bytes.Join(parts[2:], []byte(" "))...)
			parts = parts[:2]
		}
		for _, p := range parts {
			f.SetX(marginLeft)
			f.CellFormat(addressWidth, 4.6, fit(f, string(p), addressWidth), "", 2, "L", false, 0, "")
		}
	}

	// the reference line
	type ref struct{ label, value string }
	refs := []ref{{lab.get("date"), FormatLongDate(r.set.lang, r.letter.Date)}, {lab.get("customer_number"), r.data.Customer.Number},
		{lab.get("reference"), r.data.PaymentRef}}
	if !r.letter.PayBy.IsZero() && r.letter.Template != PlanConfirmation {
		refs = append(refs, ref{lab.get("pay_by"), FormatDate(r.set.lang, r.letter.PayBy)})
	}
	x := marginLeft
	w := textWidth / float64(len(refs))
	for _, rf := range refs {
		d.font("", 7, colGrey)
		f.SetXY(x, 92)
		f.CellFormat(w, 3.5, toCP1252(rf.label), "", 0, "L", false, 0, "")
		d.font("", 9.5, colText)
		f.SetXY(x, 95.5)
		f.CellFormat(w, 4.5, fit(f, toCP1252(rf.value), w-2), "", 0, "L", false, 0, "")
		x += w
	}

	// the subject
	d.font("B", 11.5, colText)
	f.SetXY(marginLeft, 106)
	f.MultiCell(textWidth, 5.5, toCP1252(r.subject), "", "L", false)
	f.SetY(f.GetY() + 4)
}
