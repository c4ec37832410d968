package web

import (
	"time"

	"github.com/kredo-dev/kredo/internal/app"
)

// behaviourMonths is how many months the payment behaviour chart shows.
const behaviourMonths = 12

// behaviourBar is one month of the payment behaviour chart, laid out for
// an inline SVG (no script, no chart library): x and height in the SVG's
// units, the label and the tooltip in the page's language.
type behaviourBar struct {
	X, Y, H  int
	Label    string
	Title    string
	DaysLate int
	Late     bool // beyond a week: drawn in the warning colour
}

// Chart geometry: 12 bars of 24 units with 8 between, 100 units high.
const (
	chartBarW   = 24
	chartGap    = 8
	chartHeight = 100
)

// behaviourBars lays the months out as bars whose height is the days late
// (scaled to the worst month, at least 30 days), and returns the
// amount-weighted days late over all of them.
func behaviourBars(p Page, months []app.MonthBehaviour) ([]behaviourBar, int) {
	top := 30
	var paid, weighted int64
	for _, m := range months {
		top = max(top, m.DaysLate)
		paid += m.Paid
		weighted += m.Paid * int64(m.DaysLate)
	}
	bars := make([]behaviourBar, len(months))
	for i, m := range months {
		h := m.DaysLate * chartHeight / top
		if m.Paid > 0 && h == 0 {
			h = 1 // paid on time: a sliver, so "paid" differs from "nothing came in"
		}
		title := p.Money(m.Paid, m.Currency) + " · " + p.Int(m.DaysLate) + " " + p.T("chart.days_late")
		if m.Paid == 0 {
			title = p.T("chart.nothing_paid")
		}
		bars[i] = behaviourBar{X: i * (chartBarW + chartGap), Y: chartHeight - h, H: h, DaysLate: m.DaysLate, Late: m.DaysLate > 7,
			Label: monthLabel(p.Lang, m.Month.Time().Month()), Title: m.Month.Time().Format("2006-01") + ": " + title}
	}
	avg := 0
	if paid > 0 {
		avg = int((2*weighted + paid) / (2 * paid))
	}
	return bars, avg
}

// monthLabel is a month's short name in the page's language.
func monthLabel(lang string, m time.Month) string {
	en := [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	nl := [...]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}
	if lang == "nl" {
		return nl[m-1]
	}
	return en[m-1]
}
