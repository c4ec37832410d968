package bench

import (
	"context"
	"testing"

	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// TestImportSmall runs the import benchmark on a small scale on both
// databases, so `kredo bench import` is known to work.
func TestImportSmall(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			dbs := &Databases{Dialect: d, Dir: t.TempDir()}
			if d == store.Postgres {
				dbs.AdminURL = storetest.AdminURL()
			}
			defer dbs.Cleanup()
			res, err := Import(context.Background(), dbs, 50, 3000)
			if err != nil {
				t.Fatal(err)
			}
			if res.Invoices != 3000 || res.Floor <= 0 || res.Import <= 0 {
				t.Fatalf("result %+v", res)
			}
		})
	}
}

// BenchmarkImport measures the end-to-end CSV import of 20,000 invoices;
// run with -bench Import -benchtime 1x. `kredo bench import` runs the full
// 2M-row benchmark with its floor.
func BenchmarkImport(b *testing.B) {
	for _, d := range storetest.Dialects() {
		b.Run(string(d), func(b *testing.B) {
			for b.Loop() {
				dbs := &Databases{Dialect: d, Dir: b.TempDir()}
				if d == store.Postgres {
					dbs.AdminURL = storetest.AdminURL()
				}
				res, err := Import(context.Background(), dbs, 1000, 20000)
				dbs.Cleanup()
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Invoices)/res.Import.Seconds(), "rows/s")
				b.ReportMetric(res.Ratio(), "x-floor")
			}
		})
	}
}

// TestDunningSmall runs the dunning benchmark on a small scale on both
// databases, so `kredo bench dunning` is known to work.
func TestDunningSmall(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			dbs := &Databases{Dialect: d, Dir: t.TempDir()}
			if d == store.Postgres {
				dbs.AdminURL = storetest.AdminURL()
			}
			defer dbs.Cleanup()
			res, err := Dunning(context.Background(), dbs, 300, 3)
			if err != nil {
				t.Fatal(err)
			}
			if res.Items != 900 || res.Actions == 0 || res.Messages < res.Actions/2 {
				t.Fatalf("result %+v", res)
			}
		})
	}
}

// BenchmarkDunning measures a full daily run over 3,000 customers with
// 9,000 overdue items; run with -bench Dunning -benchtime 1x. `kredo bench
// dunning` runs the full-size benchmark with its floor.
func BenchmarkDunning(b *testing.B) {
	for _, d := range storetest.Dialects() {
		b.Run(string(d), func(b *testing.B) {
			for b.Loop() {
				dbs := &Databases{Dialect: d, Dir: b.TempDir()}
				if d == store.Postgres {
					dbs.AdminURL = storetest.AdminURL()
				}
				res, err := Dunning(context.Background(), dbs, 3000, 3)
				dbs.Cleanup()
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Items)/res.Run.Seconds(), "items/s")
				b.ReportMetric(res.Ratio(), "x-floor")
			}
		})
	}
}
