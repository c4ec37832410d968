package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// writeBehaviour prints, per entity, the dunning effectiveness by level and
// the dispute resolution times below the table of figures.
func writeBehaviour(w io.Writer, reps []app.KPIReport) error {
	for _, r := range reps {
		cur := r.Entity.Currency
		d := r.Dunning
		fmt.Fprintf(w, "\n%s dunning effectiveness: levels reached %s to %s, collected within %d days\n", r.Entity.Code, d.Reached.From, d.Reached.To, d.Within)
		if len(d.Levels) == 0 {
			fmt.Fprintln(w, "  no item reached a dunning level in these days")
		} else {
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "level\titems\tdunned\tcollected\tshare %\tpaid in full\t")
			for _, l := range d.Levels {
				share := "-"
				if l.OK {
					share = l.Share.String()
				}
				fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%d\t\n", l.Level, l.Items, ledger.FormatAmount(l.Dunned, cur),
					ledger.FormatAmount(l.Collected, cur), share, l.PaidInFull)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}
		s := r.Disputes
		avg, p90 := "-", "-"
		if s.OK {
			avg, p90 = s.Average.String(), s.P90.String()
		}
		fmt.Fprintf(w, "%s disputes: %d resolved in the window, %s days on average, %s at the 90th percentile; %d open on %s\n",
			r.Entity.Code, s.Resolved, avg, p90, s.Open, r.AsOf)
	}
	return nil
}
