package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// CanManageDunning reports whether the user may change how dunning works:
// run it, approve runs, edit schemes and settings (credit managers and
// administrators). Credit controllers work with its results.
func CanManageDunning(u ledger.User) bool {
	return u.Role == ledger.RoleAdmin || u.Role == ledger.RoleManager
}

// requireManager refuses users who may not manage dunning.
func requireManager(u ledger.User, what string) error {
	if !CanManageDunning(u) {
		return ledger.Errorf(ledger.ErrForbidden, "only a credit manager may %s", what)
	}
	return nil
}

// DunningSettings returns the dunning settings of an entity the user may see.
func (s *Service) DunningSettings(ctx context.Context, u ledger.User, entityID int64) (store.EntityDunning, error) {
	if !u.Scope().Allows(entityID) {
		return store.EntityDunning{}, fmt.Errorf("entity %d: %w", entityID, ledger.ErrNotFound)
	}
	return s.store.EntityDunning(ctx, entityID)
}

// SetDunningSettings changes the time of an entity's daily run and whether
// its runs wait for approval (credit managers and admins); the other
// settings are kept.
func (s *Service) SetDunningSettings(ctx context.Context, u ledger.User, entityID int64, runTime string, approval bool) error {
	if !u.Scope().Allows(entityID) {
		return fmt.Errorf("entity %d: %w", entityID, ledger.ErrNotFound)
	}
	if err := requireManager(u, "change the dunning settings"); err != nil {
		return err
	}
	runTime = strings.TrimSpace(runTime)
	if !validClock(runTime) {
		return ledger.Errorf(ledger.ErrInvalid, "run time %q: use HH:MM, 00:00 to 23:59", runTime)
	}
	d, err := s.store.EntityDunning(ctx, entityID)
	if err != nil {
		return err
	}
	d.Time, d.Approval = runTime, approval
	s.log.Info("dunning settings", "entity", entityID, "time", runTime, "approval", approval, "user", u.Username)
	return s.store.SetEntityDunning(ctx, entityID, d)
}

// validClock reports whether v is a time of day "HH:MM".
func validClock(v string) bool {
	if len(v) != 5 || v[2] != ':' {
		return false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return v[:2] <= "23" && v[3:] <= "59"
}

// Run returns one dunning run of an entity the user may see; a run of
// another entity is not found.
func (s *Service) Run(ctx context.Context, u ledger.User, id int64) (store.Run, error) {
	r, err := s.store.RunByID(ctx, id)
	if err != nil || !u.Scope().Allows(r.EntityID) {
		return store.Run{}, ledger.Errorf(ledger.ErrNotFound, "unknown run %d", id)
	}
	return r, nil
}

// StartDunningRun is RunDunning for people: a preview for anyone who may
// see the entity, a real run only for credit managers and admins.
func (s *Service) StartDunningRun(ctx context.Context, u ledger.User, opt RunOptions) (RunReport, error) {
	if !opt.DryRun {
		if err := requireManager(u, "start a dunning run"); err != nil {
			return RunReport{}, err
		}
	}
	return s.RunDunning(ctx, u, opt)
}

// DunningPause is a customer's current pause of dunning; Until is zero
// when dunning is not paused.
type DunningPause struct {
	Until  ledger.Date
	Reason string
}

// CustomerDunningPause returns the pause of a customer the user may see
// (zero when there is none, or it is over).
func (s *Service) CustomerDunningPause(ctx context.Context, u ledger.User, customerID int64) (DunningPause, error) {
	until, reason, err := s.store.DunningPause(ctx, u.Scope(), customerID)
	if err != nil {
		return DunningPause{}, err
	}
	if until.IsZero() || until.Before(s.Today()) {
		return DunningPause{}, nil
	}
	return DunningPause{Until: until, Reason: reason}, nil
}
