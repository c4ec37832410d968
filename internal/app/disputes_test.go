package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// paymentID returns the id of a payment by reference.
func paymentID(t *testing.T, svc *app.Service, ref string) int64 {
	t.Helper()
	ps, err := svc.Payments(context.Background(), app.System, ledger.PaymentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Reference == ref {
			return p.ID
		}
	}
	t.Fatalf("no payment %s", ref)
	return 0
}

// chased returns what a run chases per invoice number.
func chased(rep app.RunReport) map[string]int64 {
	out := map[string]int64{}
	for _, p := range rep.Planned {
		for _, it := range p.Action.Items {
			out[it.Number] += it.Amount
		}
	}
	return out
}

// A payment of 900.00 on F-1 (1,000.00) leaves 100.00 short: a dispute
// "short payment" is raised for it once per payment, routed by the default
// rule to billing, due 10 working days after the booking date (Monday
// 2026-10-05 -> Monday 2026-10-19), with the remittance text; the dunning
// run then chases only the undisputed part.
func TestShortPaymentRaisesDispute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, cs, inv := collectLedger(t, st)
		mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,invoice_number,allocated\nNL01,P1,2026-10-05,EUR,900.00,F-1,900.00\n")
		pid := paymentID(t, svc, "P1")
		d := app.PaymentDifference{EntityID: entityID(t, st, "NL01"), CustomerID: cs["K1"], InvoiceIDs: []int64{inv["F-1"]},
			Short: ledger.EUR(60_00), PaymentID: pid, BookingDate: ledger.MustDate("2026-10-05"),
			Remittance: "F-1 minus 60 for damaged crates", Payer: "Bakkerij Jansen"}
		id, err := svc.RaisePaymentDifference(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		again, err := svc.RaisePaymentDifference(ctx, d)
		if err != nil || again != id {
			t.Fatalf("second call for the same payment: %d, %v; want %d", again, err, id)
		}
		got, err := st.Dispute(ctx, ledger.Scope{All: true}, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Reason != disputes.ShortPayment || got.Amount != 60_00 || got.Currency != "EUR" || got.Queue != "billing" ||
			got.Status != disputes.Open || got.Due.String() != "2026-10-19" || got.PaymentID != pid || got.Source != store.DisputePayment {
			t.Errorf("dispute: %+v", got)
		}
		if !strings.Contains(got.Description, "damaged crates") || !strings.Contains(got.Description, "Bakkerij Jansen") {
			t.Errorf("description %q lacks the remittance text or payer", got.Description)
		}
		if len(got.Items) != 1 || got.Items[0].InvoiceID != inv["F-1"] || got.Items[0].Amount != 60_00 || got.Items[0].Open != 100_00 {
			t.Errorf("items: %+v", got.Items)
		}
		all, n, err := st.Disputes(ctx, store.DisputeFilter{Scope: ledger.Scope{All: true}})
		if err != nil || n != 1 || len(all) != 1 {
			t.Fatalf("disputes after two calls: %d, %v", n, err)
		}
		sum, err := st.DisputeSummaries(ctx, got.EntityID, 0, ledger.MustDate("2026-10-20"))
		if err != nil {
			t.Fatal(err)
		}
		if s := sum[cs["K1"]]; s.Open != 1 || s.Disputed["EUR"] != 60_00 || s.Overdue != 1 || len(sum) != 1 {
			t.Errorf("summaries on 2026-10-20: %+v", sum)
		}
		// F-1 has 100.00 open of which 60.00 disputed: 40.00 is chased;
		// the other customers' invoices in full
		rep := run(t, svc, "2026-10-25", true)
		if c := chased(rep); c["F-1"] != 40_00 || c["F-3"] != 400_00 {
			t.Errorf("chased with the dispute open: %v", c)
		}
	})
}

// A payment difference that names an invoice of another customer, a
// currency other than the invoice's, or no shortfall is refused.
func TestPaymentDifferenceRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, cs, inv := collectLedger(t, st)
		eid := entityID(t, st, "NL01")
		for name, d := range map[string]app.PaymentDifference{
			"other customer": {EntityID: eid, CustomerID: cs["K2"], InvoiceIDs: []int64{inv["F-1"]}, Short: ledger.EUR(10_00)},
			"other currency": {EntityID: eid, CustomerID: cs["K1"], InvoiceIDs: []int64{inv["F-1"]}, Short: ledger.Money{Amount: 10_00, Currency: "USD"}},
			"no shortfall":   {EntityID: eid, CustomerID: cs["K1"], InvoiceIDs: []int64{inv["F-1"]}, Short: ledger.EUR(0)},
		} {
			if _, err := svc.RaisePaymentDifference(ctx, d); !errors.Is(err, ledger.ErrInvalid) {
				t.Errorf("%s: %v, want invalid", name, err)
			}
		}
		if _, n, _ := st.Disputes(ctx, store.DisputeFilter{Scope: ledger.Scope{All: true}}); n != 0 {
			t.Errorf("%d disputes after refusals", n)
		}
	})
}
