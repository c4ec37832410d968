package comms

import (
	"strings"
	"unicode/utf8"
)

// Email renders a letter as an e-mail: the subject, a plain-text part and
// an HTML part with the same content.
func (t *Templates) Email(l Letter) (Email, error) {
	r, err := t.render(&l)
	if err != nil {
		return Email{}, err
	}
	return Email{Subject: r.subject, Text: r.text(), HTML: r.html()}, nil
}

// wrapWidth is where the plain-text part wraps its paragraphs.
const wrapWidth = 76

// text renders the plain-text part: paragraphs wrapped, tables aligned in
// columns, the sender's details at the bottom.
func (r *rendered) text() string {
	var b strings.Builder
	b.Grow(4096)
	var sp []span
	var buf []byte
	for i, bl := range r.blocks {
		if bl.kind != paragraph {
			if t := r.table(bl.kind); t != nil {
				if i > 0 {
					b.WriteByte('\n')
				}
				t.writeText(&b)
			}
			continue
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, line := range bl.lines {
			if strings.ContainsAny(line, "\x02\x03\x04\x05") {
				buf = buf[:0]
				for _, s := range spans(line, sp[:0]) {
					buf = append(buf, s.text...)
				}
				line = string(buf)
			}
			wrap(&b, line, wrapWidth)
		}
	}
	b.WriteString("\n-- \n")
	for _, parts := range r.contact() {
		for i, p := range parts {
			if i > 0 {
				b.WriteString(" · ")
			}
			b.WriteString(strings.ReplaceAll(p, string(tie), " "))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// wrap writes one line, broken at spaces before width runes; ties keep
// their words together and become spaces.
func wrap(b *strings.Builder, line string, width int) {
	for utf8.RuneCountInString(line) > width {
		cut, n := -1, 0
		for i, r := range line {
			if n > width && cut >= 0 {
				break
			}
			if r == ' ' {
				cut = i
			}
			n++
		}
		if cut <= 0 {
			break // one long word (a link): leave it whole
		}
		b.WriteString(strings.ReplaceAll(line[:cut], string(tie), " "))
		b.WriteByte('\n')
		line = line[cut+1:]
	}
	b.WriteString(strings.ReplaceAll(line, string(tie), " "))
	b.WriteByte('\n')
}

// writeText writes the table in aligned columns with the totals under
// the last column.
func (t *table) writeText(b *strings.Builder) {
	w := make([]int, len(t.head))
	for i, h := range t.head {
		w[i] = utf8.RuneCountInString(h)
	}
	for _, row := range t.rows {
		for i, c := range row {
			w[i] = max(w[i], utf8.RuneCountInString(c))
		}
	}
	width := 2 * (len(w) - 1)
	for _, n := range w {
		width += n
	}
	writeRow := func(cells []string) {
		for i, c := range cells {
			pad := w[i] - utf8.RuneCountInString(c)
			if i > 0 {
				b.WriteString("  ")
			}
			if t.right[i] {
				repeat(b, ' ', pad)
				b.WriteString(c)
			} else if i < len(cells)-1 {
				b.WriteString(c)
				repeat(b, ' ', pad)
			} else {
				b.WriteString(c)
			}
		}
		b.WriteByte('\n')
	}
	if t.caption != "" {
		b.WriteString(t.caption)
		b.WriteByte('\n')
	}
	writeRow(t.head)
	repeat(b, '-', width)
	b.WriteByte('\n')
	for _, row := range t.rows {
		writeRow(row)
	}
	vw := 0
	for _, tr := range t.totals {
		vw = max(vw, utf8.RuneCountInString(tr.value))
	}
	repeat(b, '-', width)
	b.WriteByte('\n')
	for _, tr := range t.totals {
		lw := max(width-vw-2, utf8.RuneCountInString(tr.label))
		repeat(b, ' ', lw-utf8.RuneCountInString(tr.label))
		b.WriteString(tr.label)
		b.WriteString("  ")
		repeat(b, ' ', vw-utf8.RuneCountInString(tr.value))
		b.WriteString(tr.value)
		b.WriteByte('\n')
	}
}

// contactLines are the sender's details, a line each as parts: name;
// address; phone, e-mail and website; registration, VAT and IBANs.
func (r *rendered) contactLines() [][]string {
	e, lab := r.data.Entity, r.set.labels
	var lines [][]string
	add := func(parts ...string) {
		var keep []string
		for _, p := range parts {
			if strings.TrimSpace(p) != "" {
				keep = append(keep, p)
			}
		}
		if len(keep) > 0 {
			lines = append(lines, keep)
		}
	}
	add(e.Name)
	add(e.Address, joinSpace(e.PostalCode, e.City))
	add(prefixed(lab.get("phone"), e.Phone), e.Email, e.Website)
	ibans := make([]string, len(e.IBANs))
	for i, iban := range e.IBANs {
		ibans[i] = strings.ReplaceAll(FormatIBAN(iban), " ", string(tie))
	}
	add(prefixed(lab.coc(e.Country), e.CoC), prefixed(lab.get("vat"), e.VAT), prefixed("IBAN", strings.Join(ibans, ", ")))
	return lines
}

// prefixed returns "label value", or "" without a value.
func prefixed(label, value string) string {
	if value == "" {
		return ""
	}
	return label + " " + value
}

// joinSpace joins the non-empty parts with a space.
func joinSpace(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, " ")
}

// repeat writes n copies of c (nothing when n <= 0).
func repeat(b *strings.Builder, c byte, n int) {
	for ; n > 0; n-- {
		b.WriteByte(c)
	}
}
