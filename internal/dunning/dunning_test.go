package dunning

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// tableLaw is a law with round numbers, so the engine's use of it is easy to
// follow in the tables: costs are 10% of the principal (the real Dutch
// figures are tested in package law), interest is 1 cent per day overdue,
// and the 14-day term ends 15 days after the letter.
type tableLaw struct{}

func (tableLaw) CollectionCosts(p ledger.Money, consumer bool) (int64, error) {
	return p.Amount / 10, nil
}
func (tableLaw) Interest(a ledger.Money, consumer bool, due, until ledger.Date) (int64, error) {
	return int64(due.DaysUntil(until)), nil
}
func (tableLaw) CostsAllowed(notice, today ledger.Date) bool { return notice.DaysUntil(today) >= 15 }

var d = ledger.MustDate

// standard is a scheme as a Dutch wholesaler would set it up.
var standard = Scheme{Name: "Standard B2B", MinGapDays: 5, Levels: []Level{
	{Name: "pre-due", OffsetDays: -3, Channels: []string{Email}},
	{Name: "friendly", OffsetDays: 7, Channels: []string{Email}, MinAmount: 1000},
	{Name: "second", OffsetDays: 21, Channels: []string{Email, Letter}},
	{Name: "phone", OffsetDays: 30, Channels: []string{Phone}},
	{Name: "final", OffsetDays: 45, Channels: []string{Email, Letter}, AddCosts: true, AddInterest: true, CostsNotice: true},
	{Name: "agency", OffsetDays: 60, Channels: []string{Letter}, Handover: true, ProposeBlock: true, NotifyEmail: "incasso@example.com"},
}}

func item(number, due string, open int64, level int) Item {
	return Item{InvoiceID: int64(len(number)), Number: number, Kind: ledger.InvoiceKindInvoice, DueDate: d(due), Currency: "EUR", Open: open, Level: level}
}

// summary renders the actions compactly: "level:item,item=total".
func summary(dec Decision) []string {
	var out []string
	for _, a := range dec.Actions {
		var ns []string
		for _, i := range a.Items {
			ns = append(ns, i.Number)
		}
		s := a.LevelName + ":" + strings.Join(ns, ",") + "=" + ledger.FormatAmount(a.Total, a.Currency)
		if a.Costs != 0 {
			s += " costs " + ledger.FormatAmount(a.Costs, a.Currency)
		}
		if a.AnnouncedCosts != 0 {
			s += " announces " + ledger.FormatAmount(a.AnnouncedCosts, a.Currency)
		}
		if a.Interest != 0 {
			s += " interest " + ledger.FormatAmount(a.Interest, a.Currency)
		}
		out = append(out, s)
	}
	return out
}

func TestDecide(t *testing.T) {
	today := "2026-11-22"
	cases := []struct {
		name   string
		c      Customer
		want   []string
		reason string // a skip reason that must appear
	}{
		{"nothing due yet", Customer{Items: []Item{item("F1", "2026-12-31", 10000, 0)}}, nil, ""},
		{"pre-due reminder 3 days before", Customer{Items: []Item{item("F1", "2026-11-25", 10000, 0)}}, []string{"pre-due:F1=100.00"}, ""},
		{"first reminder at due+7", Customer{Items: []Item{item("F1", "2026-11-15", 10000, 1)}}, []string{"friendly:F1=100.00"}, ""},
		{"a level is never repeated", Customer{Items: []Item{item("F1", "2026-11-15", 10000, 2)}}, nil, ""},
		{"catch-up jumps to the right level once, not a burst",
			Customer{Items: []Item{item("F1", "2026-10-20", 10000, 0)}}, []string{"phone:F1=100.00"}, ""},
		{"consolidated: every item at a level in one action, oldest first",
			Customer{Items: []Item{item("F2", "2026-11-14", 5000, 1), item("F1", "2026-11-13", 7000, 1), item("F3", "2026-10-31", 100, 2)}},
			[]string{"friendly:F1,F2=120.00", "second:F3=1.00"}, ""},
		{"below the level's minimum amount", Customer{Items: []Item{item("F1", "2026-11-15", 999, 1)}}, nil, "below the minimum"},
		{"only the undisputed part is chased",
			Customer{Items: []Item{{Number: "F1", Kind: "invoice", DueDate: d("2026-11-01"), Currency: "EUR", Open: 10000, Disputed: 4000, Level: 1}}},
			[]string{"second:F1=60.00"}, ""},
		{"disputed in full", Customer{Items: []Item{{Number: "F1", Kind: "invoice", DueDate: d("2026-11-01"), Currency: "EUR", Open: 10000, Disputed: 10000}}}, nil, "disputed in full"},
		{"on hold: promise or plan", Customer{Items: []Item{{Number: "F1", Kind: "invoice", DueDate: d("2026-11-01"), Currency: "EUR", Open: 10000, OnHold: true}}}, nil, "on hold"},
		{"paused customer", Customer{PausedUntil: d("2026-11-30"), Items: []Item{item("F1", "2026-11-01", 10000, 0)}}, nil, "paused until 2026-11-30"},
		{"pause ended yesterday", Customer{PausedUntil: d("2026-11-21"), Items: []Item{item("F1", "2026-11-14", 10000, 1)}}, []string{"friendly:F1=100.00"}, ""},
		{"minimum gap between contacts", Customer{LastContact: d("2026-11-19"), Items: []Item{item("F1", "2026-11-14", 10000, 1)}}, nil, "less than 5 days ago"},
		{"gap respected exactly", Customer{LastContact: d("2026-11-17"), Items: []Item{item("F1", "2026-11-14", 10000, 1)}}, []string{"friendly:F1=100.00"}, ""},
		{"credit notes cover the balance",
			Customer{Items: []Item{item("F1", "2026-11-01", 10000, 1), {Number: "C1", Kind: ledger.InvoiceKindCreditNote, DueDate: d("2026-11-01"), Currency: "EUR", Open: -10000}}},
			nil, "credit in EUR covers it"},
		{"final level: costs on all overdue items, interest per item, the costs announced",
			Customer{Items: []Item{item("F1", "2026-10-08", 20000, 4), item("F2", "2026-11-10", 5000, 1)}},
			[]string{"friendly:F2=50.00", "final:F1=200.00 costs 25.00 announces 25.00 interest 0.45"}, ""},
		{"costs are charged only once",
			Customer{CostsCharged: true, Items: []Item{item("F1", "2026-10-08", 20000, 4)}},
			[]string{"final:F1=200.00 announces 20.00 interest 0.45"}, ""},
		{"consumer: no costs before the 14-day letter",
			Customer{Consumer: true, Items: []Item{item("F1", "2026-10-08", 20000, 4)}},
			nil, "14-day term"},
		{"consumer: costs after the 14-day term",
			Customer{Consumer: true, CostsNotice: d("2026-11-01"), Items: []Item{item("F1", "2026-10-08", 20000, 4)}},
			[]string{"final:F1=200.00 costs 20.00 announces 20.00 interest 0.45"}, ""},
		{"consumer: still within the 14-day term",
			Customer{Consumer: true, CostsNotice: d("2026-11-10"), Items: []Item{item("F1", "2026-10-08", 20000, 4)}},
			nil, "14-day term"},
		{"handover level",
			Customer{CostsCharged: true, Items: []Item{item("F1", "2026-09-01", 20000, 5)}},
			[]string{"agency:F1=200.00"}, ""},
		{"a broken plan escalates an overdue item straight to the final notice (not the agency after it)",
			Customer{Items: []Item{{Number: "F1", Kind: "invoice", DueDate: d("2026-11-01"), Currency: "EUR", Open: 20000, Level: 2, Escalate: true}}},
			[]string{"final:F1=200.00 costs 20.00 announces 20.00 interest 0.21"}, ""},
		{"escalation happens once: the final level is not repeated",
			Customer{Items: []Item{{Number: "F1", Kind: "invoice", DueDate: d("2026-11-01"), Currency: "EUR", Open: 20000, Level: 5, Escalate: true}}},
			nil, ""},
		{"escalation does not touch an item not yet due",
			Customer{Items: []Item{{Number: "F1", Kind: "invoice", DueDate: d("2026-11-22"), Currency: "EUR", Open: 20000, Level: 1, Escalate: true}}},
			nil, ""},
		{"escalation keeps the consumer's 14-day term",
			Customer{Consumer: true, Items: []Item{{Number: "F1", Kind: "invoice", DueDate: d("2026-11-01"), Currency: "EUR", Open: 20000, Level: 2, Escalate: true}}},
			[]string{"phone:F1=200.00"}, ""}, // the level before the costs, as without a plan
		{"one action per currency",
			Customer{Items: []Item{item("F1", "2026-11-14", 10000, 1), {Number: "G1", Kind: "invoice", DueDate: d("2026-11-14"), Currency: "GBP", Open: 5000, Level: 1}}},
			[]string{"friendly:F1=100.00", "friendly:G1=50.00"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dec, err := Decide(standard, c.c, d(today), tableLaw{})
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(dec); !reflect.DeepEqual(got, c.want) {
				t.Errorf("actions\n got %q\nwant %q\nskipped %+v", got, c.want, dec.Skipped)
			}
			if c.reason != "" {
				found := false
				for _, s := range dec.Skipped {
					found = found || strings.Contains(s.Reason, c.reason)
				}
				if !found {
					t.Errorf("no skip reason %q in %+v", c.reason, dec.Skipped)
				}
			}
		})
	}
}

func TestDecideFlags(t *testing.T) {
	dec, err := Decide(standard, Customer{ID: 9, CostsCharged: true, Items: []Item{item("F1", "2026-09-01", 20000, 5)}}, d("2026-11-22"), tableLaw{})
	if err != nil || len(dec.Actions) != 1 {
		t.Fatal(dec, err)
	}
	a := dec.Actions[0]
	if !a.Handover || !a.ProposeBlock || a.NotifyEmail != "incasso@example.com" || a.CustomerID != 9 || a.Level != 6 ||
		a.Items[0].DaysOverdue != 82 || !reflect.DeepEqual(a.Channels, []string{Letter}) {
		t.Fatalf("action %+v", a)
	}
}

func TestValidate(t *testing.T) {
	if err := standard.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []Scheme{
		{Name: "empty"},
		{Name: "order", Levels: []Level{{Name: "a", OffsetDays: 10, Channels: []string{Email}}, {Name: "b", OffsetDays: 5, Channels: []string{Email}}}},
		{Name: "idle", Levels: []Level{{Name: "a", OffsetDays: 10}}},
		{Name: "channel", Levels: []Level{{Name: "a", OffsetDays: 10, Channels: []string{"pigeon"}}}},
	}
	for _, s := range bad {
		if err := s.Validate(); err == nil {
			t.Errorf("scheme %q accepted", s.Name)
		}
	}
}
