package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/law"
	"github.com/kredo-dev/kredo/internal/ledger"
)

const calcUsage = `calc costs AMOUNT [--consumer [--sent DATE | --received DATE] [--today DATE]] [--vat PCT]
       kredo calc interest --kind commercial|consumer --principal AMOUNT --due DATE --until DATE [--rates FILE]
       kredo calc rates

Figures Dutch law allows on an overdue claim, with their breakdown. No database is used.

costs     collection costs (buitengerechtelijke incassokosten) on the principal AMOUNT by the
          scale of art. 2 Besluit vergoeding voor buitengerechtelijke incassokosten: 15%, 10%,
          5%, 1%, 0.5% over brackets; at least EUR 40, at most EUR 6,775. --vat adds VAT when
          the creditor cannot deduct it. --consumer explains the 14-day letter (art. 6:96 lid 6
          BW) and, given the day it was sent or received, from which day the costs are due.
interest  statutory interest from the day after DATE due up to and including --until: consumer
          (wettelijke rente, art. 6:119 BW) or commercial (handelsrente, art. 6:119a BW), at the
          rates in force on each day, compounded yearly; days/365.
rates     print the rate table Kredo ships (CSV); edit a copy and pass it with --rates.

AMOUNT is in euros: 1234.56, 1,234.56, 1.234,56 and 1234,56 are accepted; a separator followed
by exactly three digits groups thousands (1.234 is one thousand two hundred thirty-four).`

// cmdCalc computes collection costs and statutory interest by hand.
func cmdCalc(e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintf(e.stderr, "Usage: kredo %s\n", calcUsage)
		if len(args) == 0 {
			return &exitError{2, fmt.Errorf("calc needs costs, interest or rates")}
		}
		return nil
	}
	switch args[0] {
	case "costs":
		return calcCosts(e, args[1:])
	case "interest":
		return calcInterest(e, args[1:])
	case "rates":
		fl := e.flags("calc rates", calcUsage, nil)
		if ok, err := parse(fl, args[1:]); !ok {
			return err
		}
		_, err := e.stdout.Write(law.RatesNLCSV())
		return err
	}
	fmt.Fprintf(e.stderr, "Usage: kredo %s\n", calcUsage)
	return &exitError{2, fmt.Errorf("calc: unknown calculation %q, want costs, interest or rates", args[0])}
}

func calcCosts(e *env, args []string) error {
	fl := e.flags("calc costs", calcUsage, nil)
	consumer := fl.Bool("consumer", false, "the debtor is a consumer: explain the 14-day letter")
	vat := fl.String("vat", "", "add VAT at PCT percent (21 in NL) because the creditor cannot deduct it")
	sent := fl.String("sent", "", "with --consumer: the day the 14-day letter was sent (YYYY-MM-DD)")
	received := fl.String("received", "", "with --consumer: the day the 14-day letter was received (YYYY-MM-DD)")
	today := fl.String("today", "", "with --consumer: the day to check whether the costs are due (default: today)")
	pos, ok, err := parseInterleaved(fl, args)
	if !ok {
		return err
	}
	if len(pos) != 1 {
		fl.Usage()
		return &exitError{2, fmt.Errorf("calc costs needs one AMOUNT")}
	}
	principal, err := parseEUR(pos[0])
	if err != nil {
		return &exitError{2, err}
	}
	var opt law.CostOptions
	if *vat != "" {
		bp, err := law.ParsePercent(*vat)
		if err != nil || bp == 0 {
			return &exitError{2, fmt.Errorf("--vat %q: want a percentage such as 21", *vat)}
		}
		opt = law.CostOptions{VAT: true, VATRateBP: int(bp)}
	}
	var sentD, recD, todayD ledger.Date
	for _, f := range []struct {
		name, val string
		to        *ledger.Date
	}{{"sent", *sent, &sentD}, {"received", *received, &recD}, {"today", *today, &todayD}} {
		if f.val == "" {
			continue
		}
		if !*consumer {
			return &exitError{2, fmt.Errorf("--%s needs --consumer", f.name)}
		}
		if *f.to, err = ledger.ParseDate(f.val); err != nil {
			return &exitError{2, fmt.Errorf("--%s: %w", f.name, err)}
		}
	}
	b, err := law.CollectionCosts(principal, opt)
	if err != nil {
		return &exitError{2, fmt.Errorf("calc costs: %s", ledger.UserMessage(err))}
	}
	w := e.stdout
	fmt.Fprintf(w, "Collection costs (buitengerechtelijke incassokosten) on %s\n", eur(principal))
	fmt.Fprintf(w, "Scale of art. 2 Besluit vergoeding voor buitengerechtelijke incassokosten\n\n")
	t := &table{right: []bool{false, true, true, true}}
	t.add("Bracket of the principal", "Rate", "Part in bracket", "Costs")
	for _, l := range b.Lines {
		bracket := eur(l.From) + " - " + eur(l.To)
		if l.To.Amount == 0 {
			bracket = "above " + eur(l.From)
		}
		t.add(bracket, law.FormatPercent(l.RateBP), eur(l.Base), eur(l.Amount))
	}
	t.add("Subtotal", "", "", eur(b.Subtotal))
	if b.MinimumApplied {
		t.add("Minimum applies (art. 2 lid 2)", "", "", eur(b.Costs))
	}
	if b.MaximumApplied {
		t.add("Maximum applies (art. 2 lid 1)", "", "", eur(b.Costs))
	}
	if opt.VAT {
		t.add("VAT (art. 2 lid 3)", law.FormatPercent(int64(b.VATRateBP)), "", eur(b.VAT))
	}
	t.add("Collection costs", "", "", eur(b.Total))
	t.write(w)
	fmt.Fprintln(w, "\nEach bracket is rounded half up to the cent; VAT likewise.")
	if !*consumer {
		return nil
	}
	fmt.Fprintf(w, `
Consumer (art. 6:96 lid 6 BW): these costs are due only if, after the default, the consumer was
sent a letter (the 14-day letter) that states this amount and gives 14 days to pay, starting the
day after the letter is received, and the consumer did not pay within them. A letter that names
too early a start or end of the 14 days has no effect (Hoge Raad 25 November 2016,
ECLI:NL:HR:2016:2704).
`)
	if sentD.IsZero() && recD.IsZero() {
		fmt.Fprintln(w, "Give --sent or --received to compute the term.")
		return nil
	}
	term, err := law.FourteenDayTerm(sentD, recD)
	if err != nil {
		return &exitError{2, fmt.Errorf("calc costs: %s", ledger.UserMessage(err))}
	}
	if todayD.IsZero() {
		todayD = ledger.DateOf(time.Now())
	}
	fmt.Fprintln(w)
	if term.Assumed {
		fmt.Fprintf(w, "Letter sent %s; assumed received %s (the first postal delivery day after sending:\nno post on Sundays, Mondays and public holidays).\n", term.Sent, term.Received)
	} else {
		fmt.Fprintf(w, "Letter received %s.\n", term.Received)
	}
	fmt.Fprintf(w, "14 days: %s up to and including %s", term.First, term.Last)
	if term.Last != term.Received.AddDays(14) {
		fmt.Fprint(w, " (the 14th day is a weekend day or public holiday)")
	}
	fmt.Fprintf(w, ".\nThe costs are due from %s if the claim is still unpaid.\n", term.CostsFrom)
	if term.CostsDue(todayD) {
		fmt.Fprintf(w, "On %s: due.\n", todayD)
	} else {
		fmt.Fprintf(w, "On %s: not yet due.\n", todayD)
	}
	return nil
}

func calcInterest(e *env, args []string) error {
	fl := e.flags("calc interest", calcUsage, nil)
	kindS := fl.String("kind", "", "commercial (art. 6:119a BW) or consumer (art. 6:119 BW)")
	principalS := fl.String("principal", "", "the unpaid principal, in euros")
	dueS := fl.String("due", "", "the last day to pay (YYYY-MM-DD); interest runs from the next day")
	untilS := fl.String("until", "", "the last day of interest, inclusive (YYYY-MM-DD), e.g. the day of payment")
	ratesF := fl.String("rates", "", "a rate table (CSV, see kredo calc rates) instead of the one Kredo ships")
	pos, ok, err := parseInterleaved(fl, args)
	if !ok {
		return err
	}
	if len(pos) != 0 {
		fl.Usage()
		return &exitError{2, fmt.Errorf("calc interest takes flags only, not %q", pos[0])}
	}
	if *kindS == "" || *principalS == "" || *dueS == "" || *untilS == "" {
		fl.Usage()
		return &exitError{2, fmt.Errorf("calc interest needs --kind, --principal, --due and --until")}
	}
	kind, err := law.ParseKind(*kindS)
	if err != nil {
		return &exitError{2, fmt.Errorf("--kind: %w", err)}
	}
	principal, err := parseEUR(*principalS)
	if err != nil {
		return &exitError{2, fmt.Errorf("--principal: %w", err)}
	}
	due, err := ledger.ParseDate(*dueS)
	if err != nil {
		return &exitError{2, fmt.Errorf("--due: %w", err)}
	}
	until, err := ledger.ParseDate(*untilS)
	if err != nil {
		return &exitError{2, fmt.Errorf("--until: %w", err)}
	}
	if !until.After(due) {
		return &exitError{2, fmt.Errorf("--until %s must be after --due %s: no interest before the day after the due date", until, due)}
	}
	rates := law.NL().Rates
	if *ratesF != "" {
		if rates, err = loadRatesFile(*ratesF); err != nil {
			return err
		}
	}
	b, err := law.StatutoryInterest(kind, principal, due.AddDays(1), until, rates)
	if err != nil {
		return fmt.Errorf("calc interest: %s", ledger.UserMessage(err))
	}
	w := e.stdout
	if kind == law.Commercial {
		fmt.Fprintln(w, "Statutory commercial interest (wettelijke handelsrente, art. 6:119a BW)")
	} else {
		fmt.Fprintln(w, "Statutory interest (wettelijke rente, art. 6:119 BW)")
	}
	fmt.Fprintf(w, "Principal %s, due %s; interest from %s up to and including %s (%d days)\n\n",
		eur(principal), due, b.From, b.Until, b.Days)
	t := &table{right: []bool{false, false, true, true, true, true}}
	t.add("From", "To", "Days", "Rate", "Base", "Interest")
	for _, p := range b.Periods {
		t.add(p.From.String(), p.To.String(), fmt.Sprint(p.Days), law.FormatPercent(p.RateBP), eur(p.Base), eur(p.Interest))
	}
	t.add("Interest", "", "", "", "", eur(b.Interest))
	t.add("Principal + interest", "", "", "", "", eur(b.Total))
	t.write(w)
	if len(b.Capitalisations) > 0 {
		article := "art. 6:119 lid 2 BW"
		if kind == law.Commercial {
			article = "art. 6:119a lid 3 BW"
		}
		fmt.Fprintf(w, "\nAdded to the base after each full year (%s):\n", article)
		for _, c := range b.Capitalisations {
			fmt.Fprintf(w, "  %s  %s interest of the year ending %s; base from then on %s\n", c.Date, eur(c.Interest), c.Date.AddDays(-1), eur(c.NewBase))
		}
	}
	fmt.Fprintf(w, "\nDays counted exactly over %d (leap years too); each interest year is rounded half up\nto the cent once, and the periods show their share of it.\n", b.DayBasis)
	// rows that govern a day of the computation but could not be verified
	rows := rates.Rows(kind)
	for i, r := range rows {
		governs := !r.From.After(b.Until) && (i == len(rows)-1 || rows[i+1].From.After(b.From))
		if governs && r.Status == law.StatusUnverified {
			fmt.Fprintf(w, "Check: the %s rate from %s (%s) is unverified in Kredo's table (kredo calc rates).\n", kind, r.From, law.FormatPercent(r.RateBP))
		}
	}
	if len(rows) > 0 {
		if end := rows[len(rows)-1].From.AddMonths(6); !until.Before(end) {
			fmt.Fprintf(w, "Check: the table has no %s rate from %s on; its last rate (%s) was used.\n", kind, end, law.FormatPercent(rows[len(rows)-1].RateBP))
		}
	}
	return nil
}

// loadRatesFile reads an operator's rate table.
func loadRatesFile(path string) (law.RateTable, error) {
	f, err := os.Open(path)
	if err != nil {
		return law.RateTable{}, fmt.Errorf("--rates: %w", err)
	}
	defer f.Close()
	t, err := law.LoadRates(f)
	if err != nil {
		return law.RateTable{}, fmt.Errorf("--rates %s: %w", path, err)
	}
	return t, nil
}

// parseEUR parses a euro amount written with either decimal separator. The
// last '.' or ',' decides: followed by exactly three digits it groups
// thousands (and the other character would be the decimal separator);
// otherwise it is the decimal separator. "1.234,56", "1,234.56", "1234,5",
// "1.234" (= 1234) and "1234" are accepted; "0.125" is not (ambiguous).
func parseEUR(s string) (ledger.Money, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "EUR"), "€"))
	dec := ledger.DecimalPoint
	if i := strings.LastIndexAny(s, ".,"); i >= 0 {
		grouping := len(s)-i-1 == 3
		if grouping {
			first := s[:strings.IndexAny(s, ".,")]
			if len(first) == 0 || len(first) > 3 || first[0] == '0' {
				return ledger.Money{}, fmt.Errorf("amount %q is ambiguous: write decimals with one or two digits, or group thousands as 1.234.567", s)
			}
		}
		if (s[i] == ',') != grouping {
			dec = ledger.DecimalComma
		}
	}
	v, err := ledger.ParseAmount(s, "EUR", dec)
	if err != nil {
		return ledger.Money{}, err
	}
	if v <= 0 {
		return ledger.Money{}, fmt.Errorf("amount %q must be positive", s)
	}
	return ledger.EUR(v), nil
}

// eur formats money for people: "EUR 1,234.56".
func eur(m ledger.Money) string {
	s := ledger.FormatAmount(m.Amount, m.Currency)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var g strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			g.WriteByte(',')
		}
		g.WriteRune(c)
	}
	if hasFrac {
		return m.Currency + " " + sign + g.String() + "." + frac
	}
	return m.Currency + " " + sign + g.String()
}

// table prints rows in aligned columns, two spaces apart, indented by two.
type table struct {
	right []bool // right-align column i
	rows  [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer) {
	width := make([]int, len(t.right))
	for _, r := range t.rows {
		for i, c := range r {
			if n := len([]rune(c)); n > width[i] && (i > 0 || !isSummary(r)) {
				width[i] = n
			}
		}
	}
	pad := func(c string, n int, right bool) string {
		p := strings.Repeat(" ", max(0, n-len([]rune(c))))
		if right {
			return p + c
		}
		return c + p
	}
	last := len(width) - 1
	for _, r := range t.rows {
		var b strings.Builder
		b.WriteString("  ")
		if isSummary(r) { // the label spans every column but the last
			span := 2 * (last - 1)
			for _, n := range width[:last] {
				span += n
			}
			b.WriteString(pad(r[0], span, false) + "  " + pad(r[last], width[last], t.right[last]))
		} else {
			for i, c := range r {
				if i > 0 {
					b.WriteString("  ")
				}
				b.WriteString(pad(c, width[i], t.right[i]))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// isSummary reports whether a row is a label followed only by its last cell;
// such labels may run into the empty columns instead of widening the first.
func isSummary(r []string) bool {
	for _, c := range r[1 : len(r)-1] {
		if c != "" {
			return false
		}
	}
	return len(r) > 2
}
