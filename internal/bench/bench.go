// Package bench measures Kredo against the floor of its database: the same
// rows written the fastest plain way the database allows. `kredo bench`
// prints both figures and their ratio; docs/benchmarks.md records them.
package bench

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// Databases makes fresh, empty databases for one benchmark run and removes
// them afterwards: SQLite files in a directory, or new databases on a
// PostgreSQL server reached through an admin URL.
type Databases struct {
	Dialect  store.Dialect
	AdminURL string // postgres:// URL for CREATE DATABASE; "" for SQLite
	Dir      string // directory for SQLite files and generated inputs
	made     []string
}

// New returns the address of a new empty database.
func (d *Databases) New(ctx context.Context) (string, error) {
	name := "kredo_bench_" + randHex()
	if d.Dialect == store.SQLite {
		return filepath.Join(d.Dir, name+".db"), nil
	}
	admin, err := sql.Open("pgx", d.AdminURL)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", fmt.Errorf("create benchmark database: %w", err)
	}
	d.made = append(d.made, name)
	u, err := url.Parse(d.AdminURL)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

// Cleanup drops the PostgreSQL databases made (SQLite files go with Dir).
func (d *Databases) Cleanup() {
	if len(d.made) == 0 {
		return
	}
	admin, err := sql.Open("pgx", d.AdminURL)
	if err != nil {
		return
	}
	defer admin.Close()
	for _, n := range d.made {
		admin.Exec("DROP DATABASE IF EXISTS " + n + " WITH (FORCE)")
	}
}

func randHex() string {
	b := make([]byte, 5)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// ImportResult is the outcome of the import benchmark on one database.
type ImportResult struct {
	Dialect       store.Dialect
	Customers     int
	Invoices      int
	FileBytes     int64
	Floor         time.Duration // raw bulk insert of the invoices
	Import        time.Duration // kredo import invoices, end to end
	PeakHeapBytes uint64        // highest Go heap in use during the import
}

// Ratio is import time over floor time.
func (r ImportResult) Ratio() float64 { return r.Import.Seconds() / r.Floor.Seconds() }

func (r ImportResult) String() string {
	rate := func(d time.Duration) float64 { return float64(r.Invoices) / d.Seconds() }
	return fmt.Sprintf("%-8s %9d invoices (%d customers, %.0f MB CSV): floor %6.2fs (%7.0f rows/s)  import %6.2fs (%7.0f rows/s)  ratio %.2fx  peak heap %d MB",
		r.Dialect, r.Invoices, r.Customers, float64(r.FileBytes)/1e6, r.Floor.Seconds(), rate(r.Floor), r.Import.Seconds(), rate(r.Import),
		r.Ratio(), r.PeakHeapBytes>>20)
}

// genInvoice fills row k of the benchmark's invoices: deterministic,
// spread over the customers and two years.
func genInvoice(k, customers int, base ledger.Date, inv *ledger.Invoice) {
	c := k % customers
	day := (k * 7919) % 730
	*inv = ledger.Invoice{EntityCode: "NL01", CustomerNumber: fmt.Sprintf("D%06d", c), Kind: ledger.InvoiceKindInvoice,
		Number: fmt.Sprintf("F%08d", k), InvoiceDate: base.AddDays(day), DueDate: base.AddDays(day + 30), Currency: "EUR",
		Amount: int64(10000 + (k*7907)%990000), PaymentRef: fmt.Sprintf("%016d", 1000000000000000+k), ProductGroup: []string{"Food", "Non-food", "Packaging", "Services"}[k%4],
		Source: "csv"}
	inv.OpenAmount = inv.Amount
}

// writeInputs writes the entity, customer and invoice CSV files.
func writeInputs(dir string, customers, invoices int, base ledger.Date) (files [3]string, size int64, err error) {
	files = [3]string{filepath.Join(dir, "entities.csv"), filepath.Join(dir, "customers.csv"), filepath.Join(dir, "invoices.csv")}
	write := func(path string, kind csvfmt.Kind, fn func(w *csvfmt.Writer) error) error {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		defer f.Close()
		w := csvfmt.NewWriter(f, kind)
		if err := fn(w); err != nil {
			return err
		}
		if err := w.Flush(); err != nil {
			return err
		}
		return f.Close()
	}
	if err = write(files[0], csvfmt.Entities, func(w *csvfmt.Writer) error {
		return w.WriteEntity(ledger.Entity{Code: "NL01", Name: "Bench B.V.", Currency: "EUR"})
	}); err != nil {
		return files, 0, err
	}
	if err = write(files[1], csvfmt.Customers, func(w *csvfmt.Writer) error {
		for c := 0; c < customers; c++ {
			if err := w.WriteCustomer(ledger.Customer{EntityCode: "NL01", Number: fmt.Sprintf("D%06d", c), Name: fmt.Sprintf("Klant %d B.V.", c),
				Kind: ledger.KindB2B, Language: "nl", PaymentTerms: 30, Currency: "EUR"}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return files, 0, err
	}
	if err = write(files[2], csvfmt.Invoices, func(w *csvfmt.Writer) error {
		var inv ledger.Invoice
		for k := 0; k < invoices; k++ {
			genInvoice(k, customers, base, &inv)
			if err := w.WriteInvoice(inv); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return files, 0, err
	}
	st, err := os.Stat(files[2])
	if err != nil {
		return files, 0, err
	}
	return files, st.Size(), nil
}

// Import runs the import benchmark: the floor on one fresh database, the
// end-to-end CSV import of the same invoices on another.
func Import(ctx context.Context, dbs *Databases, customers, invoices int) (ImportResult, error) {
	res := ImportResult{Dialect: dbs.Dialect, Customers: customers, Invoices: invoices}
	base := ledger.MustDate("2024-11-01")
	files, size, err := writeInputs(dbs.Dir, customers, invoices, base)
	if err != nil {
		return res, fmt.Errorf("write benchmark files: %w", err)
	}
	res.FileBytes = size
	prepare := func() (*app.Service, func(), error) {
		dsn, err := dbs.New(ctx)
		if err != nil {
			return nil, nil, err
		}
		st, err := store.Open(ctx, dsn, store.Options{})
		if err != nil {
			return nil, nil, err
		}
		if _, err := st.Migrate(ctx); err != nil {
			st.Close()
			return nil, nil, err
		}
		svc := app.New(st, nil, nil)
		for k, kind := range []csvfmt.Kind{csvfmt.Entities, csvfmt.Customers} {
			if _, err := importFile(ctx, svc, kind, files[k]); err != nil {
				st.Close()
				return nil, nil, err
			}
		}
		return svc, func() { st.Close() }, nil
	}

	// the floor: the same rows, generated in memory, written raw
	svc, done, err := prepare()
	if err != nil {
		return res, err
	}
	ids := map[string]int64{}
	err = svc.EachCustomer(ctx, app.System, ledger.CustomerFilter{}, func(c ledger.Customer) error {
		ids[c.Number] = c.ID
		return nil
	})
	if err != nil {
		done()
		return res, err
	}
	entity, err := svc.Store().EntityByCode(ctx, "NL01")
	if err != nil {
		done()
		return res, err
	}
	start := time.Now()
	err = svc.Store().FloorInsertInvoices(ctx, invoices, func(k int, inv *ledger.Invoice) {
		genInvoice(k, customers, base, inv)
		inv.EntityID, inv.CustomerID = entity.ID, ids[inv.CustomerNumber]
	})
	res.Floor = time.Since(start)
	done()
	ids = nil
	if err != nil {
		return res, err
	}

	// Kredo's import, end to end from the file
	svc, done, err = prepare()
	if err != nil {
		return res, err
	}
	defer done()
	runtime.GC()
	stop := watchHeap(&res.PeakHeapBytes)
	start = time.Now()
	rep, err := importFile(ctx, svc, csvfmt.Invoices, files[2])
	res.Import = time.Since(start)
	stop()
	if err != nil {
		return res, err
	}
	if rep.Inserted != invoices {
		return res, fmt.Errorf("import inserted %d of %d invoices: %v", rep.Inserted, invoices, rep.Problems)
	}
	return res, nil
}

func importFile(ctx context.Context, svc *app.Service, kind csvfmt.Kind, path string) (app.ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return app.ImportReport{}, err
	}
	defer f.Close()
	rep, err := svc.ImportCSV(ctx, app.System, kind, f, path, app.ImportOptions{AllOrNothing: true})
	if err == nil && rep.Rejected > 0 {
		err = fmt.Errorf("%s rejected %d rows: %s", path, rep.Rejected, strings.TrimSpace(fmt.Sprint(rep.Problems[0])))
	}
	return rep, err
}

// watchHeap samples the Go heap until stop is called, keeping the peak.
func watchHeap(peak *uint64) (stop func()) {
	var wg sync.WaitGroup
	quit := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > *peak {
				*peak = ms.HeapInuse
			}
			select {
			case <-quit:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(quit); wg.Wait() }
}
