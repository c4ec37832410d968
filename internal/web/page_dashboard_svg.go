package web

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// The charts are SVG drawn here, on the server: no script, no library, and
// they print. Colours are presentation attributes (the page's CSP allows no
// inline style); every text is escaped.

const (
	trendW, trendH         = 720, 240
	trendLeft, trendRight  = 48, 12
	trendTop, trendBottom  = 12, 28
	colourDSO, colourBest  = "#0b5cad", "#17663a"
	colourGrid, colourText = "#d9dee5", "#566173"
)

// trendSVG draws DSO and best possible DSO at each month end of the trend,
// and today's (or the as-of date's) DSO as the last point when it is later.
func trendSVG(p Page, pts []app.TrendPoint, now app.KPIReport) template.HTML {
	type point struct {
		date      ledger.Date
		dso, best int64
		ok        bool
	}
	var ps []point
	for _, t := range pts {
		ps = append(ps, point{t.MonthEnd, int64(t.DSO), int64(t.BestDSO), t.HasSales})
	}
	if len(ps) == 0 || now.AsOf.After(ps[len(ps)-1].date) {
		ps = append(ps, point{now.AsOf, int64(now.Total.DSO), int64(now.Total.BestDSO), now.Total.HasSales})
	}
	var hi int64 = 1000 // at least 10 days high
	for _, q := range ps {
		if q.ok {
			hi = max(hi, q.dso, q.best)
		}
	}
	hi = (hi/1000 + 1) * 1000 // round up to 10 days
	plotW, plotH := float64(trendW-trendLeft-trendRight), float64(trendH-trendTop-trendBottom)
	x := func(i int) float64 {
		if len(ps) == 1 {
			return trendLeft + plotW/2
		}
		return trendLeft + plotW*float64(i)/float64(len(ps)-1)
	}
	y := func(v int64) float64 { return trendTop + plotH*(1-float64(v)/float64(hi)) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg id="dso-trend" class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="dso-trend-title" xmlns="http://www.w3.org/2000/svg">`, trendW, trendH)
	fmt.Fprintf(&b, `<title id="dso-trend-title">%s</title>`, template.HTMLEscapeString(p.T("dashboard.trend")))
	for k := 0; k <= 4; k++ {
		v := hi * int64(k) / 4
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="%s"/>`, trendLeft, trendW-trendRight, y(v), y(v), colourGrid)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="11" text-anchor="end" fill="%s">%d</text>`, trendLeft-6, y(v)+4, colourText, v/100)
	}
	for i, q := range ps {
		if len(ps) <= 13 || i%3 == (len(ps)-1)%3 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11" text-anchor="middle" fill="%s">%s</text>`, x(i), trendH-8, colourText,
				template.HTMLEscapeString(q.date.String()[:7]))
		}
	}
	line := func(colour string, v func(point) int64, class string) {
		var pts []string
		for i, q := range ps {
			if q.ok {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(v(q))))
			}
		}
		if len(pts) > 1 {
			fmt.Fprintf(&b, `<polyline class="%s" fill="none" stroke="%s" stroke-width="2.5" points="%s"/>`, class, colour, strings.Join(pts, " "))
		}
		for i, q := range ps {
			if q.ok {
				fmt.Fprintf(&b, `<circle class="%s" cx="%.1f" cy="%.1f" r="3" fill="%s" data-date="%s" data-value="%s"><title>%s %s: %s</title></circle>`,
					class, x(i), y(v(q)), colour, q.date, app.Hundredths(v(q)), template.HTMLEscapeString(p.Date(q.date)), class, p.fig(v(q), true))
			}
		}
	}
	line(colourBest, func(q point) int64 { return q.best }, "best")
	line(colourDSO, func(q point) int64 { return q.dso }, "dso")
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// agingSVG draws the aging buckets as horizontal bars with their amounts.
func agingSVG(p Page, bars []agingBar, currency string) template.HTML {
	const w, rowH, labelW, amountW = 720, 30, 90, 150
	var hi int64 = 1
	for _, a := range bars {
		hi = max(hi, a.Amount)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg id="aging-bars" class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="aging-title" xmlns="http://www.w3.org/2000/svg">`, w, rowH*len(bars)+4)
	fmt.Fprintf(&b, `<title id="aging-title">%s</title>`, template.HTMLEscapeString(p.T("dashboard.aging")))
	for i, a := range bars {
		top := i*rowH + 4
		colour := colourDSO
		if i == 0 {
			colour = colourBest
		} else if i >= 3 {
			colour = "#a3141b"
		}
		barW := float64(w-labelW-amountW) * float64(max(a.Amount, 0)) / float64(hi)
		fmt.Fprintf(&b, `<text x="0" y="%d" font-size="12" fill="%s">%s</text>`, top+17, colourText, template.HTMLEscapeString(a.Label))
		fmt.Fprintf(&b, `<rect class="bucket" x="%d" y="%d" width="%.1f" height="%d" fill="%s" data-amount="%d"/>`, labelW, top, barW, rowH-8, colour, a.Amount)
		share := a.Share
		if share != "–" {
			share += "%"
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12" text-anchor="end" fill="%s">%s · %s</text>`, w, top+17, colourText,
			template.HTMLEscapeString(p.Money(a.Amount, currency)), template.HTMLEscapeString(share))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
