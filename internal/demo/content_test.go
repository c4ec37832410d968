package demo

import (
	"testing"

	"github.com/kredo-dev/kredo/internal/bank"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// generateChecked runs the default configuration through a checkSink and
// returns it with the generator, whose per-customer profiles the tests read.
func generateChecked(t *testing.T, cfg Config) (*checkSink, *generator) {
	t.Helper()
	s := newCheckSink(t)
	g := newGenerator(cfg, s)
	if err := g.run(); err != nil {
		t.Fatal(err)
	}
	s.finish()
	return s, g
}

var defaultCfg = Config{Seed: 1, Today: testToday, Customers: DefaultCustomers}

func TestInvariantsAndContent(t *testing.T) {
	s, g := generateChecked(t, defaultCfg)
	sum := g.sum
	t.Logf("summary: %+v", sum)
	if sum.Customers != DefaultCustomers || len(s.customers) != DefaultCustomers || sum.Entities != 3 {
		t.Errorf("customers %d (%d received), entities %d", sum.Customers, len(s.customers), sum.Entities)
	}
	if sum.Invoices < 40000 || sum.Invoices > 60000 || sum.Invoices != len(s.invoices) {
		t.Errorf("default invoices %d (%d received), want 40k-60k", sum.Invoices, len(s.invoices))
	}

	// entity split ~60/25/15, consumers ~10%, groups ~5%
	perEntity := map[string]int{}
	var inGroup, subs int
	for _, c := range s.customers {
		perEntity[c.EntityCode]++
		if c.ParentNumber != "" {
			subs++
		}
	}
	inGroup = subs + sum.Groups
	if n := perEntity["NL01"]; n != 1200 || perEntity["BE01"] != 500 || perEntity["UK01"] != 300 {
		t.Errorf("customers per entity %v", perEntity)
	}
	if sum.Consumers < 140 || sum.Consumers > 260 {
		t.Errorf("%d consumers, want ~10%%", sum.Consumers)
	}
	if inGroup < 50 || inGroup > 170 {
		t.Errorf("%d customers in groups, want ~5%%", inGroup)
	}

	// aging: every bucket has open items, plenty not yet due, some due within a week
	var aging [6]int
	var dueSoon, partial, openCredit, settledCredit int
	var inRange, big, total int
	for _, k := range s.order {
		inv := s.invoices[k].inv
		if inv.Kind == ledger.InvoiceKindInvoice {
			total++
			if inv.Amount >= 10000 && inv.Amount <= 500000 {
				inRange++
			}
			if inv.Amount > 2000000 {
				big++
			}
			if inv.Amount > maxAmount {
				t.Errorf("invoice %s amount %d above the cap", k, inv.Amount)
			}
			if inv.OpenAmount > 0 && inv.OpenAmount < inv.Amount {
				partial++
			}
		} else if inv.OpenAmount == 0 {
			settledCredit++
		} else {
			openCredit++
		}
		if inv.OpenAmount == 0 {
			continue
		}
		late := inv.DueDate.DaysUntil(testToday)
		aging[agingBucket(late)]++
		if late <= 0 && late >= -7 {
			dueSoon++
		}
	}
	if aging != sum.Aging {
		t.Errorf("aging %v, summary says %v", aging, sum.Aging)
	}
	for b, n := range aging {
		if n == 0 {
			t.Errorf("aging bucket %s is empty", AgingBuckets[b])
		}
	}
	if aging[0] < sum.OpenItems/5 || dueSoon < 100 {
		t.Errorf("not due: %d of %d open items, %d due within a week", aging[0], sum.OpenItems, dueSoon)
	}
	if pct := inRange * 100 / total; pct < 75 {
		t.Errorf("only %d%% of invoices between 100 and 5,000", pct)
	}
	if big == 0 || partial == 0 || settledCredit == 0 || openCredit == 0 {
		t.Errorf("big %d, partially paid %d, settled credit notes %d, open credit notes %d", big, partial, settledCredit, openCredit)
	}
	if sum.CreditNotes < sum.Invoices/100 {
		t.Errorf("only %d credit notes", sum.CreditNotes)
	}

	// payments: some pay several invoices at once, some leave money unallocated
	var multi, unallocated, overpaid, settlements int
	for _, p := range s.payments {
		switch {
		case len(p.Allocations) > 1:
			multi++
		case len(p.Allocations) == 0:
			unallocated++
		}
		if len(p.Allocations) > 0 && p.Unallocated() > 0 {
			overpaid++
		}
		if p.Amount == 0 {
			settlements++
		}
	}
	if multi < len(s.payments)/20 || unallocated == 0 || overpaid == 0 || settlements == 0 {
		t.Errorf("payments %d: multi-invoice %d, unallocated %d, overpaid %d, settlements %d",
			len(s.payments), multi, unallocated, overpaid, settlements)
	}
	if unallocated != sum.Unmatched || len(s.payments) != sum.Payments {
		t.Errorf("summary payments %d unmatched %d, counted %d and %d", sum.Payments, sum.Unmatched, len(s.payments), unallocated)
	}
}

func TestProfilesDiffer(t *testing.T) {
	s, g := generateChecked(t, defaultCfg)
	profileOf := map[string]int{}
	var customers [numProfiles]int
	for ei, infos := range g.infos {
		for _, info := range infos {
			profileOf[g.ents[ei].entity.Code+"|"+info.number] = int(info.profile)
			customers[info.profile]++
		}
	}
	// days between due date and payment, per allocation to an invoice
	var days, n [numProfiles]int
	var unpaidOld [numProfiles]int
	for _, p := range s.payments {
		for _, a := range p.Allocations {
			inv := s.invoices[p.EntityCode+"|"+a.InvoiceNumber].inv
			if inv.Kind != ledger.InvoiceKindInvoice {
				continue
			}
			pr := profileOf[p.EntityCode+"|"+inv.CustomerNumber]
			days[pr] += inv.DueDate.DaysUntil(p.Date)
			n[pr]++
		}
	}
	for _, k := range s.order {
		inv := s.invoices[k].inv
		if inv.OpenAmount > 0 && inv.DueDate.DaysUntil(testToday) > 60 {
			unpaidOld[profileOf[inv.EntityCode+"|"+inv.CustomerNumber]]++
		}
	}
	avg := func(p int) int { return days[p] / max(n[p], 1) }
	// old overdue items per 100 customers
	oldRate := func(p int) int { return unpaidOld[p] * 100 / max(customers[p], 1) }
	for p := range numProfiles {
		t.Logf("%-13s %4d customers, %6d payments, average %3d days after due, %4d items >60 days overdue",
			profileNames[p], customers[p], n[p], avg(p), unpaidOld[p])
	}
	if avg(profPrompt) > 2 {
		t.Errorf("prompt payers pay %d days after due on average", avg(profPrompt))
	}
	if avg(profChronic) < avg(profPrompt)+20 || avg(profChronic) < avg(profRegular)+15 {
		t.Errorf("chronic late payers (%d days) not clearly later than prompt (%d) and regular (%d)",
			avg(profChronic), avg(profPrompt), avg(profRegular))
	}
	if avg(profDeteriorating) <= avg(profRegular) {
		t.Errorf("deteriorating payers (%d) not later than regular (%d)", avg(profDeteriorating), avg(profRegular))
	}
	if oldRate(profStopper) < 5*oldRate(profPrompt) {
		t.Errorf("stoppers leave %d old items open per 100 customers, prompt payers %d", oldRate(profStopper), oldRate(profPrompt))
	}
}

func TestScaling(t *testing.T) {
	for _, cfg := range []Config{
		{Seed: 3, Today: testToday, Customers: 3000, Invoices: 100000},
		{Seed: 3, Today: testToday, Customers: 300, Invoices: 1000},
		{Seed: 3, Today: testToday, Customers: 1, Invoices: 10},
		{Seed: 3, Today: testToday, Customers: 7},
	} {
		s, g := generateChecked(t, cfg)
		if g.sum.Customers != cfg.Customers || len(s.customers) != cfg.Customers {
			t.Errorf("%+v: %d customers", cfg, g.sum.Customers)
		}
		if cfg.Invoices > 0 && (g.sum.Invoices*100 < cfg.Invoices*99 || g.sum.Invoices*100 > cfg.Invoices*101) {
			t.Errorf("%+v: %d invoices", cfg, g.sum.Invoices)
		}
	}
}

func TestCheckDigits(t *testing.T) {
	// the example of the Betaalvereniging specification: (5)000 0567 8901 2345
	if got := betalingskenmerk("000056789012345"); got != "5000056789012345" || !(len(got) == 16 && bank.ValidKenmerk(got)) {
		t.Errorf("betalingskenmerk = %s", got)
	}
	if bank.ValidKenmerk("4000056789012345") {
		t.Error("wrong check digit accepted")
	}
	for _, iban := range []string{"NL91ABNA0417164300", "BE68539007547034", "GB82WEST12345698765432", "DE89370400440532013000"} {
		if !bank.ValidIBAN(iban) {
			t.Errorf("valid IBAN %s rejected", iban)
		}
	}
	if bank.ValidIBAN("NL91ABNA0417164301") || bank.ValidIBAN("NL91ABNA041716430") {
		t.Error("invalid IBAN accepted")
	}
	if got := makeIBAN("NL", "ABNA0417164300"); got != "NL91ABNA0417164300" {
		t.Errorf("makeIBAN = %s", got)
	}
	if got := makeRF("539007547034"); got != "RF18539007547034" || !bank.ValidRF(got) || bank.ValidRF("RF19539007547034") {
		t.Errorf("makeRF = %s", got)
	}
	if got := makeOGM("0909337554"); got != "+++090/9337/55493+++" || !validOGM(got) {
		t.Errorf("makeOGM = %s", got)
	}
	if !validBEEnterprise("0566.988.259") || !validRSIN("111222333") || !validGBVAT("GB980780684") || !validDEVAT("DE136695976") {
		t.Error("a known valid registration number was rejected")
	}
}
