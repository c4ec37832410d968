package comms

import (
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// table is the item table (or the instalments) as every output renders
// it: headings, cells already formatted for the language, which columns
// are amounts (right-aligned) and the totals below.
type table struct {
	caption string // the e-mails show whose items these are; the letter's address says it
	head    []string
	right   []bool
	rows    [][]string
	totals  []totalRow
}

// totalRow is one line under the table: a label and an amount.
type totalRow struct {
	label, value string
	strong       bool
}

// itemTable builds the table of a letter's items (nil without items). The
// invoice date, days overdue and interest columns appear only when some
// item has one.
func itemTable(r *rendered) *table {
	l, lab, lang := r.letter, r.set.labels, r.set.lang
	if len(l.Lines) == 0 {
		return nil
	}
	cur := r.data.Currency
	money := func(v int64) string { return FormatMoney(lang, ledger.Money{Amount: v, Currency: cur}) }
	var withDate, withDays, withInterest bool
	for _, ln := range l.Lines {
		withDate = withDate || !ln.InvoiceDate.IsZero()
		withDays = withDays || ln.DaysOverdue > 0
		withInterest = withInterest || ln.Interest != 0
	}
	t := &table{caption: strings.NewReplacer("{number}", r.data.Customer.Number, "{name}", r.data.Customer.Name).Replace(lab.get("caption"))}
	col := func(label string, right bool) {
		t.head = append(t.head, label)
		t.right = append(t.right, right)
	}
	col(lab.get("col.number"), false)
	if withDate {
		col(lab.get("col.invoice_date"), false)
	}
	col(lab.get("col.due_date"), false)
	if withDays {
		col(lab.get("col.days"), true)
	}
	col(lab.get("col.amount"), true)
	if withInterest {
		col(lab.get("col.interest"), true)
	}
	t.rows = make([][]string, 0, len(l.Lines))
	for i, ln := range l.Lines {
		row := make([]string, 0, len(t.head))
		row = append(row, r.data.Lines[i].Number)
		if withDate {
			row = append(row, FormatDate(lang, ln.InvoiceDate))
		}
		row = append(row, FormatDate(lang, ln.DueDate))
		if withDays {
			row = append(row, strconv.Itoa(ln.DaysOverdue))
		}
		row = append(row, money(ln.Amount))
		if withInterest {
			row = append(row, money(ln.Interest))
		}
		t.rows = append(t.rows, row)
	}
	if l.Interest == 0 && l.Costs == 0 {
		t.totals = []totalRow{{label: lab.get("total"), value: money(l.Total), strong: true}}
		return t
	}
	t.totals = append(t.totals, totalRow{label: lab.get("subtotal"), value: money(l.Total)})
	if l.Interest != 0 {
		t.totals = append(t.totals, totalRow{label: lab.get("interest"), value: money(l.Interest)})
	}
	if l.Costs != 0 {
		t.totals = append(t.totals, totalRow{label: lab.get("costs"), value: money(l.Costs)})
	}
	t.totals = append(t.totals, totalRow{label: lab.get("grand_total"), value: money(l.GrandTotal()), strong: true})
	return t
}

// planTable builds the table of a payment plan's instalments.
func planTable(r *rendered) *table {
	lab, lang := r.set.labels, r.set.lang
	t := &table{head: []string{lab.get("col.instalment"), lab.get("col.due_date"), lab.get("col.amount")},
		right: []bool{false, false, true}}
	var sum int64
	for _, in := range r.data.Instalments {
		t.rows = append(t.rows, []string{strconv.Itoa(in.Number), FormatDate(lang, in.DueDate), FormatMoney(lang, in.Amount)})
		sum += in.Amount.Amount
	}
	t.totals = []totalRow{{label: lab.get("plan_total"), value: FormatMoney(lang, ledger.Money{Amount: sum, Currency: r.data.Currency}), strong: true}}
	return t
}

// tableOf returns the table a block stands for, or nil (a plan block
// without instalments renders nothing).
func tableOf(r *rendered, kind byte) *table {
	switch kind {
	case itemsBlock:
		return itemTable(r)
	case planBlock:
		if len(r.data.Instalments) > 0 {
			return planTable(r)
		}
	}
	return nil
}
