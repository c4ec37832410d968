package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
)

func cmdKPI(e *env, args []string) error {
	var db dbFlags
	fl := e.flags("kpi", `kpi [--entity CODE] [--as-of DATE] [--by DIMENSION] [--format table|json|csv]
       kpi trend [--entity CODE] [--by DIMENSION --value V] [--format table|json|csv]
       kpi snapshot [--entity CODE] [--as-of DATE] [--months N]
       kpi report --entity CODE [--month YYYY-MM] [--lang en|nl] --out FILE.pdf
       kpi rates FILE

The steering figures of each entity (or of --entity) as of a date (default today), computed
from the ledger's history: payments and imports after that date do not change them.
DSO (standard over the three months ending on the date, and countback), best possible DSO,
average days delinquent, collection effectiveness index, aging, overdue and disputed shares,
days to pay and days late, dunning effectiveness per level (the share of what was open when
items reached a level that was paid within 14 days) and dispute resolution times, in the
entity's currency (other currencies converted at the rates of the date). --by breaks them down by one of: entity, segment, region, product_group,
controller, customer, group. Formulas and sources: docs/kpi.md.
trend: the figures at each month end from the monthly snapshots (kpi snapshot makes them).
snapshot: recomputes the snapshots of the last N months ended (default 24) for every
dimension, from the ledger's history.
report: the printable monthly report (PDF) of a month that has ended (default the last one):
the figures at the month end, the aging, the DSO over 12 months and the customers most overdue.
rates: imports dated exchange rates from a CSV with the columns date, from, to, rate
(1 from is worth rate to from that date on).`, &db)
	entity := fl.String("entity", "", "only this entity (code)")
	asOf := fl.String("as-of", "", "the date of the figures (YYYY-MM-DD); default today")
	by := fl.String("by", "", "break down by: "+strings.Join(app.KPIDimensions, ", "))
	value := fl.String("value", "", "trend: the value of --by to follow")
	format := fl.String("format", "table", "table, json or csv")
	months := fl.Int("months", app.KPITrendMonths, "snapshot: months to keep")
	month := fl.String("month", "", "report: the month (YYYY-MM); default the last one ended")
	lang := fl.String("lang", "en", "report: the language, en or nl")
	out := fl.String("out", "", "report: the PDF file to write")
	pos, ok, err := parseInterleaved(fl, args)
	if !ok {
		return err
	}
	sub := ""
	if len(pos) > 0 {
		sub = pos[0]
	}
	if *format != "table" && *format != "json" && *format != "csv" {
		return &exitError{2, fmt.Errorf("--format must be table, json or csv")}
	}
	var date ledger.Date
	if *asOf != "" {
		if date, err = ledger.ParseDate(*asOf); err != nil {
			return &exitError{2, fmt.Errorf("--as-of: %w", err)}
		}
	}
	switch {
	case sub == "rates" && len(pos) == 2:
	case (sub == "" || sub == "trend" || sub == "snapshot") && len(pos) <= 1:
	case sub == "report" && len(pos) == 1:
		if *out == "" {
			return &exitError{2, fmt.Errorf("kpi report: --out FILE.pdf is required")}
		}
		if *lang != "en" && *lang != "nl" {
			return &exitError{2, fmt.Errorf("kpi report: --lang must be en or nl")}
		}
	default:
		fl.Usage()
		return &exitError{2, fmt.Errorf("kpi: unexpected %q", strings.Join(pos, " "))}
	}
	svc, closeDB, err := e.open(&db, e.logger(&db))
	if err != nil {
		return err
	}
	defer closeDB()
	fail := func(err error) error { return fmt.Errorf("kpi: %s", ledger.UserMessage(err)) }
	switch sub {
	case "rates":
		f, err := os.Open(pos[1])
		if err != nil {
			return err
		}
		defer f.Close()
		n, err := svc.ImportRates(e.ctx, app.System, f, filepath.Base(pos[1]))
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(e.stdout, "%d exchange rates imported\n", n)
		return nil
	case "report":
		m := *month
		if m == "" {
			m = app.ReportMonth(svc.Today(), svc.Today())
		}
		b, _, err := svc.MonthlyReportPDF(e.ctx, app.System, *entity, m, *lang)
		if err != nil {
			return fail(err)
		}
		if err := writeFileAtomic(*out, b); err != nil {
			return fmt.Errorf("kpi report: %w", err)
		}
		fmt.Fprintf(e.stdout, "monthly report of %s written to %s (%d bytes)\n", m, *out, len(b))
		return nil
	case "snapshot":
		reps, err := svc.RecomputeSnapshots(e.ctx, app.System, *entity, date, *months)
		if err != nil {
			return fail(err)
		}
		for _, r := range reps {
			fmt.Fprintf(e.stdout, "%s: %d snapshot rows for %d month ends (%s to %s) from %d items in %s\n",
				r.Entity, r.Rows, r.Months, r.First, r.Last, r.Items, r.Elapsed.Round(1e6))
		}
		return nil
	case "trend":
		es, err := svc.Entities(e.ctx, app.System)
		if err != nil {
			return fail(err)
		}
		var recs []trendLine
		for _, ent := range es {
			if *entity != "" && ent.Code != *entity {
				continue
			}
			pts, err := svc.KPITrend(e.ctx, app.System, ent.Code, *by, *value)
			if err != nil {
				return fail(err)
			}
			for _, p := range pts {
				recs = append(recs, trendLine{ent.Code, p.Record()})
			}
		}
		return writeTrend(e, *format, recs)
	}
	req := app.KPIRequest{Entity: *entity, AsOf: date}
	if *by != "" {
		req.By = []string{*by}
	}
	reps, err := svc.KPI(e.ctx, app.System, req)
	if err != nil {
		return fail(err)
	}
	var recs []app.KPIRecord
	for _, r := range reps {
		recs = append(recs, r.Records()...)
	}
	if *format != "table" {
		return writeData(e.stdout, *format, recs, app.KPITable(recs))
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "entity\tdimension\tvalue\tcurrency\treceivables\toverdue\tDSO\tcountback\tbest DSO\tADD\tCEI %\toverdue %\tdisputed %\tdays to pay\tdays late\t")
	for _, r := range recs {
		f := r.Fields()
		dim := r.Dimension
		if dim == "" {
			dim = "total"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Entity, dim, r.Value, r.Currency,
			f[8], f[16], dash(f[18]), dash(f[19]), dash(f[20]), dash(f[21]), dash(f[22]), dash(f[23]), dash(f[24]), dash(f[25]), dash(f[26]))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := writeBehaviour(e.stdout, reps); err != nil {
		return err
	}
	if len(reps) > 0 {
		fmt.Fprintf(e.stdout, "as of %s; window %s to %s (standard DSO, CEI, payment timing)\n", reps[0].AsOf, reps[0].Window.From, reps[0].Window.To)
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

type trendLine struct {
	Entity string `json:"entity"`
	app.TrendRecord
}

func writeTrend(e *env, format string, recs []trendLine) error {
	rows := [][]string{append([]string{"entity"}, app.TrendColumns...)}
	for _, r := range recs {
		rows = append(rows, append([]string{r.Entity}, r.Fields()...))
	}
	if format != "table" {
		return writeData(e.stdout, format, recs, rows)
	}
	if len(recs) == 0 {
		fmt.Fprintln(e.stdout, "no snapshots yet: run `kredo kpi snapshot` first")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, r := range rows {
		for k := range r {
			r[k] = dash(r[k])
		}
		fmt.Fprintln(tw, strings.Join(r, "\t")+"\t")
	}
	return tw.Flush()
}

// writeData writes the records v as indented JSON (format "json") or their
// rows as CSV (format "csv").
func writeData(w io.Writer, format string, v any, rows [][]string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	cw := csv.NewWriter(w)
	cw.WriteAll(rows)
	return cw.Error()
}

// writeFileAtomic writes data to path whole or not at all (see createAtomic).
func writeFileAtomic(path string, data []byte) error {
	f, err := createAtomic(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}
