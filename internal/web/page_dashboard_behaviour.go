package web

import (
	"strconv"
	"strings"
)

// DunningCollected is the heading of the collected column: "Collected
// within 14 days".
func (p dashboardPage) DunningCollected() string {
	return strings.ReplaceAll(p.T("dashboard.dunning_collected"), "{n}", strconv.Itoa(p.R.Dunning.Within))
}

// DunningNote says which days' levels count and what the share is.
func (p dashboardPage) DunningNote() string {
	return strings.NewReplacer("{from}", p.Date(p.R.Dunning.Reached.From), "{to}", p.Date(p.R.Dunning.Reached.To),
		"{n}", strconv.Itoa(p.R.Dunning.Within)).Replace(p.T("dashboard.dunning_note"))
}
