package comms

import (
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// addressLines is the recipient's address as a window shows it: the name,
// the contact (for a business), street, postcode and city (a British
// postcode on its own line) and the country when it is abroad.
func (r *rendered) addressLines() []string {
	c, lab := r.data.Customer, r.set.labels
	lines := []string{c.Name}
	if r.data.Contact != "" && !r.letter.Consumer && r.data.Contact != c.Name {
		lines = append(lines, attention(lab.get("attn"), r.data.Contact))
	}
	if c.Address != "" {
		lines = append(lines, c.Address)
	}
	if c.Country == "GB" {
		lines = append(lines, nonEmpty(strings.ToUpper(c.City), c.PostalCode)...)
	} else if s := joinSpace(c.PostalCode, c.City); s != "" {
		lines = append(lines, s)
	}
	if c.Country != "" && c.Country != r.data.Entity.Country {
		lines = append(lines, strings.ToUpper(lab.country(c.Country)))
	}
	return lines
}

// nonEmpty returns the non-empty strings.
func nonEmpty(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// fit shortens s (already in cp1252) until it fits width in the current font.
func fit(f *fpdf.Fpdf, s string, width float64) string {
	if f.GetStringWidth(s) <= width {
		return s
	}
	for len(s) > 1 && f.GetStringWidth(s+"...") > width {
		s = s[:len(s)-1]
	}
	return s + "..."
}

// body writes the paragraphs and tables.
func (d *pdfDoc) body(r *rendered) {
	f := d.f
	var sp []span
	n := len(r.blocks)
	for i, bl := range r.blocks {
		if bl.kind != paragraph {
			if t := r.table(bl.kind); t != nil {
				d.table(t)
			}
			continue
		}
		// keep a short paragraph on one page, and the closing with the
		// signature under it
		lines := d.lineCount(bl)
		if i == n-2 && r.blocks[n-1].kind == paragraph {
			lines += d.lineCount(r.blocks[n-1])
		}
		if lines <= 8 && f.GetY()+float64(lines)*lineHeight > 297-marginBottom {
			f.AddPage()
		}
		for _, line := range bl.lines {
			f.SetX(marginLeft)
			sp = spans(line, sp[:0])
			for _, s := range sp {
				style := ""
				if s.bold {
					style = "B"
				}
				if s.link {
					d.font(style, 10, colAccent)
					f.WriteLinkString(lineHeight, toCP1252(s.text), s.text)
					continue
				}
				d.font(style, 10, colText)
				f.Write(lineHeight, toCP1252(s.text))
			}
			f.Ln(lineHeight)
		}
		f.Ln(2.2)
	}
}

// table writes a table with right-aligned amounts; on a page break the
// heading row repeats.
func (d *pdfDoc) table(t *table) {
	f := d.f
	n := len(t.head)
	w := make([]float64, n)
	d.font("B", 8.5, colText)
	for i, h := range t.head {
		w[i] = f.GetStringWidth(toCP1252(h)) + 4
	}
	d.font("", 9, colText)
	for _, row := range t.rows {
		for i, c := range row {
			w[i] = max(w[i], f.GetStringWidth(toCP1252(c))+4)
		}
	}
	d.font("B", 9, colText)
	for _, tr := range t.totals {
		w[n-1] = max(w[n-1], f.GetStringWidth(toCP1252(tr.value))+4)
	}
	sum := 0.0
	for _, v := range w {
		sum += v
	}
	if sum < textWidth {
		w[0] += textWidth - sum
	} else {
		for i := range w {
			w[i] *= textWidth / sum
		}
	}
	align := func(i int) string {
		if t.right[i] {
			return "R"
		}
		return "L"
	}
	head := func() {
		d.font("B", 8.5, colText)
		f.SetFillColor(colFill[0], colFill[1], colFill[2])
		f.SetDrawColor(colRule[0], colRule[1], colRule[2])
		f.SetLineWidth(0.3)
		f.SetX(marginLeft)
		for i, h := range t.head {
			f.CellFormat(w[i], 6.5, toCP1252(h), "B", 0, align(i), true, 0, "")
		}
		f.Ln(6.5)
	}
	f.SetY(f.GetY() + 1)
	head()
	for _, row := range t.rows {
		if f.GetY()+5.5 > 297-marginBottom {
			f.AddPage()
			head()
		}
		d.font("", 9, colText)
		f.SetDrawColor(0xe6, 0xe9, 0xed)
		f.SetLineWidth(0.2)
		f.SetX(marginLeft)
		for i, c := range row {
			f.CellFormat(w[i], 5.5, toCP1252(c), "B", 0, align(i), false, 0, "")
		}
		f.Ln(5.5)
	}
	if f.GetY()+5.5*float64(len(t.totals))+1 > 297-marginBottom {
		f.AddPage()
	}
	f.SetY(f.GetY() + 1)
	for _, tr := range t.totals {
		style, border := "", ""
		if tr.strong {
			style, border = "B", "T"
			f.SetDrawColor(colRule[0], colRule[1], colRule[2])
			f.SetLineWidth(0.4)
		}
		d.font(style, 9, colText)
		f.SetX(marginLeft)
		f.CellFormat(textWidth-w[n-1], 5.5, toCP1252(tr.label), border, 0, "R", false, 0, "")
		f.CellFormat(w[n-1], 5.5, toCP1252(tr.value), border, 1, "R", false, 0, "")
	}
	f.Ln(4)
}

// lineCount estimates how many printed lines a paragraph takes.
func (d *pdfDoc) lineCount(bl block) int {
	d.font("", 10, colText)
	n := 0
	var sp []span
	for _, line := range bl.lines {
		w := 0.0
		for _, s := range spans(line, sp[:0]) {
			w += d.f.GetStringWidth(toCP1252(s.text))
		}
		n += 1 + int(w*1.05/textWidth)
	}
	return n
}

// attention writes "t.a.v. Name"; French elides "de" before a vowel
// ("À l'attention d'Anna Martin").
func attention(label, name string) string {
	if base, ok := strings.CutSuffix(label, " de"); ok && name != "" && strings.ContainsRune("AEIOUYÀÂÉÈÊÎÏÔÛaeiouyàâéèêîïôû", []rune(name)[0]) {
		return base + " d'" + name
	}
	return label + " " + name
}
