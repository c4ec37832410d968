// Package kpireport draws the printable monthly KPI report of one entity as
// an A4 PDF: the figures at the month end (DSO by the standard and the
// countback method, best possible DSO, ADD, CEI, overdue and disputed
// shares), the aging, the DSO trend as a line chart and the customers most
// overdue, in English or Dutch. Pure: plain values in, bytes out; the
// figures are computed by internal/kpi through internal/app.
package kpireport

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// Report is what the monthly report shows, all amounts in the entity's
// currency.
type Report struct {
	Lang      string // "nl" or "en" (anything else reads as en)
	Entity    ledger.Entity
	MonthEnd  ledger.Date   // the figures are as of the end of this day
	Window    kpi.Period    // the period of the standard DSO and the CEI
	Figures   kpi.Figures   // over Window, aging at MonthEnd
	Countback kpi.Countback // countback DSO at MonthEnd
	Converted []string      // other currencies converted at the month end's rates
	Trend     []Point       // month ends, oldest first, the last one MonthEnd
	Top       []Customer    // most overdue first
	// The behaviour figures (docs/kpi.md): per dunning level, what was
	// collected within DunningWithin days; the disputes closed in Window.
	Dunning       []kpi.DunningLevel
	DunningWithin int
	Disputes      kpi.DisputeStats
}

// Point is the DSO at one month end.
type Point struct {
	MonthEnd ledger.Date
	DSO      kpi.Days
	BestDSO  kpi.Days
	OK       bool // the figures are defined (the window had sales)
}

// Customer is one line of the top overdue customers.
type Customer struct {
	Number, Name string
	Overdue      int64 // minor units
	Receivables  int64 // net open, minor units
	DSO          kpi.Days
	HasSales     bool
}

// Page geometry (mm) and colours, in the style of the letters.
const (
	margin    = 18.0
	textWidth = 210 - 2*margin
	bottom    = 20.0
	rowHeight = 5.6
)

var (
	colAccent = [3]int{0x1f, 0x3a, 0x5f}
	colBest   = [3]int{0x3c, 0x8d, 0x5a}
	colGrey   = [3]int{0x66, 0x66, 0x66}
	colRule   = [3]int{0xd0, 0xd5, 0xdc}
	colFill   = [3]int{0xf3, 0xf5, 0xf7}
	colText   = [3]int{0x22, 0x22, 0x22}
)

// writer draws one report.
type writer struct {
	f    *fpdf.Fpdf
	r    *Report
	lang string
}

// PDF renders the report. The same report renders to the same bytes: the
// document's dates are the month end.
func PDF(r Report) ([]byte, error) {
	w := &writer{f: fpdf.New("P", "mm", "A4", ""), r: &r, lang: "en"}
	if r.Lang == "nl" {
		w.lang = "nl"
	}
	f := w.f
	f.SetMargins(margin, 24, margin)
	f.SetAutoPageBreak(true, bottom)
	f.SetCatalogSort(true)
	tm := r.MonthEnd.Time()
	if r.MonthEnd.IsZero() {
		tm = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.SetCreationDate(tm)
	f.SetModificationDate(tm)
	f.SetTitle(w.t("title")+" "+r.Entity.Code+" "+w.month(), true)
	f.SetAuthor(r.Entity.Name, true)
	f.SetCreator("Kredo", false)
	f.SetLang(w.lang)
	f.AliasNbPages("{nb}")
	f.SetHeaderFunc(w.header)
	f.SetFooterFunc(w.footer)
	f.AddPage()
	w.heading()
	w.figures()
	w.aging()
	w.trend()
	w.top()
	w.behaviour()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("kpi report: %w", err)
	}
	return buf.Bytes(), nil
}

// t returns a label in the report's language.
func (w *writer) t(key string) string {
	l, ok := labels[key]
	if !ok {
		return key
	}
	if w.lang == "nl" {
		return l[1]
	}
	return l[0]
}

// text encodes a string for the core fonts.
func (w *writer) text(s string) string { return comms.PDFEncode(s) }

func (w *writer) font(style string, size float64, c [3]int) {
	w.f.SetFont("Helvetica", style, size)
	w.f.SetTextColor(c[0], c[1], c[2])
}

func (w *writer) line(x1, y1, x2, y2 float64, c [3]int, width float64) {
	w.f.SetDrawColor(c[0], c[1], c[2])
	w.f.SetLineWidth(width)
	w.f.Line(x1, y1, x2, y2)
}

// cell writes one line of text (already translated) cut to width.
func (w *writer) cell(width, h float64, s, align string, fill bool) {
	s = w.text(s)
	if w.f.GetStringWidth(s) > width-1 {
		for len(s) > 1 && w.f.GetStringWidth(s+"...") > width-1 {
			s = s[:len(s)-1]
		}
		s += "..."
	}
	w.f.CellFormat(width, h, s, "", 0, align, fill, 0, "")
}

// month is the report's month in words ("March 2026", "maart 2026").
func (w *writer) month() string {
	long := comms.FormatLongDate(w.lang, w.r.MonthEnd)
	if _, rest, ok := strings.Cut(long, "\u00a0"); ok {
		return rest
	}
	return long
}

// days formats days or a percentage in hundredths, a dash when undefined.
func (w *writer) days(v int64, ok bool) string { return kpi.FormatFigure(w.lang, v, ok) }

func (w *writer) money(v int64) string {
	return comms.FormatMoney(w.lang, ledger.Money{Amount: v, Currency: w.r.Entity.Currency})
}

// count formats a number of items with the language's thousands separator.
func (w *writer) count(n int) string {
	s := strconv.Itoa(n)
	sep := ","
	if w.lang == "nl" {
		sep = "."
	}
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}

// header repeats the entity and the month on every page.
func (w *writer) header() {
	w.font("B", 9, colAccent)
	w.f.SetXY(margin, 10)
	w.cell(textWidth/2, 5, w.r.Entity.Name, "L", false)
	w.font("", 8, colGrey)
	w.cell(textWidth/2, 5, w.t("title")+" · "+w.month(), "R", false)
	w.line(margin, 16, 210-margin, 16, colRule, 0.2)
	w.f.SetXY(margin, 22)
}

// footer says where the figures come from, and the page.
func (w *writer) footer() {
	w.line(margin, 284, 210-margin, 284, colRule, 0.2)
	w.font("", 7, colGrey)
	w.f.SetXY(margin, 285.5)
	w.cell(textWidth-30, 3.5, w.t("source"), "L", false)
	page := strings.NewReplacer("{page}", strconv.Itoa(w.f.PageNo()), "{pages}", "{nb}").Replace(w.t("page"))
	w.f.CellFormat(30, 3.5, w.text(page), "", 0, "R", false, 0, "")
}

// room starts a new page unless h mm fit on this one.
func (w *writer) room(h float64) {
	if w.f.GetY()+h > 297-bottom {
		w.f.AddPage()
	}
}

// section writes a section's title.
func (w *writer) section(title string) {
	w.room(20)
	w.f.SetY(w.f.GetY() + 5)
	w.font("B", 11, colAccent)
	w.f.SetX(margin)
	w.cell(textWidth, 6, title, "L", false)
	w.f.Ln(7)
}

func (w *writer) heading() {
	r := w.r
	w.font("B", 16, colText)
	w.f.SetX(margin)
	w.cell(textWidth, 8, w.t("title")+" — "+w.month(), "L", false)
	w.f.Ln(9)
	w.font("", 9, colGrey)
	w.f.SetX(margin)
	w.cell(textWidth, 4.5, r.Entity.Code+" · "+r.Entity.Name, "L", false)
	w.f.Ln(4.8)
	w.f.SetX(margin)
	w.cell(textWidth, 4.5, fmt.Sprintf("%s %s · %s %s – %s", w.t("as_of"), comms.FormatLongDate(w.lang, r.MonthEnd), w.t("window"),
		comms.FormatLongDate(w.lang, r.Window.From), comms.FormatLongDate(w.lang, r.Window.To)), "L", false)
	w.f.Ln(4.8)
	cur := strings.Replace(w.t("currency"), "{cur}", r.Entity.Currency, 1)
	if len(r.Converted) > 0 {
		cur += " (" + strings.Replace(w.t("converted"), "{from}", strings.Join(r.Converted, ", "), 1) + ")"
	}
	w.f.SetX(margin)
	w.cell(textWidth, 4.5, cur, "L", false)
	w.f.Ln(4.8)
}

// figures writes the month end's figures in two columns of label and value.
func (w *writer) figures() {
	f := w.r.Figures
	cb := w.days(int64(w.r.Countback.Days), true)
	if !w.r.Countback.Complete {
		cb = "> " + cb // the sales ran out before the receivables: a lower bound
	}
	type kv struct{ label, value string }
	left := []kv{
		{w.t("dso"), w.days(int64(f.DSO), f.HasSales)},
		{w.t("countback"), cb},
		{w.t("best"), w.days(int64(f.BestDSO), f.HasSales)},
		{w.t("add"), w.days(int64(f.ADD), f.HasSales)},
		{w.t("cei"), w.days(int64(f.CEI), f.HasCEI)},
		{w.t("sales"), w.money(f.Sales)},
	}
	right := []kv{
		{w.t("receivables"), w.money(f.Aging.Net())},
		{w.t("overdue"), w.money(f.Aging.Overdue().Amount)},
		{w.t("overdue_share"), w.days(int64(f.OverdueShare), f.HasOpen)},
		{w.t("disputed"), w.money(f.Aging.Disputed.Amount)},
		{w.t("disputed_share"), w.days(int64(f.DisputedShare), f.HasOpen)},
		{w.t("beginning"), w.money(f.Beginning)},
	}
	w.section(w.t("figures"))
	half := (textWidth - 6) / 2
	y := w.f.GetY()
	for k := range left {
		fill := k%2 == 0
		if fill {
			w.f.SetFillColor(colFill[0], colFill[1], colFill[2])
		}
		for col, c := range []kv{left[k], right[k]} {
			w.f.SetXY(margin+float64(col)*(half+6), y)
			w.font("", 9, colText)
			w.cell(half-30, rowHeight, c.label, "L", fill)
			w.font("B", 9, colText)
			w.cell(30, rowHeight, c.value, "R", fill)
		}
		y += rowHeight
	}
	w.f.SetY(y)
}

// table writes a header row and rows with the columns' widths and
// alignments; the last row is bold when total is set.
func (w *writer) table(widths []float64, aligns string, head []string, rows [][]string, total bool) {
	header := func() {
		w.f.SetFillColor(colFill[0], colFill[1], colFill[2])
		w.font("B", 8, colGrey)
		w.f.SetX(margin)
		for k, h := range head {
			w.cell(widths[k], rowHeight, h, string(aligns[k]), true)
		}
		w.f.Ln(rowHeight)
	}
	w.room(rowHeight * 3)
	header()
	for i, row := range rows {
		if w.f.GetY()+rowHeight > 297-bottom { // continued on a new page, under the header again
			w.f.AddPage()
			header()
		}
		style := ""
		if total && i == len(rows)-1 {
			style = "B"
			w.line(margin, w.f.GetY(), 210-margin, w.f.GetY(), colRule, 0.2)
		}
		w.font(style, 9, colText)
		w.f.SetX(margin)
		for k, v := range row {
			w.cell(widths[k], rowHeight, v, string(aligns[k]), false)
		}
		w.f.Ln(rowHeight)
	}
}

// aging writes the aging buckets, the credits apart and the net total.
func (w *writer) aging() {
	a := w.r.Figures.Aging
	w.section(w.t("aging"))
	var rows [][]string
	for b := range kpi.NumBuckets {
		share, ok := a.Share(kpi.Bucket(b))
		rows = append(rows, []string{w.t("bucket." + strconv.Itoa(b)), w.money(a.Buckets[b].Amount), w.count(a.Buckets[b].Count),
			w.days(int64(share), ok)})
	}
	rows = append(rows, []string{w.t("credits"), w.money(a.Credits.Amount), w.count(a.Credits.Count), ""},
		[]string{w.t("net"), w.money(a.Net()), w.count(a.Open().Count + a.Credits.Count), ""})
	w.table([]float64{74, 45, 25, 30}, "LRRR", []string{w.t("bucket"), w.t("open"), w.t("items"), w.t("share")}, rows, true)
}

// trend draws the DSO and the best possible DSO at each month end as lines
// over a grid, with the months and the DSO values under it.
func (w *writer) trend() {
	pts := w.r.Trend
	w.section(strings.Replace(w.t("trend"), "{n}", strconv.Itoa(len(pts)), 1))
	if len(pts) == 0 {
		w.font("", 9, colGrey)
		w.f.SetX(margin)
		w.cell(textWidth, rowHeight, w.t("no_trend"), "L", false)
		w.f.Ln(rowHeight)
		return
	}
	const plotH, labelW = 55.0, 12.0
	w.room(plotH + 24)
	f := w.f
	// the legend
	y := f.GetY()
	w.font("", 8, colText)
	x := margin + labelW
	for _, l := range []struct {
		c    [3]int
		name string
	}{{colAccent, w.t("legend_dso")}, {colBest, w.t("legend_best")}} {
		w.line(x, y+2.5, x+7, y+2.5, l.c, 0.7)
		f.SetXY(x+8.5, y)
		s := w.text(l.name)
		f.CellFormat(f.GetStringWidth(s)+2, 5, s, "", 0, "L", false, 0, "")
		x = f.GetX() + 6
	}
	top := y + 8
	plotW := textWidth - labelW
	x0 := margin + labelW
	// the scale: four steps of 1, 2, 2.5 or 5 x 10^k days
	var maxV int64
	for _, p := range pts {
		if p.OK {
			maxV = max(maxV, int64(p.DSO), int64(p.BestDSO))
		}
	}
	step := niceStep(float64(maxV) / 100 / 4)
	scale := step * 4
	yOf := func(v kpi.Days) float64 { return top + plotH - plotH*(float64(v)/100)/scale }
	w.font("", 7, colGrey)
	for i := 0; i <= 4; i++ {
		gy := top + plotH - plotH*float64(i)/4
		w.line(x0, gy, x0+plotW, gy, colRule, 0.15)
		f.SetXY(margin, gy-2)
		f.CellFormat(labelW-2, 4, strconv.FormatFloat(step*float64(i), 'f', -1, 64), "", 0, "R", false, 0, "")
	}
	slot := plotW / float64(len(pts))
	xOf := func(i int) float64 { return x0 + slot*(float64(i)+0.5) }
	// the lines, broken where a month has no figures
	for _, s := range []struct {
		c     [3]int
		value func(Point) kpi.Days
		dash  bool
	}{{colBest, func(p Point) kpi.Days { return p.BestDSO }, true}, {colAccent, func(p Point) kpi.Days { return p.DSO }, false}} {
		if s.dash {
			f.SetDashPattern([]float64{1.5, 1}, 0)
		}
		for i := 1; i < len(pts); i++ {
			if pts[i-1].OK && pts[i].OK {
				w.line(xOf(i-1), yOf(s.value(pts[i-1])), xOf(i), yOf(s.value(pts[i])), s.c, 0.6)
			}
		}
		f.SetDashPattern(nil, 0)
		f.SetFillColor(s.c[0], s.c[1], s.c[2])
		for i, p := range pts {
			if p.OK {
				f.Circle(xOf(i), yOf(s.value(p)), 0.7, "F")
			}
		}
	}
	// the months and the DSO values under the plot
	w.font("", 6.5, colGrey)
	for i, p := range pts {
		f.SetXY(xOf(i)-slot/2, top+plotH+1)
		f.CellFormat(slot, 3.5, w.shortMonth(p.MonthEnd), "", 0, "C", false, 0, "")
	}
	w.font("B", 6.5, colAccent)
	for i, p := range pts {
		f.SetXY(xOf(i)-slot/2, top+plotH+4.5)
		f.CellFormat(slot, 3.5, w.text(w.days(int64(p.DSO), p.OK)), "", 0, "C", false, 0, "")
	}
	f.SetY(top + plotH + 9)
}

// shortMonth is a month end as "2026-03" (en) or "03-2026" (nl).
func (w *writer) shortMonth(d ledger.Date) string {
	if w.lang == "nl" {
		return fmt.Sprintf("%02d-%d", int(d.Month()), d.Year())
	}
	return fmt.Sprintf("%d-%02d", d.Year(), int(d.Month()))
}

// niceStep returns the smallest of 1, 2, 2.5, 5, 10, 20, 25, 50, ... at
// least v (and at least 1).
func niceStep(v float64) float64 {
	if v <= 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// top lists the customers most overdue.
func (w *writer) top() {
	w.section(w.t("top"))
	if len(w.r.Top) == 0 {
		w.font("", 9, colGrey)
		w.f.SetX(margin)
		w.cell(textWidth, rowHeight, w.t("none_overdue"), "L", false)
		w.f.Ln(rowHeight)
		return
	}
	var rows [][]string
	for _, c := range w.r.Top {
		rows = append(rows, []string{c.Number, c.Name, w.money(c.Overdue), w.money(c.Receivables), w.days(int64(c.DSO), c.HasSales)})
	}
	w.table([]float64{26, 70, 30, 30, 18}, "LLRRR", []string{w.t("customer"), w.t("name"), w.t("overdue"), w.t("receivables"), w.t("dso_short")}, rows, false)
}
