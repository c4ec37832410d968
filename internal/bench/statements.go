package bench

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/auth"
	"github.com/kredo-dev/kredo/internal/bank/parse"
	"github.com/kredo-dev/kredo/internal/demo"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// StatementsResult is the outcome of the statement benchmark on one database.
type StatementsResult struct {
	Dialect       store.Dialect
	Lines         int // credit lines in the statement
	OpenItems     int
	FileBytes     int
	Floor         time.Duration // parse plus exact lookups in memory
	Import        time.Duration // kredo import statement: parse, match, allocate, write
	Auto          int           // lines matched automatically by the import
	PeakHeapBytes uint64
	Demo          []demo.StatementQuality // the demo company's statements, against the truth
	DemoLoad      time.Duration           // loading the demo company with its statements
}

func (r StatementsResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-8s %d credit lines against %d open items (%.1f MB MT940): floor %5.2fs  import %5.2fs  ratio %.1fx  %d automatic  peak heap %d MB",
		r.Dialect, r.Lines, r.OpenItems, float64(r.FileBytes)/1e6, r.Floor.Seconds(), r.Import.Seconds(), r.Import.Seconds()/r.Floor.Seconds(),
		r.Auto, r.PeakHeapBytes>>20)
	var lines, auto, wrong, other, otherAuto int
	var amount, autoAmount int64
	for _, q := range r.Demo {
		lines, auto, wrong, other, otherAuto = lines+q.Lines, auto+q.Auto, wrong+q.Wrong, other+q.Other, otherAuto+q.OtherAuto
		amount, autoAmount = amount+q.Amount, autoAmount+q.AutoAmount
	}
	if lines > 0 {
		fmt.Fprintf(&b, "\n         demo statements (loaded in %.1fs): %d payment lines, %.1f%% automatic (%.1f%% of the amount), %d wrong; %d other lines in, %d matched",
			r.DemoLoad.Seconds(), lines, 100*float64(auto)/float64(lines), 100*float64(autoAmount)/float64(max(amount, 1)), wrong, other, otherAuto)
		for _, q := range r.Demo {
			fmt.Fprintf(&b, "\n           %s: %d lines, %d automatic (%.1f%%), %d wrong; by how the payer wrote it:", q.Entity, q.Lines, q.Auto, q.AutoRate(), q.Wrong)
			for _, k := range []string{"exact", "kenmerk-text", "mangled", "parent", "generic", "typo", "short", "partial", "overpaid"} {
				if m, ok := q.ByMess[k]; ok {
					fmt.Fprintf(&b, " %s %d/%d", k, m[1], m[0])
				}
			}
		}
	}
	return b.String()
}

// Statements measures a bank statement of lines credit lines against
// three open items per line's customer (lines customers): the floor
// (parse the file and look each line's invoice number up in a map) and
// kredo's import end to end (parse, match, allocate, book). When
// demoCustomers > 0 it also loads the demo company of that size in a
// fresh database and reports how its statements were matched.
func Statements(ctx context.Context, dbs *Databases, lines, demoCustomers int) (StatementsResult, error) {
	res := StatementsResult{Dialect: dbs.Dialect, Lines: lines, OpenItems: lines * 3}
	today := ledger.MustDate("2026-11-23")
	st, err := dbs.Open(ctx)
	if err != nil {
		return res, err
	}
	defer st.Close()
	svc := app.New(st, nil, func() time.Time { return today.Time().Add(7 * time.Hour) })
	if err := loadOverdue(ctx, st, lines, 3, today); err != nil {
		return res, fmt.Errorf("load: %w", err)
	}
	if st.Dialect() == store.Postgres {
		// a database in use has statistics (autovacuum analyses what was loaded)
		if _, err := st.DB().ExecContext(ctx, "ANALYZE"); err != nil {
			return res, err
		}
	}
	file := statementFile(lines, today)
	res.FileBytes = len(file)

	// the floor: parse, and find each line's invoice by its number in a map
	runtime.GC()
	start := time.Now()
	sts, err := parse.Parse(bytes.NewReader(file), "bench.sta")
	if err != nil {
		return res, err
	}
	byNumber := make(map[string]int, res.OpenItems)
	for n := 0; n < res.OpenItems; n++ {
		byNumber[fmt.Sprintf("F%08d", n)] = n
	}
	found := 0
	for _, s := range sts {
		for _, e := range s.Transactions() {
			if i := strings.LastIndex(e.Remittance, "F"); i >= 0 {
				if _, ok := byNumber[e.Remittance[i:]]; ok {
					found++
				}
			}
		}
	}
	res.Floor = time.Since(start)
	if found == 0 {
		return res, fmt.Errorf("floor found no invoice numbers")
	}

	runtime.GC()
	stop := watchHeap(&res.PeakHeapBytes)
	start = time.Now()
	rep, err := svc.ImportStatement(ctx, app.System, bytes.NewReader(file), "bench.sta", app.StatementOptions{EntityCode: "NL01"})
	res.Import = time.Since(start)
	stop()
	if err != nil {
		return res, err
	}
	if !rep.Committed {
		return res, fmt.Errorf("statement rejected: %+v", rep.Problems)
	}
	res.Auto = rep.AutoMatched

	if demoCustomers > 0 {
		dst, err := dbs.Open(ctx)
		if err != nil {
			return res, err
		}
		defer dst.Close()
		dsvc := app.New(dst, nil, func() time.Time { return today.Time().Add(7 * time.Hour) })
		start = time.Now()
		sum, err := dsvc.LoadDemo(ctx, demo.Config{Seed: 1, Customers: demoCustomers, Today: today}, auth.Params{Memory: 1024, Time: 1, Threads: 1})
		res.DemoLoad = time.Since(start)
		if err != nil {
			return res, fmt.Errorf("demo: %w", err)
		}
		res.Demo = sum.Statements
	}
	return res, nil
}

// statementFile writes an MT940 file of daily statements with lines
// credit lines: line k pays customer k's first invoice (F{3k}), named in
// the text ("Factuur F00000003"), by its number without the prefix, or
// together with the customer's second invoice; 1,000 lines a statement.
func statementFile(lines int, today ledger.Date) []byte {
	var b bytes.Buffer
	var bal int64
	amount := func(n int) int64 { return int64(5000 + (n*7907)%400000) }
	mt := func(c int64) string { return fmt.Sprintf("%d,%02d", c/100, c%100) }
	for k, num := 0, 1; k < lines; num++ {
		d := today.AddDays(-(lines - k) / 1000)
		day := d.Time().Format("060102")
		fmt.Fprintf(&b, "{1:F01INGBNL2AXXX0000000000}{2:I940INGBNL2AXXXN}{4:\r\n:20:BENCH%d\r\n:25:NL91ABNA0417164300EUR\r\n:28C:%05d\r\n:60F:C%sEUR%s\r\n",
			num, num, day, mt(bal))
		for end := min(k+1000, lines); k < end; k++ {
			n := 3 * k
			amt, text := amount(n), fmt.Sprintf("Factuur F%08d", n)
			switch k % 10 {
			case 7:
				text = fmt.Sprintf("fact %08d", n)
			case 8:
				amt += amount(n + 1)
				text = fmt.Sprintf("F%08d F%08d", n, n+1)
			}
			fmt.Fprintf(&b, ":61:%s%sC%sNTRFNONREF//B%07d\r\n:86:/CNTP/NL%02dINGB%010d/INGBNL2A/KLANT %d BV///REMI/USTD//%s/\r\n",
				day, day[2:], mt(amt), k, 10+k%89, k, k, text)
			bal += amt
		}
		fmt.Fprintf(&b, ":62F:C%sEUR%s\r\n-}\r\n", day, mt(bal))
	}
	return b.Bytes()
}
