package jobs

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

func TestDue(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, time.Local) }
	cases := []struct {
		hhmm string
		now  time.Time
		want bool
	}{
		{"06:00", at(5, 59), false}, {"06:00", at(6, 0), true}, {"06:00", at(23, 0), true}, {"18:30", at(18, 29), false},
	}
	for _, c := range cases {
		if got, err := Due(c.hhmm, c.now); err != nil || got != c.want {
			t.Errorf("Due(%s, %s) = %v, %v", c.hhmm, c.now.Format("15:04"), got, err)
		}
	}
	for _, bad := range []string{"6", "25:00", "06:61", "x:y"} {
		if _, err := Due(bad, at(6, 0)); err == nil {
			t.Errorf("Due(%q) accepted", bad)
		}
	}
}

// TestTickRunsOncePerDay: the scheduler runs each entity once its time has
// come, and a second scheduler (another process) on the same day does not
// run it again.
func TestTickRunsOncePerDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		ctx := context.Background()
		for _, k := range []csvfmt.Kind{csvfmt.Entities, csvfmt.Customers, csvfmt.Invoices} {
			data := map[csvfmt.Kind]string{
				csvfmt.Entities:  "code,name,currency\nNL01,A,EUR\n",
				csvfmt.Customers: "entity,number,name,email\nNL01,K1,Klant,k1@example.com\n",
				csvfmt.Invoices:  "entity,customer_number,number,invoice_date,due_date,currency,amount\nNL01,K1,F1,2026-10-01,2026-10-31,EUR,100.00\n",
			}[k]
			if rep, err := svc.ImportCSV(ctx, app.System, k, strings.NewReader(data), string(k), app.ImportOptions{AllOrNothing: true}); err != nil || !rep.Committed {
				t.Fatalf("import %s: %v %+v", k, err, rep.Problems)
			}
		}
		clock := time.Date(2026, 11, 23, 5, 0, 0, 0, time.Local)
		s := &Scheduler{Svc: svc, Log: slog.New(slog.DiscardHandler), Now: func() time.Time { return clock }}
		if reps, err := s.Tick(ctx); err != nil || len(reps) != 0 {
			t.Fatalf("before 06:00: %v %v", reps, err)
		}
		clock = clock.Add(90 * time.Minute)
		reps, err := s.Tick(ctx)
		if err != nil || len(reps) != 1 || reps[0].Messages != 1 {
			t.Fatalf("at 06:30: %+v %v", reps, err)
		}
		other := &Scheduler{Svc: app.New(st, nil, nil), Log: slog.New(slog.DiscardHandler), Now: func() time.Time { return clock }}
		if reps, err := other.Tick(ctx); err != nil || len(reps) != 0 {
			t.Fatalf("second process: %+v %v", reps, err)
		}
	})
}
