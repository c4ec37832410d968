package app

import (
	"context"

	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// KPIDunningWithin is the N of the dunning effectiveness: the share of the
// amount dunned at a level that was paid within N days after (docs/kpi.md).
const KPIDunningWithin = 14

// KPIDunning is the dunning effectiveness of an entity: per level, what was
// collected within Within days of the items reaching it, of the levels
// reached in Reached (the window's days whose N days have passed by the
// as-of date; empty, with From after To, when none have).
type KPIDunning struct {
	Within  int
	Reached kpi.Period
	Levels  []kpi.DunningLevel // ascending by level; only levels something reached
}

// behaviourKPI adds the dunning effectiveness and the dispute resolution
// times to the report of one entity. items are the report's items (KPIItems
// from the day before the window, converted into the entity's currency):
// every item dunned in the window with something open then is among them.
func (s *Service) behaviourKPI(ctx context.Context, r *KPIReport, items []kpi.Item) error {
	r.Dunning = KPIDunning{Within: KPIDunningWithin,
		Reached: kpi.Period{From: r.Window.From, To: r.AsOf.AddDays(-KPIDunningWithin)}}
	if !r.Dunning.Reached.To.Before(r.Dunning.Reached.From) {
		reached, err := s.store.KPIDunningReached(ctx, r.Entity.ID, r.Dunning.Reached.From, r.Dunning.Reached.To)
		if err != nil {
			return err
		}
		byNumber := make(map[string]int, len(items))
		for k := range items {
			byNumber[items[k].Ref] = k
		}
		events := make([]kpi.DunningEvent, 0, len(reached))
		for _, d := range reached {
			// An item not among them had nothing open on the day: the
			// formula skips it all the same.
			if k, ok := byNumber[d.Number]; ok {
				events = append(events, kpi.DunningEvent{Level: d.Level, Reached: d.Reached, Item: items[k]})
			}
		}
		r.Dunning.Levels = kpi.DunningEffectiveness(events, r.Entity.Currency, KPIDunningWithin)
	}
	disputes, err := s.store.KPIDisputeLives(ctx, r.Entity.ID, r.Window.From, r.Window.To)
	if err != nil {
		return err
	}
	r.Disputes = kpi.DisputeResolution(disputes, r.Window)
	return nil
}

// DunningRecord is the dunning effectiveness in a KPIRecord (JSON).
type DunningRecord struct {
	WithinDays  int                  `json:"within_days"`
	ReachedFrom ledger.Date          `json:"reached_from"` // levels reached from..to count
	ReachedTo   ledger.Date          `json:"reached_to"`
	Levels      []DunningLevelRecord `json:"levels"`
}

// DunningLevelRecord is one level of the dunning effectiveness; amounts in
// minor units of the record's currency.
type DunningLevelRecord struct {
	Level      int         `json:"level"`
	Items      int         `json:"items"`
	Dunned     int64       `json:"dunned"`       // open on the days the items reached the level
	Collected  int64       `json:"collected"`    // of which paid within WithinDays
	PaidInFull int         `json:"paid_in_full"` // items with nothing left open then
	Share      *Hundredths `json:"share"`        // collected / dunned × 100
}

// DisputeRecord is the dispute resolution time in a KPIRecord (JSON).
type DisputeRecord struct {
	Resolved    int         `json:"resolved"` // closed in the window
	Open        int         `json:"open"`     // open at the as-of date
	AverageDays *Hundredths `json:"average_days"`
	P90Days     *Hundredths `json:"p90_days"` // nearest rank
}

// behaviourRecords returns the report's dunning effectiveness and dispute
// resolution as records, for its total line.
func (r KPIReport) behaviourRecords() (*DunningRecord, *DisputeRecord) {
	d := &DunningRecord{WithinDays: r.Dunning.Within, ReachedFrom: r.Dunning.Reached.From, ReachedTo: r.Dunning.Reached.To,
		Levels: make([]DunningLevelRecord, 0, len(r.Dunning.Levels))}
	for _, l := range r.Dunning.Levels {
		d.Levels = append(d.Levels, DunningLevelRecord{Level: l.Level, Items: l.Items, Dunned: l.Dunned, Collected: l.Collected,
			PaidInFull: l.PaidInFull, Share: defined(int64(l.Share), l.OK)})
	}
	s := r.Disputes
	return d, &DisputeRecord{Resolved: s.Resolved, Open: s.Open, AverageDays: defined(int64(s.Average), s.OK), P90Days: defined(int64(s.P90), s.OK)}
}
