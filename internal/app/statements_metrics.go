package app

import (
	"context"
	"slices"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// BankRates are how incoming bank lines fared: matched automatically at
// import (and of those, how many a person undid as wrong), by hand, still
// waiting, or set aside. Amounts count the lines in the entity's currency.
type BankRates struct {
	Lines      int
	Automatic  int // matched automatically when imported (including those undone since)
	Wrong      int // automatic matches a person undid in the queue
	Manual     int
	Waiting    int
	SetAside   int
	Amount     int64
	AutoAmount int64 // matched automatically and not undone
}

func pct(n, d int64) float64 {
	if d == 0 {
		return 0
	}
	return 100 * float64(n) / float64(d)
}

// AutoRate is the share of lines matched automatically, in percent.
func (r BankRates) AutoRate() float64 { return pct(int64(r.Automatic), int64(r.Lines)) }

// AmountRate is the share of the amount matched automatically (and not
// undone), in percent.
func (r BankRates) AmountRate() float64 { return pct(r.AutoAmount, r.Amount) }

// WrongRate is the share of automatic matches a person undid, in percent.
func (r BankRates) WrongRate() float64 { return pct(int64(r.Wrong), int64(r.Automatic)) }

func (r *BankRates) add(c store.BankImportCounts, currency string) {
	r.Lines += c.Lines
	r.Automatic += c.Auto + c.Wrong
	r.Wrong += c.Wrong
	r.Manual += c.Manual
	r.Waiting += c.Waiting
	r.SetAside += c.SetAside
	if c.Currency == currency {
		r.Amount += c.Amount
		r.AutoAmount += c.AutoAmount
	}
}

// BankImportRates are the rates of one import.
type BankImportRates struct {
	ImportID int64
	File     string
	At       time.Time
	BankRates
}

// BankMonthRates are the rates of the imports of one month.
type BankMonthRates struct {
	Month string // YYYY-MM, by import time
	BankRates
}

// QueueAge says how long the lines in the queue have waited.
type QueueAge struct {
	Waiting    int
	Oldest     ledger.Date // booking date of the oldest line waiting
	OldestDays int
	MeanDays   float64 // since the booking date, over the lines waiting
}

// BankMetrics are the figures of an entity's cash application.
type BankMetrics struct {
	Currency string // the currency amounts are counted in: the entity's
	Total    BankRates
	Imports  []BankImportRates // newest first, at most 20
	Months   []BankMonthRates  // oldest first
	Queue    QueueAge
}

// BankMetrics returns the entity's auto-match rate (by lines and by
// amount), wrong-match rate and queue age, per import and per month.
func (s *Service) BankMetrics(ctx context.Context, u ledger.User, entityID int64) (BankMetrics, error) {
	e, err := s.bankEntity(ctx, u, entityID)
	if err != nil {
		return BankMetrics{}, err
	}
	m := BankMetrics{Currency: e.Currency}
	counts, err := s.store.BankImportCounts(ctx, u.Scope(), entityID)
	if err != nil {
		return m, err
	}
	for _, c := range counts {
		m.Total.add(c, e.Currency)
		if n := len(m.Imports); n == 0 || m.Imports[n-1].ImportID != c.ImportID {
			m.Imports = append(m.Imports, BankImportRates{ImportID: c.ImportID, File: c.File, At: c.At})
		}
		m.Imports[len(m.Imports)-1].add(c, e.Currency)
		month := c.At.UTC().Format("2006-01")
		if n := len(m.Months); n == 0 || m.Months[n-1].Month != month {
			m.Months = append(m.Months, BankMonthRates{Month: month})
		}
		m.Months[len(m.Months)-1].add(c, e.Currency)
	}
	slices.Reverse(m.Imports)
	m.Imports = m.Imports[:min(len(m.Imports), 20)]
	dates, err := s.store.QueueDates(ctx, u.Scope(), entityID)
	if err != nil {
		return m, err
	}
	m.Queue = queueAge(dates, s.Today())
	return m, nil
}

// queueAge summarises the booking dates of the lines waiting.
func queueAge(dates map[ledger.Date]int, today ledger.Date) QueueAge {
	var q QueueAge
	var days int
	for d, n := range dates {
		q.Waiting += n
		age := 0
		if !d.IsZero() {
			age = max(d.DaysUntil(today), 0)
		}
		days += age * n
		if !d.IsZero() && (q.Oldest.IsZero() || d.Before(q.Oldest)) {
			q.Oldest, q.OldestDays = d, age
		}
	}
	if q.Waiting > 0 {
		q.MeanDays = float64(days) / float64(q.Waiting)
	}
	return q
}
