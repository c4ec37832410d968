package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
)

func cmdRun(e *env, args []string) error {
	var db dbFlags
	fl := e.flags("run", `run [--date DATE] [--entity CODE] [--dry-run] [--list] [--json]

The daily dunning run: every overdue item is followed up by its customer's scheme,
one message per customer and level, listing all its items; the messages go to the
outbox (serve delivers them). One run per entity and day: running again continues an
interrupted run and never sends a level twice. --dry-run shows what a run would do.`, &db)
	date := fl.String("date", "", "the day of the run (YYYY-MM-DD; default today)")
	entity := fl.String("entity", "", "only this entity (default: every entity)")
	dry := fl.Bool("dry-run", false, "preview: decide and report, write and send nothing")
	list := fl.Bool("list", false, "list every action (customer, level, items, amount)")
	asJSON := fl.Bool("json", false, "print the reports as JSON")
	if ok, err := parse(fl, args); !ok {
		return err
	}
	day, err := dayFlag("date", *date)
	if err != nil {
		return err
	}
	svc, closeDB, err := e.open(&db, e.logger(&db))
	if err != nil {
		return err
	}
	defer closeDB()
	codes, err := entityCodes(e, svc, *entity)
	if err != nil {
		return err
	}
	var reps []app.RunReport
	for _, code := range codes {
		rep, err := svc.RunDunning(e.ctx, app.System, app.RunOptions{EntityCode: code, Date: day, DryRun: *dry})
		if err != nil {
			return fmt.Errorf("run %s: %w", code, err)
		}
		if *asJSON {
			reps = append(reps, rep)
			continue
		}
		printRun(e, rep, *list)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(reps)
	}
	return nil
}

func printRun(e *env, rep app.RunReport, list bool) {
	what := "run"
	if rep.DryRun {
		what = "preview (nothing written or sent)"
	}
	fmt.Fprintf(e.stdout, "%s %s %s: %d customers, %d actions, %d messages queued, status %s\n",
		rep.Entity, rep.Date, what, rep.Customers, rep.Actions, rep.Messages, rep.Status)
	if rep.AlreadyRan {
		fmt.Fprintf(e.stdout, "  this entity's run of %s already took place (run %d); nothing new was decided\n", rep.Date, rep.RunID)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  \tcustomers\titems\tamount\tlevel\t")
	for _, l := range rep.Levels {
		var amounts []string
		for cur, v := range l.Amounts {
			amounts = append(amounts, cur+" "+ledger.FormatAmount(v, cur))
		}
		sort.Strings(amounts)
		fmt.Fprintf(tw, "  \t%d\t%d\t%s\t%s (%s)\t\n", l.Customers, l.Items, strings.Join(amounts, ", "), l.Name, strings.Join(l.Channels, "+"))
	}
	tw.Flush()
	if !list {
		return
	}
	for _, p := range rep.Planned {
		a := p.Action
		var items []string
		for _, it := range a.Items {
			items = append(items, it.Number)
		}
		extra := ""
		if a.Costs != 0 {
			extra += " costs " + ledger.FormatAmount(a.Costs, a.Currency)
		}
		if a.Interest != 0 {
			extra += " interest " + ledger.FormatAmount(a.Interest, a.Currency)
		}
		fmt.Fprintf(e.stdout, "  %-8s %-32.32s %-28s %s %s%s  [%s]\n", p.CustomerNumber, p.CustomerName, a.LevelName, a.Currency,
			ledger.FormatAmount(a.Total, a.Currency), extra, strings.Join(items, " "))
	}
}
