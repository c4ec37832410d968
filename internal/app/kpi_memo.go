package app

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// The figures of an entity as of a date are computed once, with every
// dimension, and kept for as long as the ledger's version stands
// (store.LedgerVersion): the dashboard, its exports, the API and the report
// then read them instead of the ledger. The version is read before the
// ledger, so figures labelled with a version never predate it; a commit in
// between labels them with a version that is no longer current. Concurrent
// requests for the same figures wait for one computation. The scheduler
// keeps the figures of today current for the entities people look at
// (WarmKPI), so the first view after an import does not wait either.

// kpiMemoSize is how many entity-and-date figure sets are kept.
const kpiMemoSize = 16

// kpiWarmFor is how long after its figures were last asked for an entity's
// figures of today are kept current by WarmKPI.
const kpiWarmFor = 24 * time.Hour

type kpiKey struct {
	entity int64
	asOf   ledger.Date
}

type kpiEntry struct {
	version int64
	done    chan struct{} // closed when rep and err are set
	rep     KPIReport     // every KPIDimensions breakdown; shared, never modified
	err     error
	used    time.Time
}

type kpiMemo struct {
	mu      sync.Mutex
	entries map[kpiKey]*kpiEntry
	asked   map[int64]time.Time // entity -> when its figures were last asked for
}

func newKPIMemo() *kpiMemo {
	return &kpiMemo{entries: map[kpiKey]*kpiEntry{}, asked: map[int64]time.Time{}}
}

// get returns the entry of key at version, computing it with compute when
// there is none (or an older one), or waiting for the computation under way.
// An entry of a later version than the one asked for serves too: a request
// that read the version just before a commit must not replace the figures
// of the ledger after it (and make the next request compute them again).
func (m *kpiMemo) get(ctx context.Context, key kpiKey, version int64, now time.Time, compute func() (KPIReport, error)) (KPIReport, error) {
	m.mu.Lock()
	e := m.entries[key]
	if e != nil && e.version >= version {
		e.used = now
		m.mu.Unlock()
		select {
		case <-e.done:
			return e.rep, e.err
		case <-ctx.Done():
			return KPIReport{}, ctx.Err()
		}
	}
	e = &kpiEntry{version: version, done: make(chan struct{}), used: now}
	m.entries[key] = e
	m.evict()
	m.mu.Unlock()

	// The waiters are released and a failed entry dropped also when compute
	// panics (net/http recovers the handler's panic; the next request must
	// not wait forever for this entry).
	finished := false
	defer func() {
		if !finished {
			e.err = fmt.Errorf("kpi figures of entity %d as of %s: the computation stopped", key.entity, key.asOf)
		}
		if e.err != nil {
			m.mu.Lock()
			if m.entries[key] == e {
				delete(m.entries, key)
			}
			m.mu.Unlock()
		}
		close(e.done)
	}()
	e.rep, e.err = compute()
	finished = true
	return e.rep, e.err
}

// evict drops the least recently used entries beyond kpiMemoSize; m.mu is held.
func (m *kpiMemo) evict() {
	for len(m.entries) > kpiMemoSize {
		var oldest kpiKey
		var at time.Time
		first := true
		for k, e := range m.entries {
			if first || e.used.Before(at) {
				oldest, at, first = k, e.used, false
			}
		}
		delete(m.entries, oldest)
	}
}

// current reports whether the entry of key is computed at version (or later).
func (m *kpiMemo) current(key kpiKey, version int64) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.entries[key]
	return e != nil && e.version >= version
}

// ask records that an entity's figures were asked for.
func (m *kpiMemo) ask(entity int64, now time.Time) {
	m.mu.Lock()
	m.asked[entity] = now
	m.mu.Unlock()
}

// askedSince returns the entities whose figures were asked for after t.
func (m *kpiMemo) askedSince(t time.Time) []int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []int64
	for id, at := range m.asked {
		if at.After(t) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// entityKPI returns the figures of the entity as of req.AsOf with the
// breakdowns req.By asks for, from the figures kept while the ledger's
// version stands, computed now when there are none.
func (s *Service) entityKPI(ctx context.Context, e ledger.Entity, req KPIRequest) (KPIReport, error) {
	s.kpis.ask(e.ID, s.now())
	full, err := s.keptKPI(ctx, e, req.AsOf)
	if err != nil {
		return full, err
	}
	return full.only(req.By), nil
}

// keptKPI returns the figures of the entity as of asOf with every breakdown.
func (s *Service) keptKPI(ctx context.Context, e ledger.Entity, asOf ledger.Date) (KPIReport, error) {
	version, err := s.store.LedgerVersion(ctx)
	if err != nil {
		return KPIReport{}, err
	}
	// The computation goes on when the request that started it goes away:
	// others may be waiting for it, and its result is kept.
	work := context.WithoutCancel(ctx)
	return s.kpis.get(ctx, kpiKey{e.ID, asOf}, version, s.now(), func() (KPIReport, error) {
		return s.computeEntityKPI(work, e, KPIRequest{Entity: e.Code, AsOf: asOf, By: KPIDimensions})
	})
}

// only returns the report with the breakdowns by, in that order.
func (r KPIReport) only(by []string) KPIReport {
	out := r
	out.By = make([]KPIBreakdown, 0, len(by))
	for _, dim := range by {
		for _, b := range r.By {
			if b.Dimension == dim {
				out.By = append(out.By, b)
			}
		}
	}
	return out
}

// WarmKPI computes the figures of today of every entity whose figures were
// asked for in the last day and are no longer current (the ledger changed
// since), so that the next look at the dashboard finds them ready. The
// scheduler calls it on each tick; it returns how many it computed.
func (s *Service) WarmKPI(ctx context.Context) (int, error) {
	now := s.now()
	ids := s.kpis.askedSince(now.Add(-kpiWarmFor))
	if len(ids) == 0 {
		return 0, nil
	}
	version, err := s.store.LedgerVersion(ctx)
	if err != nil {
		return 0, err
	}
	es, err := s.store.Entities(ctx, ledger.Scope{All: true})
	if err != nil {
		return 0, err
	}
	today, n := s.Today(), 0
	for _, e := range es {
		if !slices.Contains(ids, e.ID) || s.kpis.current(kpiKey{e.ID, today}, version) {
			continue
		}
		start := time.Now()
		if _, err := s.keptKPI(ctx, e, today); err != nil {
			return n, err
		}
		n++
		s.log.Info("kpi figures of today computed ahead", "entity", e.Code, "elapsed", time.Since(start))
	}
	return n, nil
}
