package app

import (
	"context"

	"github.com/kredo-dev/kredo/internal/law"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// LawRules returns a copy of the rules the calculator and the dunning run
// use: the cost scale with its minimum and maximum, the VAT rate and the
// interest rate table (with the operator's rates, if any).
func (s *Service) LawRules() law.Rules { return *s.rules }

// TemplateEdits lists the operator's edited templates, with who edited
// them and when (for the template editor; every user may read them).
func (s *Service) TemplateEdits(ctx context.Context) ([]store.TemplateText, error) {
	return s.store.TemplateTexts(ctx)
}

// CustomerScheme is the dunning scheme of a customer and why it applies.
type CustomerScheme struct {
	Override store.SchemeRecord   // the customer's own scheme; zero ID when the rules choose
	ByRules  store.SchemeRecord   // the scheme the rules choose (the override aside); zero ID when none
	Schemes  []store.SchemeRecord // the entity's schemes, in the order they are tried
}

// Applies returns the scheme the next run uses for the customer.
func (c CustomerScheme) Applies() store.SchemeRecord {
	if c.Override.ID != 0 {
		return c.Override
	}
	return c.ByRules
}

// CustomerScheme tells which of its entity's dunning schemes applies to a
// customer the user may see: its override, else the one the rules choose
// (the same choice as the run makes).
func (s *Service) CustomerScheme(ctx context.Context, u ledger.User, customerID int64) (CustomerScheme, error) {
	c, err := s.store.Customer(ctx, u.Scope(), customerID)
	if err != nil {
		return CustomerScheme{}, err
	}
	rs, err := s.ensureSchemes(ctx, c.EntityID)
	if err != nil {
		return CustomerScheme{}, err
	}
	override, risk, err := s.customerDunningRule(ctx, c.ID)
	if err != nil {
		return CustomerScheme{}, err
	}
	out := CustomerScheme{Schemes: rs}
	dc := store.DunningCustomer{ID: c.ID, Kind: c.Kind, Segment: c.Segment, RiskClass: risk}
	out.ByRules, _ = chooseScheme(rs, dc)
	if override != 0 {
		dc.SchemeID = override
		if r, ok := chooseScheme(rs, dc); ok && r.ID == override {
			out.Override = r
		}
	}
	return out, nil
}

// customerDunningRule reads a customer's scheme override and risk class,
// which ledger.Customer does not carry.
//
// customerDunningRule returns a customer's scheme override and risk class.
func (s *Service) customerDunningRule(ctx context.Context, customerID int64) (schemeID int64, riskClass string, err error) {
	return s.store.CustomerDunningRule(ctx, customerID)
}
