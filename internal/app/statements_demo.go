package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/kredo-dev/kredo/internal/bank/match"
	"github.com/kredo-dev/kredo/internal/demo"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// demoStatementDays is how many days of the demo's payments arrive as a
// bank statement instead of being in the ledger already.
const demoStatementDays = 7

// demoTolerance is the tolerance for short payments the demo's entities
// use: 5.00 in their currency.
const demoTolerance = 500

// loadDemoStatements turns the last week of each demo entity's payments
// into a bank statement: the payments are taken out of the ledger (their
// invoices open again), Kredo is taught the accounts of nine in ten
// customers (as if learned from earlier statements), and the statement,
// written the way payers write, is imported as a person would. It returns
// how the matcher did against the truth.
func (s *Service) loadDemoStatements(ctx context.Context, seed uint64, today ledger.Date) ([]demo.StatementQuality, error) {
	es, err := s.store.Entities(ctx, ledger.Scope{All: true})
	if err != nil {
		return nil, err
	}
	from := today.AddDays(-demoStatementDays)
	var out []demo.StatementQuality
	for _, e := range es {
		var pays []demo.StatementPayment
		err := s.store.Tx(ctx, func(tx *store.Tx) error {
			rs, err := tx.RecentPayments(e.ID, "demo", from)
			if err != nil {
				return err
			}
			for _, p := range rs {
				if err := tx.RemovePayment(p.ID); err != nil {
					return err
				}
				sp := demo.StatementPayment{Date: p.Date, Amount: p.Amount, Customer: p.CustomerName, CustomerNumber: p.CustomerNumber,
					Parent: p.ParentName, ParentNumber: p.ParentNumber, Text: p.Description}
				for _, it := range p.Items {
					sp.Items = append(sp.Items, demo.StatementItem{Number: it.Number, PaymentRef: it.PaymentRef, Amount: it.Amount})
				}
				pays = append(pays, sp)
			}
			keys, err := tx.CustomerKeys(e.ID)
			if err != nil {
				return err
			}
			for number, k := range keys {
				if demo.KnownPayer(e.Code, number) {
					if err := tx.LearnIBAN(e.ID, k.ID, demo.PayerIBAN(e.Code, number)); err != nil {
						return err
					}
				}
			}
			return tx.SetBankTolerance(e.ID, demoTolerance, System.Username)
		})
		if err != nil {
			return nil, fmt.Errorf("demo statement of %s: %w", e.Code, err)
		}
		if len(pays) == 0 {
			continue
		}
		account := demo.PayerIBAN(e.Code, "company")
		if len(e.IBANs) > 0 {
			account = normIBAN(e.IBANs[0])
		}
		data, lines := demo.Statements(seed, e.Code, account, e.Currency, pays)
		file := "demo-" + e.Code + ".sta"
		rep, err := s.ImportStatement(ctx, System, bytes.NewReader(data), file, StatementOptions{EntityCode: e.Code})
		if err != nil {
			return nil, fmt.Errorf("demo statement of %s: %w", e.Code, err)
		}
		if !rep.Committed {
			return nil, fmt.Errorf("demo statement of %s rejected: %+v", e.Code, rep.Problems)
		}
		q, err := s.statementQuality(ctx, e, file, lines)
		if err != nil {
			return nil, err
		}
		q.Taken = len(pays)
		out = append(out, q)
	}
	return out, nil
}

// statementQuality compares what the import did with each line to the
// truth: an automatic match is wrong unless it allocates exactly the
// invoices the payment pays.
func (s *Service) statementQuality(ctx context.Context, e ledger.Entity, file string, lines []demo.StatementLine) (demo.StatementQuality, error) {
	q := demo.StatementQuality{Entity: e.Code, File: file, ByMess: map[string][2]int{}}
	booked := map[string]store.BankTransaction{}
	if err := s.store.EachBankTransaction(ctx, store.BankTransactionFilter{Scope: ledger.Scope{All: true}, EntityID: e.ID},
		func(b store.BankTransaction) error {
			booked[b.EntryKey] = b
			return nil
		}); err != nil {
		return q, err
	}
	for _, l := range lines {
		b, ok := booked["ref:"+l.Ref]
		if !ok {
			return q, fmt.Errorf("demo statement of %s: line %s was not booked", e.Code, l.Ref)
		}
		auto := b.State == store.MatchAuto
		if l.Kind != demo.LinePayment {
			if l.Amount > 0 {
				q.Other++
				if auto {
					q.OtherAuto++
				}
			}
			continue
		}
		q.Lines++
		q.Amount += l.Amount
		m := q.ByMess[l.Mess]
		m[0]++
		if auto {
			q.Auto++
			q.AutoAmount += l.Amount
			m[1]++
			var sg match.Suggestion
			if err := json.Unmarshal([]byte(b.Suggestion), &sg); err != nil {
				return q, fmt.Errorf("demo statement: suggestion of %s: %w", l.Ref, err)
			}
			var got, want []string
			for _, a := range sg.Allocations {
				got = append(got, a.Number)
			}
			for _, it := range l.Items {
				want = append(want, it.Number)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				q.Wrong++
				s.log.Warn("demo statement: wrong automatic match", "line", l.Ref, "mess", l.Mess, "got", got, "want", want, "rule", b.Rule)
			}
		}
		if !auto {
			s.log.Debug("demo statement: not automatic", "line", l.Ref, "mess", l.Mess, "state", b.State, "rule", b.Rule,
				"confidence", b.Confidence, "why", b.Suggestion, "text", b.Remittance, "ref", b.StructuredRef, "amount", l.Amount, "items", l.Items)
		}
		q.ByMess[l.Mess] = m
	}
	return q, nil
}
