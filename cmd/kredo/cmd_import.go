package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// parseInterleaved parses flags that may come before, between or after the
// positional arguments, and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, bool, error) {
	var pos []string
	for {
		if ok, err := parse(fs, args); !ok {
			return nil, false, err
		}
		if fs.NArg() == 0 {
			return pos, true, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func cmdImport(e *env, args []string) error {
	var db dbFlags
	fl := e.flags("import", `import KIND FILE... | import --template KIND

Kinds: entities, customers, invoices, payments (CSV files), ubl (UBL 2.1 e-invoices:
Peppol BIS 3, SI-UBL 2.0, with or without SBDH envelope; FILE may be a directory),
statement (bank statements: MT940/MT942, camt.052/053/054 or a zip of those; new
transactions are booked once and payments in matched to open invoices; a statement
whose balances do not add up is rejected).
Importing the same file twice changes nothing; a changed row updates the record and
keeps its previous version. Delimiter (; , tab |), decimal comma or point and the
encoding (UTF-8, Windows-1252) are detected. Every rejected row is reported with
file, row, field and reason; the exit code is 1 when anything was rejected.
Columns: kredo import --template KIND, or docs/import-formats.md.`, &db)
	template := fl.String("template", "", "print a CSV template for KIND (entities, customers, invoices, payments) and exit")
	allOrNothing := fl.Bool("all-or-nothing", true, "reject the whole file when any row is rejected; false: import the valid rows")
	decimal := fl.String("decimal", "", "force the decimal separator: comma or point (default: detect)")
	delimiter := fl.String("delimiter", "", "force the CSV delimiter, e.g. ';' (default: detect)")
	entity := fl.String("entity", "", "entity code for UBL documents whose seller matches no entity, and for bank accounts not yet known")
	tolerance := fl.String("tolerance", "0", "statement: a payment difference up to this amount (e.g. 5.00) counts as full payment")
	asJSON := fl.Bool("json", false, "print the import reports as JSON")
	pos, ok, err := parseInterleaved(fl, args)
	if !ok {
		return err
	}
	if *template != "" {
		k, err := csvfmt.ParseKind(*template)
		if err != nil {
			return &exitError{2, err}
		}
		_, err = e.stdout.Write(csvfmt.Template(k))
		return err
	}
	if len(pos) < 2 {
		fl.Usage()
		return &exitError{2, fmt.Errorf("import needs a kind and at least one file")}
	}
	opt := app.ImportOptions{AllOrNothing: *allOrNothing, EntityCode: *entity}
	switch *decimal {
	case "":
	case "comma", ",":
		opt.CSV.Decimal = ledger.DecimalComma
	case "point", ".":
		opt.CSV.Decimal = ledger.DecimalPoint
	default:
		return &exitError{2, fmt.Errorf("--decimal must be comma or point")}
	}
	if *delimiter != "" {
		d := strings.ReplaceAll(*delimiter, `\t`, "\t")
		if utf8.RuneCountInString(d) != 1 {
			return &exitError{2, fmt.Errorf("--delimiter must be one character")}
		}
		opt.CSV.Delimiter, _ = utf8.DecodeRuneInString(d)
	}
	kind := pos[0]
	files := pos[1:]
	if kind == "statement" {
		tol, err := ledger.ParseAmount(strings.ReplaceAll(*tolerance, ",", "."), "EUR", ledger.DecimalPoint)
		if err != nil || tol < 0 {
			return &exitError{2, fmt.Errorf("--tolerance must be an amount such as 5.00")}
		}
		return importStatements(e, &db, files, app.StatementOptions{EntityCode: *entity, Tolerance: tol}, *asJSON)
	}
	var k csvfmt.Kind
	if kind == "ubl" {
		if files, err = ublFiles(files); err != nil {
			return err
		}
	} else if k, err = csvfmt.ParseKind(kind); err != nil {
		return &exitError{2, err}
	}
	log := e.logger(&db)
	svc, closeDB, err := e.open(&db, log)
	if err != nil {
		return err
	}
	defer closeDB()
	rejected := 0
	var reports []app.ImportReport
	for _, f := range files {
		rep, err := importFile(e, svc, kind, k, f, opt)
		if err != nil {
			return err
		}
		rejected += rep.Rejected
		if *asJSON {
			reports = append(reports, rep)
		} else {
			printReport(e, rep)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(reports); err != nil {
			return err
		}
	}
	if rejected > 0 {
		return &exitError{1, errSilent}
	}
	return nil
}

func importFile(e *env, svc *app.Service, kind string, k csvfmt.Kind, path string, opt app.ImportOptions) (app.ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return app.ImportReport{}, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	if kind == "ubl" {
		return svc.ImportUBL(e.ctx, app.System, f, path, opt)
	}
	return svc.ImportCSV(e.ctx, app.System, k, f, path, opt)
}

// importStatements imports bank statement files and prints a report per file.
func importStatements(e *env, db *dbFlags, files []string, opt app.StatementOptions, asJSON bool) error {
	log := e.logger(db)
	svc, closeDB, err := e.open(db, log)
	if err != nil {
		return err
	}
	defer closeDB()
	problems := 0
	var reports []app.StatementReport
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		rep, err := svc.ImportStatement(e.ctx, app.System, f, path, opt)
		f.Close()
		if err != nil {
			return err
		}
		problems += len(rep.Problems)
		if asJSON {
			reports = append(reports, rep)
		} else {
			printStatementReport(e, rep)
		}
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(reports); err != nil {
			return err
		}
	}
	if problems > 0 {
		return &exitError{1, errSilent}
	}
	return nil
}

func printStatementReport(e *env, r app.StatementReport) {
	state := "imported"
	if !r.Committed {
		state = "NOT imported (nothing written)"
	}
	fmt.Fprintf(e.stdout, "%s: statement %s: %d statements (%d imported before), %d transactions: %d new, %d already booked\n",
		r.File, state, r.Statements, r.KnownStatements, r.Transactions, r.New, r.AlreadyBooked)
	if r.Committed {
		var amounts []string
		for cur, v := range r.AutoAmounts {
			amounts = append(amounts, cur+" "+ledger.FormatAmount(v, cur))
		}
		sort.Strings(amounts)
		fmt.Fprintf(e.stdout, "  matched automatically: %d", r.AutoMatched)
		if len(amounts) > 0 {
			fmt.Fprintf(e.stdout, " (%s)", strings.Join(amounts, ", "))
		}
		fmt.Fprintf(e.stdout, "; suggested: %d; unmatched: %d; not payments in: %d", r.Suggested, r.Unmatched, r.Ignored)
		if r.Pending > 0 {
			fmt.Fprintf(e.stdout, "; pending (skipped): %d", r.Pending)
		}
		fmt.Fprintln(e.stdout)
	}
	for _, p := range r.Problems {
		fmt.Fprintf(e.stdout, "  %s\n", p)
	}
}

// ublFiles expands directories into the .xml files below them.
func ublFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".xml") {
				found = append(found, p)
			}
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

func printReport(e *env, r app.ImportReport) {
	state := "imported"
	if !r.Committed {
		state = "NOT imported (nothing written)"
	}
	fmt.Fprintf(e.stdout, "%s: %s %s: %d rows: %d inserted, %d updated, %d unchanged, %d rejected",
		r.File, r.Kind, state, r.Rows, r.Inserted, r.Updated, r.Unchanged, r.Rejected)
	if r.Detected != "" {
		fmt.Fprintf(e.stdout, " (%s)", r.Detected)
	}
	fmt.Fprintln(e.stdout)
	for _, p := range r.Problems {
		fmt.Fprintf(e.stdout, "  %s\n", p)
	}
	if n := r.Rejected - len(r.Problems); n > 0 {
		fmt.Fprintf(e.stdout, "  ... and %d more rejected rows\n", n)
	}
	if !r.Committed && r.Rejected > 0 {
		fmt.Fprintln(e.stdout, "  fix the rows above and import again, or use --all-or-nothing=false to import the valid rows")
	}
}
