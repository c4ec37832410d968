package bench

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/auth"
	"github.com/kredo-dev/kredo/internal/demo"
	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// KPIResult is the outcome of the KPI benchmark on one database.
type KPIResult struct {
	Dialect       store.Dialect
	Invoices      int    // invoices and credit notes in the demo
	Entity        string // the entity whose dashboard was measured (the largest)
	Floor         time.Duration
	Runs          int
	P50, P99      time.Duration // the dashboard's figures, one entity, as of today (kept figures)
	ColdRuns      int
	Cold          time.Duration // the slowest first view after the ledger changed (figures computed from the ledger)
	Snapshots     time.Duration // 24 monthly snapshots (+ lead-in) of every entity and dimension
	SnapshotRows  int
	PeakHeapBytes uint64
}

func (r KPIResult) String() string {
	return fmt.Sprintf("%-8s %d invoices; floor (one scan of invoices) %6.3fs\n"+
		"         dashboard figures of %s as of today (%d runs): p50 %4.0f ms  p99 %4.0f ms; first view after a change (%d runs): slowest %4.0f ms\n"+
		"         snapshots, %d months of every entity and dimension: %6.2fs (%d rows)  %.1fx the floor  peak heap %d MB",
		r.Dialect, r.Invoices, r.Floor.Seconds(), r.Entity, r.Runs, ms(r.P50), ms(r.P99), r.ColdRuns, ms(r.Cold),
		app.KPITrendMonths+app.KPIWindowMonths, r.Snapshots.Seconds(), r.SnapshotRows,
		r.Snapshots.Seconds()/r.Floor.Seconds(), r.PeakHeapBytes>>20)
}

// Open makes a new empty database, opens and migrates it.
func (d *Databases) Open(ctx context.Context) (*store.Store, error) {
	dsn, err := d.New(ctx)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// KPI loads the demo company scaled to the given customers and invoices
// (about two years of trade, as of today) into a fresh database and
// measures (1) the floor: one scan of the invoices table, every row read
// into Go; (2) what the dashboard asks for the largest entity as of today
// (figures by segment and by customer, and the trend): the first view after
// the ledger changed, which computes the figures from the ledger, and then
// runs views, which read them: p50 and p99; (3) the recomputation of the monthly snapshots of every
// entity.
func KPI(ctx context.Context, dbs *Databases, customers, invoices, runs int) (KPIResult, error) {
	res := KPIResult{Dialect: dbs.Dialect, Runs: runs}
	st, err := dbs.Open(ctx)
	if err != nil {
		return res, err
	}
	defer st.Close()
	today := ledger.DateOf(time.Now())
	svc := app.New(st, nil, time.Now)
	sum, err := svc.LoadDemo(ctx, demo.Config{Customers: customers, Invoices: invoices, Today: today},
		auth.Params{Memory: 1024, Time: 1, Threads: 1})
	if err != nil {
		return res, fmt.Errorf("load the demo: %w", err)
	}
	res.Invoices = sum.Invoices
	if st.Dialect() == store.Postgres {
		if _, err := st.DB().ExecContext(ctx, "ANALYZE"); err != nil {
			return res, err
		}
	}

	// The floor: every invoice row read once.
	start := time.Now()
	rows, err := st.DB().QueryContext(ctx, "SELECT entity_id, customer_id, invoice_date, due_date, currency, amount, open_amount, product_group FROM invoices")
	if err != nil {
		return res, err
	}
	n := 0
	for rows.Next() {
		var e, c, a, o int64
		var d1, d2, cur, pg any
		if err := rows.Scan(&e, &c, &d1, &d2, &cur, &a, &o, &pg); err != nil {
			rows.Close()
			return res, err
		}
		n++
	}
	rows.Close()
	res.Floor = time.Since(start)
	if n != res.Invoices {
		return res, fmt.Errorf("floor read %d invoices, the demo made %d", n, res.Invoices)
	}

	// The largest entity by invoices.
	es, err := svc.Entities(ctx, app.System)
	if err != nil {
		return res, err
	}
	best := 0
	for _, e := range es {
		var k int
		if err := st.DB().QueryRowContext(ctx, rebind(st, "SELECT COUNT(*) FROM invoices WHERE entity_id = ?"), e.ID).Scan(&k); err != nil {
			return res, err
		}
		if k > best {
			best, res.Entity = k, e.Code
		}
	}

	runtime.GC()
	stop := watchHeap(&res.PeakHeapBytes)
	start = time.Now()
	reps, err := svc.RecomputeSnapshots(ctx, app.System, "", today, app.KPITrendMonths)
	res.Snapshots = time.Since(start)
	if err != nil {
		stop()
		return res, fmt.Errorf("snapshots: %w", err)
	}
	for _, r := range reps {
		res.SnapshotRows += r.Rows
	}

	dashboard := func() (time.Duration, error) {
		start := time.Now()
		if _, err := svc.KPI(ctx, app.System, app.KPIRequest{Entity: res.Entity, AsOf: today, By: []string{kpi.DimSegment, kpi.DimCustomer}}); err != nil {
			return 0, fmt.Errorf("figures: %w", err)
		}
		if _, err := svc.KPITrend(ctx, app.System, res.Entity, "", ""); err != nil {
			return 0, fmt.Errorf("trend: %w", err)
		}
		return time.Since(start), nil
	}
	// The first view after the ledger changed computes the figures from
	// the ledger (every breakdown); the views after it read them.
	res.ColdRuns = min(runs, 3)
	for range res.ColdRuns {
		if _, err := st.DB().ExecContext(ctx, "UPDATE ledger_version SET version = version + 1"); err != nil {
			stop()
			return res, err
		}
		d, err := dashboard()
		if err != nil {
			stop()
			return res, err
		}
		res.Cold = max(res.Cold, d)
	}
	times := make([]time.Duration, 0, runs)
	for range runs {
		d, err := dashboard()
		if err != nil {
			stop()
			return res, err
		}
		times = append(times, d)
	}
	stop()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	res.P50 = times[(len(times)-1)/2]
	res.P99 = times[(99*len(times)+99)/100-1] // nearest rank
	return res, nil
}

func rebind(st *store.Store, q string) string {
	if st.Dialect() != store.Postgres {
		return q
	}
	return strings.Replace(q, "?", "$1", 1)
}
