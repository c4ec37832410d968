package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/dunning"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// RunOptions say which run to make.
type RunOptions struct {
	EntityCode string      // required
	Date       ledger.Date // zero: today
	DryRun     bool        // decide and report, write nothing (the preview)
}

// LevelCount counts what one level of a run does.
type LevelCount struct {
	Level     int              `json:"level"`
	Name      string           `json:"name"`
	Channels  []string         `json:"channels"`
	Customers int              `json:"customers"`
	Items     int              `json:"items"`
	Amounts   map[string]int64 `json:"amounts"` // per currency, minor units
}

// PlannedAction is one action of a run, for the preview and the report.
type PlannedAction struct {
	CustomerID     int64
	CustomerNumber string
	CustomerName   string
	Scheme         string
	Action         dunning.Action
}

// RunReport tells what a run did or, as a dry run, would do.
type RunReport struct {
	Entity     string          `json:"entity"`
	Date       ledger.Date     `json:"date"`
	RunID      int64           `json:"run_id,omitempty"`
	Status     string          `json:"status"`
	DryRun     bool            `json:"dry_run"`
	AlreadyRan bool            `json:"already_ran,omitempty"`
	Customers  int             `json:"customers"` // customers with an action
	Actions    int             `json:"actions"`
	Messages   int             `json:"messages"`
	Levels     []LevelCount    `json:"levels"`
	Planned    []PlannedAction `json:"-"` // the actions (all for a dry run; capped otherwise)
	Skipped    int             `json:"skipped"`
}

// maxPlanned caps the actions a report carries for display.
const maxPlanned = 5000

// runBatch is how many customers' actions are written per transaction.
const runBatch = 200

// RunDunning makes the daily dunning run of an entity: it decides every
// customer's actions with the dunning engine and writes them, with their
// messages in the outbox, in the same transactions. There is one run per
// entity and day: running again the same day (a retry, a second process)
// continues an interrupted run and never sends a level twice, because each
// (item, level) can be written once.
func (s *Service) RunDunning(ctx context.Context, actor ledger.User, opt RunOptions) (RunReport, error) {
	rep := RunReport{Entity: opt.EntityCode, Date: opt.Date, DryRun: opt.DryRun}
	if rep.Date.IsZero() {
		rep.Date = s.Today()
	}
	if !opt.DryRun && actor.Role != ledger.RoleAdmin && actor.Role != ledger.RoleManager {
		return rep, ledger.Errorf(ledger.ErrForbidden, "only a credit manager may start a dunning run")
	}
	e, err := s.store.EntityByCode(ctx, opt.EntityCode)
	if err != nil || !actor.Scope().Allows(e.ID) {
		return rep, ledger.Errorf(ledger.ErrNotFound, "unknown entity %q", opt.EntityCode)
	}
	schemes, err := s.ensureSchemes(ctx, e.ID)
	if err != nil {
		return rep, err
	}
	settings, err := s.store.EntityDunning(ctx, e.ID)
	if err != nil {
		return rep, err
	}
	tpl, err := s.templates(ctx)
	if err != nil {
		return rep, err
	}
	var run store.Run
	if !opt.DryRun {
		status := store.RunRunning
		var created bool
		run, created, err = s.store.StartRun(ctx, e.ID, rep.Date, status, actor.Username)
		if err != nil {
			return rep, err
		}
		rep.RunID = run.ID
		if !created && run.Status != store.RunRunning {
			rep.AlreadyRan, rep.Status = true, run.Status
			rep.Customers, rep.Actions, rep.Messages = run.Customers, run.Actions, run.Messages
			_ = json.Unmarshal([]byte(run.Summary), &rep.Levels)
			return rep, nil
		}
	}
	minOffset := 0
	for _, r := range schemes {
		if len(r.Scheme.Levels) > 0 {
			minOffset = min(minOffset, r.Scheme.Levels[0].OffsetDays)
		}
	}
	levels := map[[2]int]*LevelCount{} // scheme id, level
	levelKey := func(r store.SchemeRecord, a dunning.Action) *LevelCount {
		k := [2]int{int(r.ID), a.Level}
		lc := levels[k]
		if lc == nil {
			lc = &LevelCount{Level: a.Level, Name: r.Scheme.Name + ": " + a.LevelName, Channels: a.Channels, Amounts: map[string]int64{}}
			levels[k] = lc
		}
		return lc
	}
	holds, err := s.holdsFor(ctx, e.ID, rep.Date) // promises and plans hold items from dunning
	if err != nil {
		return rep, err
	}
	w := &runWriter{s: s, tpl: tpl, entity: e, settings: settings, run: run, rep: &rep, dry: opt.DryRun}
	err = s.store.EachDunningCustomer(ctx, e.ID, rep.Date.AddDays(-minOffset), func(dc *store.DunningCustomer) error {
		r, ok := chooseScheme(schemes, *dc)
		if !ok {
			rep.Skipped++
			return nil
		}
		paused := holds.apply(dc.ID, dc.PausedUntil, dc.Items)
		dec, err := dunning.Decide(r.Scheme, dunning.Customer{ID: dc.ID, Consumer: dc.Kind == ledger.KindConsumer,
			PausedUntil: paused, LastContact: dc.LastContact, CostsCharged: dc.CostsCharged, CostsNotice: dc.CostsNotice,
			Items: dc.Items}, rep.Date, dutchLaw{rules: s.rules})
		if err != nil {
			return fmt.Errorf("customer %d: %w", dc.ID, err)
		}
		rep.Skipped += len(dec.Skipped)
		if len(dec.Actions) == 0 {
			return nil
		}
		rep.Customers++
		for _, a := range dec.Actions {
			lc := levelKey(r, a)
			lc.Customers++
			lc.Items += len(a.Items)
			lc.Amounts[a.Currency] += a.Total
			rep.Actions++
		}
		return w.add(ctx, r, dc.ID, dec.Actions)
	})
	err = w.finish(ctx, err)
	sort.SliceStable(rep.Planned, func(i, j int) bool {
		a, b := rep.Planned[i], rep.Planned[j]
		if a.CustomerNumber != b.CustomerNumber {
			return a.CustomerNumber < b.CustomerNumber
		}
		return a.Action.Level < b.Action.Level
	})
	for _, lc := range levels {
		rep.Levels = append(rep.Levels, *lc)
	}
	sort.Slice(rep.Levels, func(i, j int) bool {
		if rep.Levels[i].Name != rep.Levels[j].Name {
			return rep.Levels[i].Name < rep.Levels[j].Name
		}
		return rep.Levels[i].Level < rep.Levels[j].Level
	})
	if opt.DryRun {
		rep.Status = "preview"
		return rep, err
	}
	run.Status = store.RunDone
	if settings.Approval {
		run.Status = store.RunAwaitingApproval
	}
	if err != nil {
		run.Status = store.RunRunning // stays resumable: the next run of the day continues it
		s.log.Error("dunning run interrupted", "entity", e.Code, "date", rep.Date.String(), "err", err)
		return rep, fmt.Errorf("dunning run %s %s: %w", e.Code, rep.Date, err)
	}
	rep.Status = run.Status
	summary, _ := json.Marshal(rep.Levels)
	run.Customers, run.Actions, run.Messages, run.Summary = rep.Customers, rep.Actions, rep.Messages, string(summary)
	if err := s.store.FinishRun(context.WithoutCancel(ctx), run); err != nil {
		return rep, err
	}
	s.log.Info("dunning run", "entity", e.Code, "date", rep.Date.String(), "status", run.Status, "customers", rep.Customers,
		"actions", rep.Actions, "messages", rep.Messages)
	return rep, nil
}

// ApproveRun releases a run that waits for approval (credit managers).
func (s *Service) ApproveRun(ctx context.Context, u ledger.User, runID int64) error {
	if u.Role != ledger.RoleAdmin && u.Role != ledger.RoleManager {
		return ledger.Errorf(ledger.ErrForbidden, "only a credit manager may approve a dunning run")
	}
	r, err := s.store.RunByID(ctx, runID)
	if err != nil || !u.Scope().Allows(r.EntityID) {
		return ledger.Errorf(ledger.ErrNotFound, "unknown run %d", runID)
	}
	return s.store.ApproveRun(ctx, runID, u.Username)
}

// runWriter takes the decided actions in batches of customers through a
// pipeline: the caller decides (streaming from the database), renderers on
// every core look the customers up and render their messages, and one
// writer stores each batch in one transaction. Rendering is the costly
// part, so it runs beside the writes instead of between them.
type runWriter struct {
	s        *Service
	tpl      *comms.Templates
	entity   ledger.Entity
	settings store.EntityDunning
	run      store.Run
	rep      *RunReport
	dry      bool
	pending  []pendingCustomer

	started  bool
	batches  chan []pendingCustomer
	rendered chan renderedBatch
	errc     chan error
	done     chan struct{}
	cancel   context.CancelFunc
	wg       sync.WaitGroup
}

type pendingCustomer struct {
	scheme     store.SchemeRecord
	customerID int64
	actions    []dunning.Action
}

type renderedBatch struct {
	planned []PlannedAction
	writes  []store.ActionWrite
}

func (w *runWriter) add(ctx context.Context, r store.SchemeRecord, customerID int64, actions []dunning.Action) error {
	acts := make([]dunning.Action, len(actions))
	copy(acts, actions)
	w.pending = append(w.pending, pendingCustomer{scheme: r, customerID: customerID, actions: acts})
	if len(w.pending) >= runBatch {
		return w.send(ctx)
	}
	return nil
}

// start launches the renderers and the writer.
func (w *runWriter) start(ctx context.Context) {
	ctx, w.cancel = context.WithCancel(ctx)
	w.started = true
	w.batches = make(chan []pendingCustomer, 4)
	w.rendered = make(chan renderedBatch, 4)
	w.errc = make(chan error, runtime.GOMAXPROCS(0)+1)
	w.done = make(chan struct{})
	for range runtime.GOMAXPROCS(0) {
		w.wg.Go(func() {
			for b := range w.batches {
				rb, err := w.render(ctx, b)
				if err != nil {
					w.fail(err)
					continue
				}
				select {
				case w.rendered <- rb:
				case <-ctx.Done():
					w.fail(ctx.Err()) // a batch not written is an interrupted run
				}
			}
		})
	}
	go func() {
		defer close(w.done)
		for rb := range w.rendered {
			if len(w.rep.Planned) < maxPlanned || w.dry {
				w.rep.Planned = append(w.rep.Planned, rb.planned...)
			}
			if w.dry {
				continue
			}
			if err := ctx.Err(); err != nil {
				w.fail(err) // the run is interrupted: it must stay resumable, not look done
				continue
			}
			n, err := w.write(ctx, rb.writes)
			if err != nil {
				w.fail(err)
				continue
			}
			w.rep.Messages += n
		}
	}()
}

func (w *runWriter) fail(err error) {
	select {
	case w.errc <- err:
	default:
	}
	w.cancel()
}

// send hands the pending customers to the renderers.
func (w *runWriter) send(ctx context.Context) error {
	if !w.started {
		w.start(ctx)
	}
	b := w.pending
	w.pending = nil
	select {
	case w.batches <- b:
		return nil
	case err := <-w.errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// finish sends what is pending and waits until everything is written; it
// returns the first error of any stage.
func (w *runWriter) finish(ctx context.Context, err error) error {
	if err == nil && len(w.pending) > 0 {
		err = w.send(ctx)
	}
	if !w.started {
		return err
	}
	close(w.batches)
	w.wg.Wait()
	close(w.rendered)
	<-w.done
	w.cancel()
	select {
	case e := <-w.errc:
		if err == nil {
			err = e
		}
	default:
	}
	return err
}

// render looks up a batch's customers and renders their messages.
func (w *runWriter) render(ctx context.Context, batch []pendingCustomer) (renderedBatch, error) {
	var rb renderedBatch
	ids := make([]int64, len(batch))
	for i, p := range batch {
		ids[i] = p.customerID
	}
	customers, err := w.s.store.CustomersByID(ctx, ids)
	if err != nil {
		return rb, err
	}
	for _, p := range batch {
		c := customers[p.customerID]
		for _, a := range p.actions {
			rb.planned = append(rb.planned, PlannedAction{CustomerID: c.ID, CustomerNumber: c.Number, CustomerName: c.Name,
				Scheme: p.scheme.Scheme.Name, Action: a})
			if w.dry {
				continue
			}
			msgs, err := w.s.messagesFor(w.tpl, w.entity, w.settings, c, a, w.run)
			if err != nil {
				return rb, fmt.Errorf("customer %s: %w", c.Number, err)
			}
			rb.writes = append(rb.writes, store.ActionWrite{RunID: w.run.ID, EntityID: w.entity.ID, SchemeID: p.scheme.ID,
				Date: w.run.Date, Action: a, Messages: msgs})
		}
	}
	return rb, nil
}

// write stores one batch; when another process wrote some of these
// customers first (a conflict on an item's level), it writes customer by
// customer, skipping the ones already done.
func (w *runWriter) write(ctx context.Context, writes []store.ActionWrite) (int, error) {
	n, err := w.s.store.WriteActions(ctx, writes)
	if !errors.Is(err, ledger.ErrConflict) {
		return n, err
	}
	n = 0
	for _, wr := range writes {
		k, err := w.s.store.WriteActions(ctx, []store.ActionWrite{wr})
		if errors.Is(err, ledger.ErrConflict) {
			continue
		}
		if err != nil {
			return n, err
		}
		n += k
	}
	return n, nil
}

// contactFor returns the address reminders go to: the dunning contact,
// else the billing contact, else the customer's own address.
func contactFor(c ledger.Customer) (name, email, lang string) {
	for _, role := range []string{ledger.RoleDunning, ledger.RoleBilling} {
		for _, k := range c.Contacts {
			if k.Role == role && k.Email != "" {
				lang = k.Language
				if lang == "" {
					lang = c.Language
				}
				return k.Name, k.Email, lang
			}
		}
	}
	return "", c.Email, c.Language
}

func describeItems(a dunning.Action) string {
	ns := make([]string, len(a.Items))
	for i, it := range a.Items {
		ns[i] = it.Number
	}
	return strings.Join(ns, ", ")
}
