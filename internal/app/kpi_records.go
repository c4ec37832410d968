package app

import (
	"strconv"

	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// Hundredths is a figure in hundredths (days or percent): 6000 is 60.00.
// It is written as a JSON number with two decimals.
type Hundredths int64

// String formats the figure with two decimals.
func (h Hundredths) String() string { return kpi.Days(h).String() }

// MarshalJSON writes the figure as a number ("60.00" without quotes).
func (h Hundredths) MarshalJSON() ([]byte, error) { return []byte(h.String()), nil }

func defined(v int64, ok bool) *Hundredths {
	if !ok {
		return nil
	}
	h := Hundredths(v)
	return &h
}

// field is the CSV field of a figure: two decimals, empty when undefined.
func (h *Hundredths) field() string {
	if h == nil {
		return ""
	}
	return h.String()
}

// KPIRecord is one line of figures, flat: the same fields in the CLI's
// table, CSV and JSON, the API and the dashboard's export. Amounts are minor
// units of Currency; a figure that is undefined (nothing sold, nothing
// open) is nil (JSON null, empty in CSV).
type KPIRecord struct {
	Entity        string      `json:"entity"`
	Currency      string      `json:"currency"`
	AsOf          ledger.Date `json:"as_of"`
	WindowFrom    ledger.Date `json:"window_from"`
	Dimension     string      `json:"dimension"` // "" for the whole entity
	Value         string      `json:"value"`
	Sales         int64       `json:"sales"`
	Beginning     int64       `json:"beginning_receivables"`
	Receivables   int64       `json:"receivables"` // net: open debit items plus credits
	NotDue        int64       `json:"not_due"`
	Days1to30     int64       `json:"overdue_1_30"`
	Days31to60    int64       `json:"overdue_31_60"`
	Days61to90    int64       `json:"overdue_61_90"`
	Days91to180   int64       `json:"overdue_91_180"`
	Over180       int64       `json:"overdue_over_180"`
	Credits       int64       `json:"credits"`
	Overdue       int64       `json:"overdue"`
	Disputed      int64       `json:"disputed"`
	DSO           *Hundredths `json:"dso"`
	CountbackDSO  *Hundredths `json:"countback_dso"`
	BestDSO       *Hundredths `json:"best_possible_dso"`
	ADD           *Hundredths `json:"average_days_delinquent"`
	CEI           *Hundredths `json:"cei"`
	OverdueShare  *Hundredths `json:"overdue_share"`
	DisputedShare *Hundredths `json:"disputed_share"`
	DaysToPay     *Hundredths `json:"days_to_pay"`
	DaysLate      *Hundredths `json:"days_late"`
	// The entity's behaviour figures, on its total line only (kpi_behaviour.go).
	Dunning  *DunningRecord `json:"dunning_effectiveness,omitempty"`
	Disputes *DisputeRecord `json:"dispute_resolution,omitempty"`
}

// Record flattens figures of the report's entity.
func (r KPIReport) Record(dim, value string, f KPIFigures) KPIRecord {
	a := f.Aging
	rec := KPIRecord{Entity: r.Entity.Code, Currency: r.Entity.Currency, AsOf: r.AsOf, WindowFrom: r.Window.From,
		Dimension: dim, Value: value, Sales: f.Sales, Beginning: f.Beginning, Receivables: a.Net(),
		NotDue: a.Buckets[kpi.NotDue].Amount, Days1to30: a.Buckets[kpi.Overdue1].Amount, Days31to60: a.Buckets[kpi.Overdue31].Amount,
		Days61to90: a.Buckets[kpi.Overdue61].Amount, Days91to180: a.Buckets[kpi.Overdue91].Amount, Over180: a.Buckets[kpi.Overdue181].Amount,
		Credits: a.Credits.Amount, Overdue: a.Overdue().Amount, Disputed: a.Disputed.Amount,
		DSO: defined(int64(f.DSO), f.HasSales), BestDSO: defined(int64(f.BestDSO), f.HasSales), ADD: defined(int64(f.ADD), f.HasSales),
		CEI: defined(int64(f.CEI), f.HasCEI), OverdueShare: defined(int64(f.OverdueShare), f.HasOpen),
		DisputedShare: defined(int64(f.DisputedShare), f.HasOpen),
		DaysToPay:     defined(int64(f.Timing.DaysToPay), f.Timing.OK), DaysLate: defined(int64(f.Timing.DaysLate), f.Timing.OK)}
	rec.CountbackDSO = defined(int64(f.Countback.Days), true)
	return rec
}

// Records returns the report's total, then its rows.
func (r KPIReport) Records() []KPIRecord {
	out := []KPIRecord{r.Record("", "", r.Total)}
	out[0].Dunning, out[0].Disputes = r.behaviourRecords()
	for _, b := range r.By {
		for _, row := range b.Rows {
			out = append(out, r.Record(b.Dimension, row.Value, row.KPIFigures))
		}
	}
	return out
}

// KPIColumns are the CSV columns of a KPIRecord, in order.
var KPIColumns = []string{"entity", "currency", "as_of", "window_from", "dimension", "value", "sales", "beginning_receivables",
	"receivables", "not_due", "overdue_1_30", "overdue_31_60", "overdue_61_90", "overdue_91_180", "overdue_over_180", "credits",
	"overdue", "disputed", "dso", "countback_dso", "best_possible_dso", "average_days_delinquent", "cei", "overdue_share",
	"disputed_share", "days_to_pay", "days_late", "disputes_resolved", "dispute_days_average", "dispute_days_p90", "disputes_open"}

// Fields returns the record's CSV fields: amounts as decimals in major
// units ("1234.56"), figures with two decimals, undefined ones empty.
func (k KPIRecord) Fields() []string {
	amt := func(v int64) string { return ledger.FormatAmount(v, k.Currency) }
	disputes := []string{"", "", "", ""} // the entity's, on its total line
	if d := k.Disputes; d != nil {
		disputes = []string{strconv.Itoa(d.Resolved), d.AverageDays.field(), d.P90Days.field(), strconv.Itoa(d.Open)}
	}
	return append([]string{k.Entity, k.Currency, k.AsOf.String(), k.WindowFrom.String(), k.Dimension, k.Value,
		amt(k.Sales), amt(k.Beginning), amt(k.Receivables), amt(k.NotDue), amt(k.Days1to30), amt(k.Days31to60), amt(k.Days61to90),
		amt(k.Days91to180), amt(k.Over180), amt(k.Credits), amt(k.Overdue), amt(k.Disputed),
		k.DSO.field(), k.CountbackDSO.field(), k.BestDSO.field(), k.ADD.field(), k.CEI.field(), k.OverdueShare.field(),
		k.DisputedShare.field(), k.DaysToPay.field(), k.DaysLate.field()}, disputes...)
}

// KPITable returns the records as CSV rows: KPIColumns, then each record's
// Fields (`kredo kpi --format csv`, the dashboard's CSV and XLSX exports).
func KPITable(recs []KPIRecord) [][]string {
	rows := make([][]string, 0, 1+len(recs))
	rows = append(rows, KPIColumns)
	for _, r := range recs {
		rows = append(rows, r.Fields())
	}
	return rows
}

// TrendRecord is one month of a trend, flat.
type TrendRecord struct {
	MonthEnd     ledger.Date `json:"month_end"`
	Currency     string      `json:"currency"`
	Receivables  int64       `json:"receivables"`
	Overdue      int64       `json:"overdue"`
	Sales        int64       `json:"sales"` // in the window (three months)
	DSO          *Hundredths `json:"dso"`
	CountbackDSO *Hundredths `json:"countback_dso"`
	BestDSO      *Hundredths `json:"best_possible_dso"`
	CEI          *Hundredths `json:"cei"`
	OverdueShare *Hundredths `json:"overdue_share"`
}

// TrendColumns are the CSV columns of a TrendRecord, in order.
var TrendColumns = []string{"month_end", "currency", "receivables", "overdue", "sales_3m", "dso", "countback_dso",
	"best_possible_dso", "cei", "overdue_share"}

// Fields returns the record's CSV fields, written as KPIRecord.Fields writes them.
func (t TrendRecord) Fields() []string {
	amt := func(v int64) string { return ledger.FormatAmount(v, t.Currency) }
	return []string{t.MonthEnd.String(), t.Currency, amt(t.Receivables), amt(t.Overdue), amt(t.Sales), t.DSO.field(),
		t.CountbackDSO.field(), t.BestDSO.field(), t.CEI.field(), t.OverdueShare.field()}
}

// Record flattens a trend point.
func (p TrendPoint) Record() TrendRecord {
	f := p.KPIFigures
	return TrendRecord{MonthEnd: p.MonthEnd, Currency: f.Currency, Receivables: f.Aging.Net(), Overdue: f.Aging.Overdue().Amount,
		Sales: f.Sales, DSO: defined(int64(f.DSO), f.HasSales), CountbackDSO: defined(int64(f.Countback.Days), true),
		BestDSO: defined(int64(f.BestDSO), f.HasSales), CEI: defined(int64(f.CEI), f.HasCEI),
		OverdueShare: defined(int64(f.OverdueShare), f.HasOpen)}
}
