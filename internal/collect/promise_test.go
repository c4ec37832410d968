package collect

import (
	"maps"
	"slices"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// pay is an unallocated EUR payment of customer 1.
func pay(date string, amount int64) ledger.Payment {
	return ledger.Payment{CustomerID: 1, Date: d(date), Currency: "EUR", Amount: amount}
}

// payOn is an EUR payment of customer 1 allocated to invoices: id, amount, id, amount...
func payOn(date string, alloc ...int64) ledger.Payment {
	p := ledger.Payment{CustomerID: 1, Date: d(date), Currency: "EUR"}
	for i := 0; i < len(alloc); i += 2 {
		p.Allocations = append(p.Allocations, ledger.Allocation{InvoiceID: alloc[i], Amount: alloc[i+1]})
		p.Amount += alloc[i+1]
	}
	return p
}

// The customer promised on Monday 2 March to pay EUR 5,000 by 10 March;
// the entity allows 3 days for the bank: the deadline is 13 March.
var promise = Promise{ID: 1, CustomerID: 1, Controller: "anna", Made: d("2026-03-02"), Due: d("2026-03-10"), GraceDays: 3,
	Currency: "EUR", Amount: 5_000_00}

func TestPromiseStatus(t *testing.T) {
	onItems := promise
	onItems.Items = []int64{101, 102}
	for _, c := range []struct {
		name     string
		p        Promise
		payments []ledger.Payment
		today    string
		want     Status
	}{
		{"kept by one payment", promise, []ledger.Payment{pay("2026-03-09", 5_000_00)}, "2026-03-20",
			Status{State: PromiseKept, Paid: 5_000_00, KeptOn: d("2026-03-09")}},
		{"kept by two partial payments", promise, []ledger.Payment{pay("2026-03-10", 3_000_00), pay("2026-03-05", 2_000_00)}, "2026-03-20",
			Status{State: PromiseKept, Paid: 5_000_00, KeptOn: d("2026-03-10")}},
		{"kept within grace", promise, []ledger.Payment{pay("2026-03-13", 5_000_00)}, "2026-03-20",
			Status{State: PromiseKept, Paid: 5_000_00, KeptOn: d("2026-03-13"), InGrace: true}},
		{"more than promised", promise, []ledger.Payment{pay("2026-03-04", 4_000_00), pay("2026-03-06", 4_000_00)}, "2026-03-06",
			Status{State: PromiseKept, Paid: 5_000_00, KeptOn: d("2026-03-06")}}, // Paid is what the promise took
		{"paid a day after the grace: broken", promise, []ledger.Payment{pay("2026-03-14", 5_000_00)}, "2026-03-14",
			Status{State: PromiseBroken, Missing: 5_000_00, BrokenOn: d("2026-03-14")}},
		{"broken with the amount missing", promise, []ledger.Payment{pay("2026-03-06", 2_000_00)}, "2026-03-16",
			Status{State: PromiseBroken, Paid: 2_000_00, Missing: 3_000_00, BrokenOn: d("2026-03-14")}},
		{"open on the last day of grace", promise, []ledger.Payment{pay("2026-03-06", 2_000_00)}, "2026-03-13",
			Status{State: PromiseOpen, Paid: 2_000_00, Missing: 3_000_00}},
		{"open before the date", promise, nil, "2026-03-03",
			Status{State: PromiseOpen, Missing: 5_000_00}},
		{"a payment before the promise does not count", promise, []ledger.Payment{pay("2026-03-01", 5_000_00)}, "2026-03-16",
			Status{State: PromiseBroken, Missing: 5_000_00, BrokenOn: d("2026-03-14")}},
		{"a payment dated after today does not count yet", promise, []ledger.Payment{pay("2026-03-12", 5_000_00)}, "2026-03-11",
			Status{State: PromiseOpen, Missing: 5_000_00}},
		{"another currency does not count", promise, []ledger.Payment{{Date: d("2026-03-09"), Currency: "USD", Amount: 6_000_00}}, "2026-03-16",
			Status{State: PromiseBroken, Missing: 5_000_00, BrokenOn: d("2026-03-14")}},
		{"items: kept by payments on those items", onItems, []ledger.Payment{payOn("2026-03-09", 101, 2_500_00, 102, 2_500_00)}, "2026-03-16",
			Status{State: PromiseKept, Paid: 5_000_00, KeptOn: d("2026-03-09")}},
		{"items: a payment on other items does not keep it", onItems, []ledger.Payment{payOn("2026-03-09", 103, 5_000_00)}, "2026-03-16",
			Status{State: PromiseBroken, Missing: 5_000_00, BrokenOn: d("2026-03-14")}},
		{"items: only the part on the promised items counts", onItems, []ledger.Payment{payOn("2026-03-09", 101, 1_000_00, 103, 4_000_00)}, "2026-03-16",
			Status{State: PromiseBroken, Paid: 1_000_00, Missing: 4_000_00, BrokenOn: d("2026-03-14")}},
		{"items: an unallocated payment does not count", onItems, []ledger.Payment{pay("2026-03-09", 5_000_00)}, "2026-03-12",
			Status{State: PromiseOpen, Missing: 5_000_00}},
	} {
		if got := PromiseStatus(c.p, c.payments, d(c.today)); got != c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}

func TestPromiseValidate(t *testing.T) {
	if err := promise.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []Promise{
		{Due: d("2026-03-10")},
		{Amount: 1, Made: d("2026-03-02")},
		{Amount: 1, Made: d("2026-03-02"), Due: d("2026-03-01")},
		{Amount: 1, Due: d("2026-03-10"), GraceDays: -1},
	} {
		if p.Validate() == nil {
			t.Errorf("%+v should be invalid", p)
		}
	}
}

func TestHeldItems(t *testing.T) {
	promises := []Promise{
		{CustomerID: 1, Made: d("2026-03-02"), Due: d("2026-03-10"), GraceDays: 3, Items: []int64{101, 102}},
		{CustomerID: 1, Made: d("2026-03-05"), Due: d("2026-03-20"), Items: []int64{103}},
		{CustomerID: 1, Made: d("2026-03-02"), Due: d("2026-03-16")}, // general: holds the account
		{CustomerID: 2, Made: d("2026-03-02"), Due: d("2026-03-31")},
	}
	for _, c := range []struct {
		today string
		held  []int64
		until string
	}{
		{"2026-03-01", nil, ""}, // before anything was promised
		{"2026-03-02", []int64{101, 102}, "2026-03-16"},
		{"2026-03-13", []int64{101, 102, 103}, "2026-03-16"}, // the last day of grace
		{"2026-03-14", []int64{103}, "2026-03-16"},           // 101 and 102 back to dunning
		{"2026-03-17", []int64{103}, ""},
		{"2026-03-21", nil, ""},
	} {
		got := slices.Sorted(maps.Keys(HeldItems(promises, d(c.today))))
		if !slices.Equal(got, c.held) {
			t.Errorf("%s: held %v, want %v", c.today, got, c.held)
		}
		if got := AccountHeldUntil(promises, 1, d(c.today)).String(); got != c.until {
			t.Errorf("%s: account held until %q, want %q", c.today, got, c.until)
		}
	}
}

func TestPromiseStats(t *testing.T) {
	mk := func(customer int64, controller, due string) Promise {
		return Promise{CustomerID: customer, Controller: controller, Made: d("2026-02-01"), Due: d(due), GraceDays: 2, Currency: "EUR", Amount: 100_00}
	}
	promises := []Promise{
		mk(1, "anna", "2026-02-20"), // broken on 23 Feb: the payment of 9 Feb went to the earlier promise
		mk(1, "anna", "2026-02-10"), // kept on 9 Feb
		mk(2, "anna", "2026-03-01"), // kept in grace on 3 Mar
		mk(2, "bram", "2026-03-05"), // broken on 8 Mar: the payment of 3 Mar was used up
		mk(3, "bram", "2026-03-31"), // open
	}
	payments := []ledger.Payment{
		pay("2026-02-09", 100_00),
		{CustomerID: 2, Date: d("2026-03-03"), Currency: "EUR", Amount: 100_00},
		{CustomerID: 4, Date: d("2026-03-03"), Currency: "EUR", Amount: 900_00}, // another customer's money
	}
	outs := Outcomes(promises, payments, today)
	var states []PromiseState
	for _, o := range outs {
		states = append(states, o.Status.State)
	}
	if want := []PromiseState{PromiseBroken, PromiseKept, PromiseKept, PromiseBroken, PromiseOpen}; !slices.Equal(states, want) {
		t.Fatalf("states %v, want %v", states, want)
	}
	if !outs[2].Status.InGrace || outs[0].Status.BrokenOn != d("2026-02-23") {
		t.Errorf("outcomes %+v", outs)
	}
	if got, want := PromiseStats(outs), (Stats{Kept: 2, Broken: 2, Open: 1, KeptRatio: 5000, OK: true}); got != want {
		t.Errorf("stats %+v, want %+v", got, want)
	}
	byController := PromiseStatsBy(outs, func(p Promise) string { return p.Controller })
	if got, want := byController["anna"], (Stats{Kept: 2, Broken: 1, KeptRatio: 6667, OK: true}); got != want {
		t.Errorf("anna %+v, want %+v", got, want)
	}
	if got, want := byController["bram"], (Stats{Broken: 1, Open: 1, KeptRatio: 0, OK: true}); got != want {
		t.Errorf("bram %+v, want %+v", got, want)
	}
	byCustomer := PromiseStatsBy(outs, func(p Promise) int64 { return p.CustomerID })
	if got, want := byCustomer[3], (Stats{Open: 1}); got != want {
		t.Errorf("customer 3 %+v, want %+v (no ratio yet)", got, want)
	}
	n, last := BrokenRecently(outs, today, 90)
	if n != 2 || last != d("2026-03-08") {
		t.Errorf("broken recently %d, last %s", n, last)
	}
	if n, _ := BrokenRecently(outs, today, 10); n != 1 {
		t.Errorf("broken in the last 10 days: %d, want 1", n)
	}
	// one promise alone counts the payment, whatever other promises there are
	if s := PromiseStatus(promises[0], payments[:1], today); s.State != PromiseKept {
		t.Errorf("alone: %+v", s)
	}
}
