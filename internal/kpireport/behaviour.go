package kpireport

import (
	"strconv"
	"strings"
)

// behaviour writes the dunning effectiveness per level and the dispute
// resolution times, when the month had any (a report without them, or of a
// ledger without dunning and disputes, leaves the section out).
func (w *writer) behaviour() {
	d, s := w.r.Dunning, w.r.Disputes
	if len(d) == 0 && s.Resolved == 0 && s.Open == 0 {
		return
	}
	w.section(w.t("behaviour"))
	if len(d) > 0 {
		collected := strings.ReplaceAll(w.t("collected"), "{n}", strconv.Itoa(w.r.DunningWithin))
		var rows [][]string
		for _, l := range d {
			rows = append(rows, []string{strconv.Itoa(l.Level), w.count(l.Items), w.money(l.Dunned), w.money(l.Collected), w.days(int64(l.Share), l.OK)})
		}
		w.table([]float64{30, 25, 40, 49, 30}, "LRRRR", []string{w.t("level"), w.t("items"), w.t("dunned"), collected, w.t("share")}, rows, false)
	}
	w.table([]float64{30, 25, 40, 49, 30}, "LRRRR", []string{w.t("disputes"), w.t("resolved"), w.t("average"), w.t("p90"), w.t("open_disputes")},
		[][]string{{"", w.count(s.Resolved), w.days(int64(s.Average), s.OK), w.days(int64(s.P90), s.OK), w.count(s.Open)}}, false)
}
