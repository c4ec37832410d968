package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/kredo-dev/kredo/internal/dunning"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// TestKPIDunningReached: the levels reached count when their messages went
// out: not in a run awaiting approval, not when an action's messages are
// held (a run with approval interrupted), and only in the dates asked for.
// A run's status written by FinishRun raises the ledger's version, since it
// decides what counts.
func TestKPIDunningReached(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		eid, ids := kpiLedger(t, s)
		customer := map[string]int64{}
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			keys, err := tx.InvoiceKeys(eid, []string{"F1", "F2", "F3"})
			for n, k := range keys {
				customer[n] = k.CustomerID
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		run := func(date, status, number, msgStatus string) {
			t.Helper()
			r, _, err := s.StartRun(ctx, eid, ledger.MustDate(date), store.RunRunning, "test")
			if err != nil {
				t.Fatal(err)
			}
			a := dunning.Action{CustomerID: customer[number], Level: 1, LevelName: "reminder", Channels: []string{dunning.Email}, Currency: "EUR",
				Items: []dunning.ActionItem{{InvoiceID: ids[number], Number: number, Amount: 100}}, Total: 100}
			m := store.Message{Channel: dunning.Email, Status: msgStatus, MessageID: fmt.Sprintf("<%s.%s@test>", date, number)}
			if _, err := s.WriteActions(ctx, []store.ActionWrite{{RunID: r.ID, EntityID: eid, Date: r.Date, Action: a, Messages: []store.Message{m}}}); err != nil {
				t.Fatal(err)
			}
			v, err := s.LedgerVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			r.Status = status
			if err := s.FinishRun(ctx, r); err != nil {
				t.Fatal(err)
			}
			if after, err := s.LedgerVersion(ctx); err != nil || after != v+1 {
				t.Errorf("finishing the run of %s: version %d, want %d (%v)", date, after, v+1, err)
			}
		}
		run("2026-02-15", store.RunDone, "F1", store.MsgPending)
		run("2026-03-10", store.RunAwaitingApproval, "F2", store.MsgHeld)
		run("2026-03-18", store.RunRunning, "F3", store.MsgHeld)
		got, err := s.KPIDunningReached(ctx, eid, ledger.MustDate("2026-02-15"), ledger.MustDate("2026-03-31"))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0] != (store.DunningReached{InvoiceID: ids["F1"], Number: "F1", Level: 1, Reached: ledger.MustDate("2026-02-15")}) {
			t.Errorf("reached: %+v, want F1 at level 1 on 02-15 alone", got)
		}
		if got, err := s.KPIDunningReached(ctx, eid, ledger.MustDate("2026-02-16"), ledger.MustDate("2026-03-31")); err != nil || len(got) != 0 {
			t.Errorf("from 02-16: %+v, %v", got, err)
		}
	})
}
