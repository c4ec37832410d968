package comms

import (
	"strconv"
	"strings"
)

// The HTML part's styles: inline, as Outlook and Gmail need them.
const (
	fontFamily = "font-family:Arial,Helvetica,sans-serif;"
	accent     = "#1f3a5f"
	openP      = `<p style="margin:0 0 14px 0;` + fontFamily + `font-size:14px;line-height:21px;color:#222222">`
	styleTh    = fontFamily + "font-size:12px;font-weight:bold;color:#555555;padding:6px 8px;border-bottom:2px solid #d0d5dc;background:#f3f5f7;"
	styleTd    = fontFamily + "font-size:13px;color:#222222;padding:6px 8px;border-bottom:1px solid #e6e9ed;"
	styleTot   = fontFamily + "font-size:13px;color:#222222;padding:4px 8px;text-align:right;white-space:nowrap;"
	alignLeft  = "text-align:left;"
	alignRight = "text-align:right;white-space:nowrap;"
	openLink   = `<a style="color:` + accent + `;text-decoration:underline" href="`

	htmlHead = `<!DOCTYPE html><html lang="`
	htmlMeta = `"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>`
	htmlCard = `</title></head><body style="margin:0;padding:0;background:#f3f5f7">` +
		`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f3f5f7"><tr><td align="center" style="padding:24px 12px">` +
		`<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="width:600px;max-width:100%;border:1px solid #dde1e6">` +
		`<tr><td style="padding:20px 32px;border-bottom:3px solid ` + accent + `;` + fontFamily + `font-size:20px;font-weight:bold;color:` + accent + `">`
	htmlBody   = `</td></tr><tr><td style="padding:24px 32px 10px 32px">`
	htmlFooter = `</td></tr><tr><td style="padding:16px 32px;background:#f8f9fa;border-top:1px solid #dde1e6;` + fontFamily + `font-size:12px;line-height:18px;color:#666666">`
	htmlEnd    = `</td></tr></table></td></tr></table></body></html>`
	openTable  = `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:4px 0 18px 0"><tr>`
	openCapt   = `<p style="margin:0 0 6px 0;` + fontFamily + `font-size:12px;line-height:18px;color:#666666">`
)

// html renders the HTML part: a 600px card with the sender's name on top,
// the body, and the sender's details at the bottom. Everything from data
// is escaped.
func (r *rendered) html() string {
	var b strings.Builder
	b.Grow(12288)
	b.WriteString(htmlHead)
	escape(&b, r.set.lang)
	b.WriteString(htmlMeta)
	escape(&b, r.subject)
	b.WriteString(htmlCard)
	escape(&b, r.data.Entity.Name)
	b.WriteString(htmlBody)
	var sp []span
	for _, bl := range r.blocks {
		if bl.kind != paragraph {
			if t := r.table(bl.kind); t != nil {
				t.writeHTML(&b)
			}
			continue
		}
		b.WriteString(openP)
		for i, line := range bl.lines {
			if i > 0 {
				b.WriteString("<br>")
			}
			sp = spans(line, sp[:0])
			for _, s := range sp {
				switch {
				case s.link:
					b.WriteString(openLink)
					escape(&b, s.text)
					b.WriteString(`">`)
					escape(&b, s.text)
					b.WriteString("</a>")
				case s.bold:
					b.WriteString("<strong>")
					escapeTied(&b, s.text)
					b.WriteString("</strong>")
				default:
					escapeTied(&b, s.text)
				}
			}
		}
		b.WriteString("</p>")
	}
	b.WriteString(htmlFooter)
	for i, parts := range r.contact() {
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
			escapeTied(&b, p)
		}
		if i == 0 {
			b.WriteString("</strong>")
		}
	}
	b.WriteString(htmlEnd)
	return b.String()
}

// writeHTML writes the table as an HTML table with right-aligned amounts.
func (t *table) writeHTML(b *strings.Builder) {
	if t.caption != "" {
		b.WriteString(openCapt)
		escape(b, t.caption)
		b.WriteString("</p>")
	}
	b.WriteString(openTable)
	align := func(i int) string {
		if t.right[i] {
			return alignRight
		}
		return alignLeft
	}
	for i, h := range t.head {
		b.WriteString(`<th style="` + styleTh)
		b.WriteString(align(i))
		b.WriteString(`">`)
		escape(b, h)
		b.WriteString(`</th>`)
	}
	b.WriteString("</tr>")
	for _, row := range t.rows {
		b.WriteString("<tr>")
		for i, c := range row {
			b.WriteString(`<td style="` + styleTd)
			b.WriteString(align(i))
			b.WriteString(`">`)
			escape(b, c)
			b.WriteString(`</td>`)
		}
		b.WriteString("</tr>")
	}
	span := strconv.Itoa(len(t.head) - 1)
	for _, tr := range t.totals {
		style := styleTot
		if tr.strong {
			style = styleTot + "font-weight:bold;border-top:2px solid #d0d5dc;"
		}
		b.WriteString(`<tr><td colspan="`)
		b.WriteString(span)
		b.WriteString(`" style="`)
		b.WriteString(style)
		b.WriteString(`">`)
		escape(b, tr.label)
		b.WriteString(`</td><td style="`)
		b.WriteString(style)
		b.WriteString(`">`)
		escape(b, tr.value)
		b.WriteString(`</td></tr>`)
	}
	b.WriteString("</table>")
}

// escape writes s with the HTML special characters escaped and ties as
// spaces.
func escape(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '&':
			rep = "&amp;"
		case '"':
			rep = "&#34;"
		case '\'':
			rep = "&#39;"
		case tie:
			rep = " "
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// escapeTied escapes s and keeps words joined by ties (an IBAN's groups)
// on one line with a nowrap span, so a copied IBAN still has plain spaces.
func escapeTied(b *strings.Builder, s string) {
	if !strings.ContainsRune(s, tie) {
		escape(b, s)
		return
	}
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		if strings.ContainsRune(w, tie) {
			b.WriteString(`<span style="white-space:nowrap">`)
			escape(b, w)
			b.WriteString(`</span>`)
		} else {
			escape(b, w)
		}
	}
}
