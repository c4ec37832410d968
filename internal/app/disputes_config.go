package app

import (
	"context"
	"regexp"
	"strings"

	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

func requireDisputeManager(u ledger.User) error {
	if !CanManageDisputes(u) {
		return ledger.Errorf(ledger.ErrForbidden, "only a credit manager may change how disputes are handled")
	}
	return nil
}

// DisputeReasons lists the reason codes (inactive ones too).
func (s *Service) DisputeReasons(ctx context.Context) ([]disputes.Reason, error) {
	return s.store.DisputeReasons(ctx)
}

var codePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)

// SaveDisputeReason adds or changes a reason code (credit managers).
func (s *Service) SaveDisputeReason(ctx context.Context, u ledger.User, r disputes.Reason) error {
	if err := requireDisputeManager(u); err != nil {
		return err
	}
	r.Code, r.Label = strings.TrimSpace(r.Code), strings.TrimSpace(r.Label)
	switch {
	case !codePattern.MatchString(r.Code):
		return ledger.Errorf(ledger.ErrInvalid, "a reason code is 2 to 40 lower-case letters, digits or _, not %q", r.Code)
	case r.Label == "":
		return ledger.Errorf(ledger.ErrInvalid, "reason %s needs a label", r.Code)
	case r.SLADays < 0 || r.SLADays > 250:
		return ledger.Errorf(ledger.ErrInvalid, "the SLA of %s must be 0 to 250 working days", r.Code)
	}
	return s.store.SaveDisputeReason(ctx, r)
}

// DisputeQueues lists the team queues.
func (s *Service) DisputeQueues(ctx context.Context) ([]store.DisputeQueue, error) {
	return s.store.DisputeQueues(ctx)
}

// SaveDisputeQueue adds or changes a queue, its manager and its members
// (credit managers); every user named must exist.
func (s *Service) SaveDisputeQueue(ctx context.Context, u ledger.User, q store.DisputeQueue) error {
	if err := requireDisputeManager(u); err != nil {
		return err
	}
	q.Code, q.Name = strings.TrimSpace(q.Code), strings.TrimSpace(q.Name)
	if !codePattern.MatchString(q.Code) || q.Name == "" {
		return ledger.Errorf(ledger.ErrInvalid, "a queue needs a code (lower-case letters, digits, _) and a name")
	}
	for _, name := range append([]string{q.Manager}, q.Members...) {
		if name == "" {
			continue
		}
		if _, err := s.store.UserByName(ctx, name); err != nil {
			return ledger.Errorf(ledger.ErrInvalid, "unknown user %q", name)
		}
	}
	return s.store.SaveDisputeQueue(ctx, q)
}

// DisputeRules lists the routing rules the user may see, in order.
func (s *Service) DisputeRules(ctx context.Context, u ledger.User) ([]disputes.Rule, error) {
	return s.store.DisputeRules(ctx, u.Scope())
}

// checkRuleScope: a rule of one entity needs that entity; a rule of every
// entity needs a user of every entity.
func checkRuleScope(u ledger.User, entityID int64) error {
	if entityID == 0 && !u.AllEntities {
		return ledger.Errorf(ledger.ErrForbidden, "only a user of every entity may change a rule for every entity")
	}
	if entityID != 0 && !u.Scope().Allows(entityID) {
		return ledger.Errorf(ledger.ErrNotFound, "unknown entity")
	}
	return nil
}

// SaveDisputeRule adds (ID 0) or changes a routing rule (credit managers).
func (s *Service) SaveDisputeRule(ctx context.Context, u ledger.User, r disputes.Rule) (int64, error) {
	if err := requireDisputeManager(u); err != nil {
		return 0, err
	}
	if err := checkRuleScope(u, r.EntityID); err != nil {
		return 0, err
	}
	if r.ID != 0 {
		if err := s.ruleInScope(ctx, u, r.ID); err != nil {
			return 0, err
		}
	}
	if r.Priority == "" {
		r.Priority = disputes.Normal
	}
	r.Currency = strings.ToUpper(strings.TrimSpace(r.Currency))
	if err := r.Validate(); err != nil {
		return 0, ledger.Errorf(ledger.ErrInvalid, "%s", err.Error())
	}
	if r.Assignee != "" {
		if _, err := s.store.UserByName(ctx, r.Assignee); err != nil {
			return 0, ledger.Errorf(ledger.ErrInvalid, "unknown user %q", r.Assignee)
		}
	}
	if r.Queue != "" {
		q, err := s.queue(ctx, r.Queue)
		if err != nil {
			return 0, err
		}
		if q.Name == "" {
			return 0, ledger.Errorf(ledger.ErrInvalid, "unknown queue %q", r.Queue)
		}
	}
	id, err := s.store.SaveDisputeRule(ctx, r, u.Username)
	if err == nil {
		s.log.Info("dispute rule saved", "rule", id, "user", u.Username)
	}
	return id, err
}

func (s *Service) ruleInScope(ctx context.Context, u ledger.User, id int64) error {
	rules, err := s.store.DisputeRules(ctx, u.Scope())
	if err != nil {
		return err
	}
	for _, r := range rules {
		if r.ID == id {
			return checkRuleScope(u, r.EntityID)
		}
	}
	return ledger.Errorf(ledger.ErrNotFound, "rule %d not found", id)
}

// DeleteDisputeRule removes a routing rule (credit managers).
func (s *Service) DeleteDisputeRule(ctx context.Context, u ledger.User, id int64) error {
	if err := requireDisputeManager(u); err != nil {
		return err
	}
	if err := s.ruleInScope(ctx, u, id); err != nil {
		return err
	}
	return s.store.DeleteDisputeRule(ctx, id)
}

// WriteOffThreshold returns an entity's write-off approval threshold.
func (s *Service) WriteOffThreshold(ctx context.Context, u ledger.User, entityID int64) (int64, error) {
	if !u.Scope().Allows(entityID) {
		return 0, ledger.Errorf(ledger.ErrNotFound, "unknown entity")
	}
	return s.store.WriteOffThreshold(ctx, entityID)
}

// SetWriteOffThreshold sets an entity's write-off approval threshold
// (credit managers; -1: every write-off needs approval).
func (s *Service) SetWriteOffThreshold(ctx context.Context, u ledger.User, entityID, threshold int64) error {
	if err := requireDisputeManager(u); err != nil {
		return err
	}
	if !u.Scope().Allows(entityID) {
		return ledger.Errorf(ledger.ErrNotFound, "unknown entity")
	}
	if threshold < -1 {
		return ledger.Errorf(ledger.ErrInvalid, "the threshold is an amount, or -1 for always")
	}
	return s.store.SetWriteOffThreshold(ctx, entityID, threshold)
}

// DisputeReportBy is what the report groups by.
type DisputeReportBy string

// The report's groupings.
const (
	ByReason       DisputeReportBy = "reason"
	ByOwner        DisputeReportBy = "owner"
	ByProductGroup DisputeReportBy = "product_group"
	ByCustomer     DisputeReportBy = "customer"
)

// DisputeReport groups the disputes opened from..to (zero: unbounded) of
// the entity (0: every entity the user sees) by reason, owner, product
// group or customer: count, amount, average and 90th-percentile days to
// resolve.
func (s *Service) DisputeReport(ctx context.Context, u ledger.User, entityID int64, from, to ledger.Date, by DisputeReportBy) ([]disputes.Group, error) {
	rows, err := s.store.DisputeReportRows(ctx, u.Scope(), entityID, from, to)
	if err != nil {
		return nil, err
	}
	key := func(r disputes.Row) string { return r.Reason }
	switch by {
	case ByReason, "":
	case ByOwner:
		key = func(r disputes.Row) string { return r.Owner }
	case ByProductGroup:
		key = func(r disputes.Row) string { return r.ProductGroup }
	case ByCustomer:
		key = func(r disputes.Row) string { return r.Customer }
	default:
		return nil, ledger.Errorf(ledger.ErrInvalid, "unknown grouping %q", by)
	}
	return disputes.Report(rows, key), nil
}

// PendingCredits lists the credit notes recorded in Kredo for the ERP to
// book (the export and the API read this).
func (s *Service) PendingCredits(ctx context.Context, u ledger.User) ([]store.PendingCredit, error) {
	return s.store.PendingCredits(ctx, u.Scope())
}
