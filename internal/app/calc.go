package app

import (
	"github.com/kredo-dev/kredo/internal/law"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// CollectionCosts returns the statutory collection costs on a principal
// with their breakdown, as the dunning run computes them (the calculator).
func (s *Service) CollectionCosts(principal ledger.Money, vat bool) (law.CostBreakdown, error) {
	return s.rules.CollectionCosts(principal, law.CostOptions{VAT: vat})
}

// StatutoryInterest returns the statutory interest on a principal due on
// due, until until (inclusive), with its periods and yearly compounding.
func (s *Service) StatutoryInterest(kind law.Kind, principal ledger.Money, due, until ledger.Date) (law.InterestBreakdown, error) {
	r := s.rules
	return r.StatutoryInterest(kind, principal, due.AddDays(1), until, r.Rates)
}

// FourteenDayTerm returns the term of a 14-day letter sent on a date.
func (s *Service) FourteenDayTerm(sent ledger.Date) (law.LetterTerm, error) {
	return law.FourteenDayTerm(sent, ledger.Date{})
}
