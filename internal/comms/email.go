package comms

import (
	"html"
	"strconv"
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
	b.Grow(2048)
	var sp []span
	for i, bl := range r.blocks {
		if bl.kind != paragraph {
			if t := tableOf(r, bl.kind); t != nil {
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
			sp = spans(line, sp[:0])
			var ln strings.Builder
			for _, s := range sp {
				ln.WriteString(s.text)
			}
			wrap(&b, ln.String(), wrapWidth)
		}
	}
	b.WriteString("\n-- \n")
	for _, parts := range r.contactLines() {
		b.WriteString(strings.ReplaceAll(strings.Join(parts, " · "), string(tie), " "))
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
				b.WriteString(strings.Repeat(" ", pad))
				b.WriteString(c)
			} else if i < len(cells)-1 {
				b.WriteString(c)
				b.WriteString(strings.Repeat(" ", pad))
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
	b.WriteString(strings.Repeat("-", width))
	b.WriteByte('\n')
	for _, row := range t.rows {
		writeRow(row)
	}
	vw := 0
	for _, tr := range t.totals {
		vw = max(vw, utf8.RuneCountInString(tr.value))
	}
	b.WriteString(strings.Repeat("-", width))
	b.WriteByte('\n')
	for _, tr := range t.totals {
		lw := max(width-vw-2, utf8.RuneCountInString(tr.label))
		b.WriteString(strings.Repeat(" ", lw-utf8.RuneCountInString(tr.label)))
		b.WriteString(tr.label)
		b.WriteString("  ")
		b.WriteString(strings.Repeat(" ", vw-utf8.RuneCountInString(tr.value)))
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

// The HTML part's styles: inline, as Outlook and Gmail need them.
const (
	fontFamily = "font-family:Arial,Helvetica,sans-serif;"
	accent     = "#1f3a5f"
	styleP     = `style="margin:0 0 14px 0;` + fontFamily + `font-size:14px;line-height:21px;color:#222222"`
	styleTh    = fontFamily + "font-size:12px;font-weight:bold;color:#555555;padding:6px 8px;border-bottom:2px solid #d0d5dc;background:#f3f5f7;"
	styleTd    = fontFamily + "font-size:13px;color:#222222;padding:6px 8px;border-bottom:1px solid #e6e9ed;"
	styleTot   = fontFamily + "font-size:13px;color:#222222;padding:4px 8px;text-align:right;white-space:nowrap;"
)

// html renders the HTML part: a 600px card with the sender's name on top,
// the body, and the sender's details at the bottom. Everything from data
// is escaped.
func (r *rendered) html() string {
	var b strings.Builder
	b.Grow(8192)
	esc := html.EscapeString
	b.WriteString(`<!DOCTYPE html><html lang="` + esc(r.set.lang) + `"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width,initial-scale=1"><title>`)
	b.WriteString(esc(r.subject))
	b.WriteString(`</title></head><body style="margin:0;padding:0;background:#f3f5f7">` +
		`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f3f5f7"><tr><td align="center" style="padding:24px 12px">` +
		`<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="width:600px;max-width:100%;border:1px solid #dde1e6">` +
		`<tr><td style="padding:20px 32px;border-bottom:3px solid ` + accent + `;` + fontFamily + `font-size:20px;font-weight:bold;color:` + accent + `">`)
	b.WriteString(esc(r.data.Entity.Name))
	b.WriteString(`</td></tr><tr><td style="padding:24px 32px 10px 32px">`)
	var sp []span
	for _, bl := range r.blocks {
		if bl.kind != paragraph {
			if t := tableOf(r, bl.kind); t != nil {
				t.writeHTML(&b)
			}
			continue
		}
		b.WriteString(`<p ` + styleP + `>`)
		for i, line := range bl.lines {
			if i > 0 {
				b.WriteString("<br>")
			}
			sp = spans(line, sp[:0])
			for _, s := range sp {
				text := tiedHTML(esc(s.text))
				switch {
				case s.link:
					b.WriteString(`<a href="` + text + `" style="color:` + accent + `;text-decoration:underline">` + text + `</a>`)
				case s.bold:
					b.WriteString("<strong>" + text + "</strong>")
				default:
					b.WriteString(text)
				}
			}
		}
		b.WriteString("</p>")
	}
	b.WriteString(`</td></tr><tr><td style="padding:16px 32px;background:#f8f9fa;border-top:1px solid #dde1e6;` + fontFamily + `font-size:12px;line-height:18px;color:#666666">`)
	for i, parts := range r.contactLines() {
		if i > 0 {
			b.WriteString("<br>")
		}
		if i == 0 {
			b.WriteString("<strong>")
		}
		for j, p := range parts {
			if j > 0 {
				b.WriteString(" &middot; ")
			}
			b.WriteString(esc(strings.ReplaceAll(p, string(tie), " ")))
		}
		if i == 0 {
			b.WriteString("</strong>")
		}
	}
	b.WriteString(`</td></tr></table></td></tr></table></body></html>`)
	return b.String()
}

// writeHTML writes the table as an HTML table with right-aligned amounts.
func (t *table) writeHTML(b *strings.Builder) {
	esc := html.EscapeString
	if t.caption != "" {
		b.WriteString(`<p style="margin:0 0 6px 0;` + fontFamily + `font-size:12px;line-height:18px;color:#666666">` + esc(t.caption) + `</p>`)
	}
	b.WriteString(`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:4px 0 18px 0"><tr>`)
	align := func(i int) string {
		if t.right[i] {
			return "text-align:right;white-space:nowrap;"
		}
		return "text-align:left;"
	}
	for i, h := range t.head {
		b.WriteString(`<th style="` + styleTh + align(i) + `">` + esc(h) + `</th>`)
	}
	b.WriteString("</tr>")
	for _, row := range t.rows {
		b.WriteString("<tr>")
		for i, c := range row {
			b.WriteString(`<td style="` + styleTd + align(i) + `">` + esc(c) + `</td>`)
		}
		b.WriteString("</tr>")
	}
	span := len(t.head) - 1
	for _, tr := range t.totals {
		style := styleTot
		if tr.strong {
			style += "font-weight:bold;border-top:2px solid #d0d5dc;"
		}
		b.WriteString(`<tr><td colspan="` + strconv.Itoa(span) + `" style="` + style + `">` + esc(tr.label) +
			`</td><td style="` + style + `">` + esc(tr.value) + `</td></tr>`)
	}
	b.WriteString("</table>")
}

// tiedHTML keeps words joined by ties (an IBAN's groups) on one line with
// a nowrap span, so a copied IBAN still has plain spaces.
func tiedHTML(s string) string {
	if !strings.ContainsRune(s, tie) {
		return s
	}
	words := strings.Split(s, " ")
	for i, w := range words {
		if strings.ContainsRune(w, tie) {
			words[i] = `<span style="white-space:nowrap">` + strings.ReplaceAll(w, string(tie), " ") + `</span>`
		}
	}
	return strings.Join(words, " ")
}
