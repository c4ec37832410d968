// Package jobs runs Kredo's background work inside `kredo serve`: each
// entity's worklist refreshed when the day begins, its promises and payment
// plans evaluated, its monthly KPI snapshots recomputed, then its daily
// dunning run at its time of day (and the worklist again, with the run's
// phone tasks); on every tick the figures of today of the dashboards people
// look at are recomputed when the ledger changed. Several processes may run
// it at once: a run is one per entity and day in the database, so the
// second process finds it done (or continues it, if the first died).
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// Scheduler starts each entity's daily dunning run once its time of day
// has come.
type Scheduler struct {
	Svc *app.Service
	Log *slog.Logger
	Now func() time.Time // local wall clock; time.Now when nil

	evaluated map[string]ledger.Date // entity code -> the day its commitments were evaluated by this process
	listed    map[string]ledger.Date // entity code -> the day its worklist was refreshed by this process
	snapped   map[string]ledger.Date // entity code -> the day its KPI snapshots were recomputed (or tried) by this process
}

// recomputeSnapshots recomputes an entity's monthly KPI snapshots (the
// dashboard's trend) once a day. A failure is logged and not tried again
// that day: a recomputation reads two years of the ledger, and the
// dashboard's button recomputes by hand.
func (s *Scheduler) recomputeSnapshots(ctx context.Context, code string, today ledger.Date) {
	if s.snapped == nil {
		s.snapped = map[string]ledger.Date{}
	}
	s.snapped[code] = today
	if _, err := s.Svc.RecomputeSnapshots(ctx, app.System, code, today, app.KPITrendMonths); err != nil {
		s.Log.Error("kpi snapshots", "entity", code, "err", err)
	}
}

// refreshWorklist recomputes an entity's worklist; the pages read it.
func (s *Scheduler) refreshWorklist(ctx context.Context, code string, today ledger.Date) {
	if s.listed == nil {
		s.listed = map[string]ledger.Date{}
	}
	if _, err := s.Svc.RefreshWorklist(ctx, app.System, code, today); err != nil {
		s.Log.Error("worklist refresh", "entity", code, "err", err)
		return
	}
	s.listed[code] = today
}

// Due reports whether a run at time of day hhmm ("06:00") is due at now.
func Due(hhmm string, now time.Time) (bool, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(hhmm), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return false, fmt.Errorf("invalid run time %q, want HH:MM", hhmm)
	}
	return now.Hour()*60+now.Minute() >= hh*60+mm, nil
}

// Tick starts the runs that are due now and not yet made today; it returns
// the reports of the runs it made.
func (s *Scheduler) Tick(ctx context.Context) ([]app.RunReport, error) {
	now := time.Now()
	if s.Now != nil {
		now = s.Now()
	}
	es, err := s.Svc.Entities(ctx, app.System)
	if err != nil {
		return nil, err
	}
	var out []app.RunReport
	for _, e := range es {
		set, err := s.Svc.Store().EntityDunning(ctx, e.ID)
		if err != nil {
			return out, err
		}
		today := ledger.DateOf(now)
		// promises and plans first, when the day begins: kept, broken or
		// missed before the worklist is made and before the run decides who
		// is reminded (evaluating again the same day changes nothing)
		if s.evaluated == nil {
			s.evaluated = map[string]ledger.Date{}
		}
		if s.evaluated[e.Code] != today {
			if _, err := s.Svc.EvaluateCommitments(ctx, app.System, e.Code, today); err != nil {
				s.Log.Error("evaluate promises and plans", "entity", e.Code, "err", err)
			} else {
				s.evaluated[e.Code] = today
			}
			// disputes past their SLA escalate, and owners get their digest
			if _, err := s.Svc.EvaluateDisputes(ctx, app.System, e.Code, today); err != nil {
				s.Log.Error("evaluate disputes", "entity", e.Code, "err", err)
			} else if _, err := s.Svc.SendDisputeDigests(ctx); err != nil {
				s.Log.Error("dispute digests", "err", err)
			}
		}
		// the worklist is there from the first minute of the day, before
		// the run; the run's phone tasks are added when it has run
		if s.listed[e.Code] != today {
			s.refreshWorklist(ctx, e.Code, today)
		}
		due, err := Due(set.Time, now)
		if err != nil {
			s.Log.Error("dunning schedule", "entity", e.Code, "err", err)
			continue
		}
		if !due {
			continue
		}
		rep, err := s.Svc.RunDunning(ctx, app.System, app.RunOptions{EntityCode: e.Code, Date: today})
		if err != nil {
			s.Log.Error("scheduled dunning run", "entity", e.Code, "err", err)
			continue
		}
		if !rep.AlreadyRan {
			out = append(out, rep)
			s.refreshWorklist(ctx, e.Code, today)
		}
	}
	// last, the KPI trend's monthly snapshots from the ledger as it is: they
	// read two years of ledger, so every entity's worklist and run go first
	for _, e := range es {
		if today := ledger.DateOf(now); s.snapped[e.Code] != today {
			s.recomputeSnapshots(ctx, e.Code, today)
		}
	}
	// and the figures of today of the entities people look at, when the
	// ledger changed since they were computed: the dashboard finds them ready
	if _, err := s.Svc.WarmKPI(ctx); err != nil {
		s.Log.Error("kpi figures of today", "err", err)
	}
	return out, nil
}

// Run ticks every interval until ctx is done.
func (s *Scheduler) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.Log.Error("scheduler", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
