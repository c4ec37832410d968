package bench

import (
	"context"
	"testing"

	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// eachDB runs fn on every database with fresh benchmark databases.
func eachDB(tb testing.TB, run func(name string, fn func(testing.TB)) bool, fn func(tb testing.TB, dbs *Databases)) {
	for _, d := range storetest.Dialects() {
		run(string(d), func(tb testing.TB) {
			dbs := &Databases{Dialect: d, Dir: tb.TempDir()}
			if d == store.Postgres {
				dbs.AdminURL = storetest.AdminURL()
			}
			defer dbs.Cleanup()
			fn(tb, dbs)
		})
	}
}

func tRun(t *testing.T) func(string, func(testing.TB)) bool {
	return func(name string, fn func(testing.TB)) bool { return t.Run(name, func(t *testing.T) { fn(t) }) }
}

func bRun(b *testing.B) func(string, func(testing.TB)) bool {
	return func(name string, fn func(testing.TB)) bool {
		return b.Run(name, func(b *testing.B) {
			for b.Loop() {
				fn(b)
			}
		})
	}
}

// TestImportSmall runs the import benchmark on a small scale on both
// databases, so `kredo bench import` is known to work.
func TestImportSmall(t *testing.T) {
	eachDB(t, tRun(t), func(tb testing.TB, dbs *Databases) {
		res, err := Import(context.Background(), dbs, 50, 3000)
		if err != nil {
			tb.Fatal(err)
		}
		if res.Invoices != 3000 || res.Floor <= 0 || res.Import <= 0 {
			tb.Fatalf("result %+v", res)
		}
	})
}

// TestDunningSmall runs the dunning benchmark on a small scale on both
// databases, so `kredo bench dunning` is known to work.
func TestDunningSmall(t *testing.T) {
	eachDB(t, tRun(t), func(tb testing.TB, dbs *Databases) {
		res, err := Dunning(context.Background(), dbs, 300, 3)
		if err != nil {
			tb.Fatal(err)
		}
		if res.Items != 900 || res.Actions == 0 || res.Messages < res.Actions/2 {
			tb.Fatalf("result %+v", res)
		}
	})
}

// BenchmarkImport measures the end-to-end CSV import of 20,000 invoices;
// run with -bench Import -benchtime 1x. `kredo bench import` runs the full
// 2M-row benchmark with its floor.
func BenchmarkImport(b *testing.B) {
	eachDB(b, bRun(b), func(tb testing.TB, dbs *Databases) {
		res, err := Import(context.Background(), dbs, 1000, 20000)
		if err != nil {
			tb.Fatal(err)
		}
		b := tb.(*testing.B)
		b.ReportMetric(float64(res.Invoices)/res.Import.Seconds(), "rows/s")
		b.ReportMetric(res.Ratio(), "x-floor")
	})
}

// BenchmarkDunning measures a full daily run over 3,000 customers with
// 9,000 overdue items; run with -bench Dunning -benchtime 1x. `kredo bench
// dunning` runs the full-size benchmark with its floor.
func BenchmarkDunning(b *testing.B) {
	eachDB(b, bRun(b), func(tb testing.TB, dbs *Databases) {
		res, err := Dunning(context.Background(), dbs, 3000, 3)
		if err != nil {
			tb.Fatal(err)
		}
		b := tb.(*testing.B)
		b.ReportMetric(float64(res.Items)/res.Run.Seconds(), "items/s")
		b.ReportMetric(res.Ratio(), "x-floor")
	})
}

// BenchmarkStatements measures the import of a bank statement of 20,000
// credit lines against 60,000 open items; run with -bench Statements
// -benchtime 1x (add -cpuprofile to see where the time goes). `kredo bench
// statements` runs the full-size benchmark with its floor and the demo.
func BenchmarkStatements(b *testing.B) {
	eachDB(b, bRun(b), func(tb testing.TB, dbs *Databases) {
		res, err := Statements(context.Background(), dbs, 20000, 0)
		if err != nil {
			tb.Fatal(err)
		}
		b := tb.(*testing.B)
		b.ReportMetric(float64(res.Lines)/res.Import.Seconds(), "lines/s")
		b.ReportMetric(float64(res.Auto), "auto")
		b.ReportMetric(res.Import.Seconds(), "import-s")
	})
}
