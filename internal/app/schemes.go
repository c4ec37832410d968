package app

import (
	"context"
	"fmt"

	"github.com/kredo-dev/kredo/internal/dunning"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// DefaultSchemes are the dunning schemes every new entity starts with, as a
// Dutch credit manager would set them up; they are edited in the UI.
func DefaultSchemes() []store.SchemeRecord {
	return []store.SchemeRecord{
		{Priority: 100, IsDefault: true, Scheme: dunning.Scheme{Name: "Standard (business)", MinGapDays: 5, Levels: []dunning.Level{
			{Name: "Friendly reminder", OffsetDays: 7, MinAmount: 500, Channels: []string{dunning.Email}, Template: "friendly"},
			{Name: "Second reminder", OffsetDays: 21, MinAmount: 500, Channels: []string{dunning.Email}, Template: "second"},
			{Name: "Phone call", OffsetDays: 30, MinAmount: 2500, Channels: []string{dunning.Phone}},
			{Name: "Final notice", OffsetDays: 45, MinAmount: 2500, Channels: []string{dunning.Email, dunning.Letter}, Template: "final",
				AddCosts: true, AddInterest: true},
			{Name: "Collection agency", OffsetDays: 60, MinAmount: 5000, Channels: []string{dunning.Letter}, Template: "agency",
				Handover: true, ProposeBlock: true},
		}}},
		{Priority: 10, MatchKind: ledger.KindConsumer, Scheme: dunning.Scheme{Name: "Consumers", MinGapDays: 7, Levels: []dunning.Level{
			{Name: "Friendly reminder", OffsetDays: 7, MinAmount: 500, Channels: []string{dunning.Email}, Template: "friendly"},
			{Name: "14-day letter", OffsetDays: 21, MinAmount: 500, Channels: []string{dunning.Email, dunning.Letter}, Template: "fourteen_day",
				CostsNotice: true},
			{Name: "Final notice with costs", OffsetDays: 40, MinAmount: 500, Channels: []string{dunning.Email, dunning.Letter}, Template: "final",
				AddCosts: true, AddInterest: true},
			{Name: "Collection agency", OffsetDays: 60, MinAmount: 5000, Channels: []string{dunning.Letter}, Template: "agency", Handover: true},
		}}},
		{Priority: 20, MatchRiskClass: "high", Scheme: dunning.Scheme{Name: "High risk (business)", MinGapDays: 3, Levels: []dunning.Level{
			{Name: "Pre-due reminder", OffsetDays: -5, Channels: []string{dunning.Email}, Template: "pre_due"},
			{Name: "Friendly reminder", OffsetDays: 3, Channels: []string{dunning.Email}, Template: "friendly"},
			{Name: "Phone call", OffsetDays: 10, Channels: []string{dunning.Phone}},
			{Name: "Final notice", OffsetDays: 21, Channels: []string{dunning.Email, dunning.Letter}, Template: "final", AddCosts: true, AddInterest: true,
				ProposeBlock: true},
			{Name: "Collection agency", OffsetDays: 35, Channels: []string{dunning.Letter}, Template: "agency", Handover: true},
		}}},
	}
}

// ensureSchemes gives an entity without schemes the default ones.
func (s *Service) ensureSchemes(ctx context.Context, entityID int64) ([]store.SchemeRecord, error) {
	rs, err := s.store.Schemes(ctx, entityID)
	if err != nil || len(rs) > 0 {
		return rs, err
	}
	if err := s.store.AddDefaultSchemes(ctx, entityID, DefaultSchemes()); err != nil {
		return nil, err
	}
	return s.store.Schemes(ctx, entityID)
}

// Schemes lists an entity's dunning schemes (creating the defaults the
// first time).
func (s *Service) Schemes(ctx context.Context, u ledger.User, entityID int64) ([]store.SchemeRecord, error) {
	if !u.Scope().Allows(entityID) {
		return nil, fmt.Errorf("entity %d: %w", entityID, ledger.ErrNotFound)
	}
	return s.ensureSchemes(ctx, entityID)
}

// SaveScheme validates and stores a scheme (credit managers and admins).
func (s *Service) SaveScheme(ctx context.Context, u ledger.User, r store.SchemeRecord) (int64, error) {
	if u.Role != ledger.RoleAdmin && u.Role != ledger.RoleManager {
		return 0, ledger.Errorf(ledger.ErrForbidden, "only a credit manager may change dunning schemes")
	}
	if !u.Scope().Allows(r.EntityID) {
		return 0, fmt.Errorf("entity %d: %w", r.EntityID, ledger.ErrNotFound)
	}
	if err := r.Scheme.Validate(); err != nil {
		return 0, err
	}
	switch r.MatchKind {
	case "", ledger.KindB2B, ledger.KindConsumer:
	default:
		return 0, ledger.Errorf(ledger.ErrInvalid, "customer kind %q: use b2b or consumer", r.MatchKind)
	}
	return s.store.SaveScheme(ctx, r)
}

// chooseScheme picks the scheme for a customer: its override, the first
// matching rule, or the default.
func chooseScheme(rs []store.SchemeRecord, c store.DunningCustomer) (store.SchemeRecord, bool) {
	if c.SchemeID != 0 {
		for _, r := range rs {
			if r.ID == c.SchemeID {
				return r, true
			}
		}
	}
	for _, r := range rs {
		if r.Matches(c) {
			return r, true
		}
	}
	for _, r := range rs {
		if r.IsDefault {
			return r, true
		}
	}
	return store.SchemeRecord{}, false
}

// SetCustomerScheme gives a customer its own dunning scheme (an override
// of the rules), or with 0 returns it to the rules (credit managers).
func (s *Service) SetCustomerScheme(ctx context.Context, u ledger.User, customerID, schemeID int64) error {
	if u.Role != ledger.RoleAdmin && u.Role != ledger.RoleManager {
		return ledger.Errorf(ledger.ErrForbidden, "only a credit manager may choose a customer's dunning scheme")
	}
	c, err := s.store.Customer(ctx, u.Scope(), customerID)
	if err != nil {
		return err
	}
	if schemeID != 0 {
		rs, err := s.ensureSchemes(ctx, c.EntityID)
		if err != nil {
			return err
		}
		found := false
		for _, r := range rs {
			found = found || r.ID == schemeID
		}
		if !found {
			return ledger.Errorf(ledger.ErrInvalid, "scheme %d is not a scheme of entity %s", schemeID, c.EntityCode)
		}
	}
	s.log.Info("customer scheme", "customer", c.Number, "scheme", schemeID, "user", u.Username)
	return s.store.SetCustomerScheme(ctx, customerID, schemeID)
}
