package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// The windows of the steering figures (docs/kpi.md).
const (
	// KPIWindowMonths is the period of the standard DSO, best possible DSO,
	// ADD, CEI and payment timing: the calendar months ending with the
	// as-of date's month, the last one up to the as-of date.
	KPIWindowMonths = 3
	// KPICountbackMonths is how far the countback DSO may count back.
	KPICountbackMonths = 12
)

// KPIDimensions are the dimensions figures can be broken down by, in the
// order the UI offers them.
var KPIDimensions = []string{kpi.DimEntity, kpi.DimSegment, kpi.DimRegion, kpi.DimProductGroup, kpi.DimController,
	kpi.DimCustomer, kpi.DimGroup}

// KPIRequest asks for the figures of one entity, or of every entity the
// user may see, as of a date, optionally broken down by a dimension.
type KPIRequest struct {
	Entity string      // entity code; "" for every entity in scope
	AsOf   ledger.Date // zero: today
	By     []string    // break down by each of these KPIDimensions
}

// KPIFigures are the figures of one group of items, in the entity's currency.
type KPIFigures struct {
	kpi.Figures                   // over the window; aging at its end
	Countback   kpi.Countback     // countback DSO at the window's end
	Timing      kpi.PaymentTiming // payments dated in the window
}

// KPIRow is the figures of the items sharing one value of a dimension.
type KPIRow struct {
	Value string // "" for items without a value
	// Customer is the customer the value names (dimensions customer and
	// group), for links and names; zero otherwise.
	Customer     int64
	CustomerName string
	KPIFigures
}

// KPIBreakdown is the figures by one dimension.
type KPIBreakdown struct {
	Dimension string
	Rows      []KPIRow // sorted by overdue amount, largest first
}

// KPIReport is the figures of one entity as of a date.
type KPIReport struct {
	Entity    ledger.Entity
	AsOf      ledger.Date
	Window    kpi.Period
	Total     KPIFigures
	Promises  kpi.PromiseStats // promises falling due in the window (kept or broken)
	Dunning   KPIDunning       // dunning effectiveness per level (kpi_behaviour.go)
	Disputes  kpi.DisputeStats // disputes resolved in the window, and open at its end
	By        []KPIBreakdown   // one per dimension asked for
	Converted []string         // other currencies converted into the entity's at the rates on AsOf
}

// KPI returns the figures as of req.AsOf from the ledger's history, one
// report per entity (the one asked for, or every entity the user may see).
func (s *Service) KPI(ctx context.Context, u ledger.User, req KPIRequest) ([]KPIReport, error) {
	if req.AsOf.IsZero() {
		req.AsOf = s.Today()
	}
	for _, by := range req.By {
		if !slices.Contains(KPIDimensions, by) {
			return nil, ledger.Errorf(ledger.ErrInvalid, "unknown dimension %q (one of %v)", by, KPIDimensions)
		}
	}
	es, err := s.kpiEntities(ctx, u, req.Entity)
	if err != nil {
		return nil, err
	}
	out := make([]KPIReport, 0, len(es))
	for _, e := range es {
		r, err := s.entityKPI(ctx, e, req)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// MostOverdue returns the first n customers of the report's customer
// breakdown that have something overdue, most overdue first (none without
// that breakdown): the dashboard's list and the monthly report's. The rows
// are shared with the kept figures: read them, do not change them.
func (r KPIReport) MostOverdue(n int) []KPIRow {
	for _, b := range r.By {
		if b.Dimension != kpi.DimCustomer {
			continue
		}
		k := 0
		for k < min(n, len(b.Rows)) && b.Rows[k].Aging.Overdue().Amount > 0 {
			k++
		}
		return b.Rows[:k:k]
	}
	return nil
}

// kpiEntities returns the entity with the code, or every entity, in scope.
func (s *Service) kpiEntities(ctx context.Context, u ledger.User, code string) ([]ledger.Entity, error) {
	es, err := s.store.Entities(ctx, u.Scope())
	if err != nil {
		return nil, fmt.Errorf("kpi: %w", err)
	}
	if code == "" {
		return es, nil
	}
	for _, e := range es {
		if e.Code == code {
			return []ledger.Entity{e}, nil
		}
	}
	return nil, ledger.Errorf(ledger.ErrNotFound, "entity %q not found", code)
}

// KPIWindow returns the window of the figures as of asOf.
func KPIWindow(asOf ledger.Date) kpi.Period {
	return kpi.Period{From: kpi.Months(asOf, KPIWindowMonths)[0].From, To: asOf}
}

// computeEntityKPI computes the figures of the entity from the ledger's
// history; entityKPI keeps them.
func (s *Service) computeEntityKPI(ctx context.Context, e ledger.Entity, req KPIRequest) (KPIReport, error) {
	r := KPIReport{Entity: e, AsOf: req.AsOf, Window: KPIWindow(req.AsOf)}
	dims, err := s.store.KPIDimensions(ctx, e.ID)
	if err != nil {
		return r, err
	}
	// The items with their history and the monthly sales are read at the
	// same time, on two reader connections (the machine's cores are few,
	// the database's work is most of the time).
	months := kpi.Months(req.AsOf, KPICountbackMonths)
	var cells []store.SalesCell
	var salesErr error
	read := make(chan struct{})
	go func() {
		defer close(read)
		cells, salesErr = s.store.KPISales(ctx, e.ID, months[0].From, req.AsOf)
	}()
	items, err := s.store.KPIItems(ctx, store.KPIQuery{EntityID: e.ID, Since: r.Window.From.AddDays(-1), Until: req.AsOf}, dims)
	<-read
	if err != nil {
		return r, err
	}
	if salesErr != nil {
		return r, salesErr
	}
	cur := e.Currency
	var rates *kpi.RateTable // loaded when another currency appears
	conv := newConverter(ctx, s, cur, req.AsOf, &rates)
	if items, err = conv.items(items); err != nil {
		return r, err
	}
	// Sales per group and month, converted, for the countback: the total's
	// under the zero key, a dimension value's under {dimension, value}.
	type salesKey struct{ dim, value string }
	sales := map[salesKey][]kpi.PeriodSales{}
	first := months[0].From
	for _, c := range cells {
		k := (c.Month.Year()-first.Year())*12 + int(c.Month.Month()) - int(first.Month())
		if k < 0 || k >= len(months) {
			continue
		}
		amount, err := conv.amount(c.Amount, c.Currency)
		if err != nil {
			return r, err
		}
		add := func(key salesKey) {
			ps := sales[key]
			if ps == nil {
				ps = make([]kpi.PeriodSales, len(months))
				for j, m := range months {
					ps[j].Period = m
				}
				sales[key] = ps
			}
			ps[k].Sales += amount
		}
		add(salesKey{})
		d := dims.For(c.CustomerID, c.ProductGroup)
		for _, by := range req.By {
			add(salesKey{by, d[by]})
		}
	}
	r.Converted = conv.used()
	r.Total = figuresOf(items, cur, r.Window, sales[salesKey{}])
	for _, by := range req.By {
		groups := map[string][]kpi.Item{}
		for _, it := range items {
			groups[it.Dims[by]] = append(groups[it.Dims[by]], it)
		}
		b := KPIBreakdown{Dimension: by}
		for _, row := range kpi.ByDimension(items, by, cur, r.Window) {
			f := KPIFigures{Figures: row.Figures}
			f.Countback = kpi.CountbackDSO(f.Aging.Net(), sales[salesKey{by, row.Value}])
			f.Timing = kpi.PaymentTimingIn(groups[row.Value], cur, r.Window)
			kr := KPIRow{Value: row.Value, KPIFigures: f}
			if by == kpi.DimCustomer || by == kpi.DimGroup {
				kr.Customer = dims.Numbers[row.Value]
				kr.CustomerName = dims.Names[kr.Customer]
			}
			b.Rows = append(b.Rows, kr)
		}
		r.By = append(r.By, b)
	}
	promises, err := s.store.KPIPromises(ctx, e.ID, r.Window.From, r.Window.To)
	if err != nil {
		return r, err
	}
	for k := range promises {
		if promises[k].Amount, err = conv.amount(promises[k].Amount, promises[k].Currency); err != nil {
			return r, err
		}
		promises[k].Currency = cur
	}
	r.Promises = kpi.PromisesKept(promises, cur, r.Window)
	return r, s.behaviourKPI(ctx, &r, items)
}

// figuresOf computes the figures of items (all in currency cur) over the
// window, with the countback over the monthly sales.
func figuresOf(items []kpi.Item, cur string, window kpi.Period, sales []kpi.PeriodSales) KPIFigures {
	f := KPIFigures{Figures: kpi.Compute(items, cur, window)}
	f.Countback = kpi.CountbackDSO(f.Aging.Net(), sales)
	f.Timing = kpi.PaymentTimingIn(items, cur, window)
	return f
}

// converter converts amounts into the entity's currency at the rates valid
// on one date, loading the rate table only when another currency appears.
type converter struct {
	ctx   context.Context
	s     *Service
	to    string
	on    ledger.Date
	rates **kpi.RateTable
	seen  map[string]bool
}

func newConverter(ctx context.Context, s *Service, to string, on ledger.Date, rates **kpi.RateTable) *converter {
	return &converter{ctx: ctx, s: s, to: to, on: on, rates: rates, seen: map[string]bool{}}
}

func (c *converter) table() (*kpi.RateTable, error) {
	if *c.rates == nil {
		t, err := c.s.rateTable(c.ctx)
		if err != nil {
			return nil, err
		}
		*c.rates = t
	}
	return *c.rates, nil
}

func (c *converter) explain(from string, err error) error {
	if errors.Is(err, kpi.ErrNoRate) {
		return ledger.Errorf(ledger.ErrInvalid, "no %s/%s exchange rate on or before %s: import one with `kredo kpi rates FILE`", from, c.to, c.on)
	}
	return fmt.Errorf("convert %s into %s: %w", from, c.to, err)
}

func (c *converter) amount(v int64, from string) (int64, error) {
	if from == c.to {
		return v, nil
	}
	t, err := c.table()
	if err != nil {
		return 0, err
	}
	out, err := t.Convert(v, from, c.to, c.on)
	if err != nil {
		return 0, c.explain(from, err)
	}
	c.seen[from] = true
	return out, nil
}

func (c *converter) items(items []kpi.Item) ([]kpi.Item, error) {
	foreign := false
	for i := range items {
		if items[i].Currency != c.to {
			foreign = true
			c.seen[items[i].Currency] = true
		}
	}
	if !foreign {
		return items, nil
	}
	t, err := c.table()
	if err != nil {
		return nil, err
	}
	out, err := kpi.ConvertItems(items, c.to, t, c.on)
	if err != nil {
		var from string
		for cur := range c.seen {
			if _, e := t.Rate(cur, c.to, c.on); e != nil {
				from = cur
			}
		}
		return nil, c.explain(from, err)
	}
	return out, nil
}

func (c *converter) aging(a kpi.Aging) (kpi.Aging, error) {
	if a.Currency == c.to {
		return a, nil
	}
	t, err := c.table()
	if err != nil {
		return a, err
	}
	out, err := a.Convert(t, c.to, c.on)
	if err != nil {
		return a, c.explain(a.Currency, err)
	}
	c.seen[a.Currency] = true
	return out, nil
}

func (c *converter) used() []string {
	out := make([]string, 0, len(c.seen))
	for cur := range c.seen {
		out = append(out, cur)
	}
	sort.Strings(out)
	return out
}

// rateTable loads the stored exchange rates.
func (s *Service) rateTable(ctx context.Context) (*kpi.RateTable, error) {
	rows, err := s.store.Rates(ctx)
	if err != nil {
		return nil, err
	}
	rs := make([]kpi.Rate, 0, len(rows))
	for _, r := range rows {
		rate, err := kpi.ParseRate(r.From, r.To, r.Date, r.Rate)
		if err != nil {
			return nil, fmt.Errorf("stored rate: %w", err)
		}
		rs = append(rs, rate)
	}
	return kpi.NewRateTable(rs)
}
