package match

import "testing"

func TestRuleStructuredRef(t *testing.T) {
	runCases(t, fixture, []matchCase{
		{name: "field, paid in full", line: Line{Amount: 123456, StructuredRef: refJansen123, CounterpartyIBAN: ibanJansen},
			rule: RuleStructuredRef, auto: true, alloc: "101:123456", minCon: 100,
			expl: "betalingskenmerk " + refJansen123 + " is invoice F2026-00123 of Jansen Bouw B.V., open EUR 1234.56, paid in full"},
		{name: "spaced in the text, unknown payer", line: Line{Amount: 123456, Remittance: "betalingskenmerk 1000 0123 4567 8901", CounterpartyIBAN: ibanUnknown},
			rule: RuleStructuredRef, auto: true, alloc: "101:123456", minCon: 98},
		{name: "dotted in a raw :86:", line: Line{Amount: 123456,
			Remittance: "/TRTP/SEPA OVERBOEKING/IBAN/NL91ABNA0417164300/BIC/ABNANL2A/NAME/Jansen Bouw BV/REMI/KENMERK 1000.0123.4567.8901/EREF/NOTPROVIDED"},
			rule: RuleStructuredRef, auto: true, alloc: "101:123456", minCon: 98},
		{name: "RF in the field", line: Line{Amount: 98765, StructuredRef: "RF18 5390 0754 7034"},
			rule: RuleStructuredRef, auto: true, alloc: "601:98765", minCon: 100, expl: "RF reference"},
		{name: "RF in the text, lower case", line: Line{Amount: 98765, Remittance: "onze ref rf18 5390 0754 7034 dank u"},
			rule: RuleStructuredRef, auto: true, alloc: "601:98765", minCon: 98},
		{name: "partial payment: still certain, the rest stays open", line: Line{Amount: 50000, StructuredRef: refJansen123},
			rule: RuleStructuredRef, auto: true, alloc: "101:50000", minCon: 95, maxCon: 95, expl: "EUR 734.56 stays open"},
		{name: "short within tolerance: in full", line: Line{Amount: 123056, StructuredRef: refJansen123}, opt: Options{Tolerance: 500},
			rule: RuleStructuredRef, auto: true, alloc: "101:123456", diff: -400, minCon: 99, maxCon: 99},
		{name: "over within tolerance", line: Line{Amount: 123756, StructuredRef: refJansen123}, opt: Options{Tolerance: 500},
			rule: RuleStructuredRef, auto: true, alloc: "101:123456", diff: 300, minCon: 99},
		{name: "overpaid beyond tolerance: a person decides", line: Line{Amount: 150000, StructuredRef: refJansen123}, opt: Options{Tolerance: 500},
			rule: RuleStructuredRef, auto: false, alloc: "101:123456", diff: 26544, minCon: 80, maxCon: 80},
		{name: "short beyond tolerance is a partial payment", line: Line{Amount: 120000, StructuredRef: refJansen123}, opt: Options{Tolerance: 500},
			rule: RuleStructuredRef, auto: true, alloc: "101:120000", minCon: 95},
		{name: "account of another customer: not auto", line: Line{Amount: 123456, StructuredRef: refJansen123, CounterpartyIBAN: ibanPietersen},
			rule: RuleStructuredRef, auto: false, alloc: "101:123456", maxCon: 85, expl: "known for another customer"},
		{name: "currency must match", line: Line{Amount: 123456, Currency: "USD", StructuredRef: refJansen123}, rule: ""},
	})
}

func TestRuleInvoiceNumber(t *testing.T) {
	runCases(t, fixture, []matchCase{
		{name: "exact", line: Line{Amount: 50000, Remittance: "Factuur 1260100006"},
			rule: RuleInvoiceNumber, auto: true, alloc: "102:50000", minCon: 95},
		{name: "the payer's own prefix glued to it", line: Line{Amount: 50000, Remittance: "fact. inv1260100006 dank u"},
			rule: RuleInvoiceNumber, auto: true, alloc: "102:50000", minCon: 95},
		{name: "raw :86:, prefix left out", line: Line{Amount: 123456, CounterpartyIBAN: ibanJansen,
			Remittance: "/TRTP/SEPA OVERBOEKING/IBAN/NL91ABNA0417164300/BIC/ABNANL2A/NAME/Jansen Bouw BV/REMI/BETALING FACT 2026-00123/EREF/NOTPROVIDED"},
			rule: RuleInvoiceNumber, auto: true, alloc: "101:123456", minCon: 92, expl: "prefix or leading zeros left out"},
		{name: "spaces inside", line: Line{Amount: 123456, Remittance: "F 2026 00123"},
			rule: RuleInvoiceNumber, auto: true, alloc: "101:123456", minCon: 95},
		{name: "dots and lower case", line: Line{Amount: 123456, Remittance: "fact. f2026.00123"},
			rule: RuleInvoiceNumber, auto: true, alloc: "101:123456", minCon: 95},
		{name: "leading zeros dropped", line: Line{Amount: 123456, Remittance: "F2026-123"},
			rule: RuleInvoiceNumber, auto: true, alloc: "101:123456", minCon: 92},
		{name: "last part only is too short", line: Line{Amount: 123456, Remittance: "factuur 00123"}, rule: ""},
		{name: "prefix left out, unique", line: Line{Amount: 98765, Remittance: "2026-104522"},
			rule: RuleInvoiceNumber, auto: true, alloc: "601:98765", minCon: 92, maxCon: 92},
		{name: "last part of six digits: suggested", line: Line{Amount: 98765, Remittance: "104522"},
			rule: RuleInvoiceNumber, auto: false, alloc: "601:98765", minCon: 85, maxCon: 85},
		{name: "in the end-to-end id", line: Line{Amount: 75000, EndToEndID: "1260100007"},
			rule: RuleInvoiceNumber, auto: true, alloc: "103:75000", minCon: 95},
		{name: "partial payment: suggested", line: Line{Amount: 30000, Remittance: "Factuur 1260100006"},
			rule: RuleInvoiceNumber, auto: false, alloc: "102:30000", minCon: 75, maxCon: 75},
		{name: "short within tolerance", line: Line{Amount: 49750, Remittance: "Factuur 1260100006"}, opt: Options{Tolerance: 500},
			rule: RuleInvoiceNumber, auto: true, alloc: "102:50000", diff: -250, minCon: 94},
		{name: "overpaid beyond tolerance", line: Line{Amount: 60000, Remittance: "Factuur 1260100006"}, opt: Options{Tolerance: 500},
			rule: RuleInvoiceNumber, auto: false, alloc: "102:50000", diff: 10000, maxCon: 70},
		{name: "a second number shaped like ours that is not open", line: Line{Amount: 50000, Remittance: "Facturen 1260100006 1260100099"},
			rule: RuleInvoiceNumber, auto: false, alloc: "102:50000", maxCon: 85},
		{name: "credit note alone is not paid", line: Line{Amount: 10000, Remittance: "C1260100002"}, rule: ""},
		{name: "amounts are not numbers", line: Line{Amount: 50000, Remittance: "Betaling 1.260.100,06 EUR"}, rule: ""},
	})
}

func TestRuleInvoiceNumbersSum(t *testing.T) {
	runCases(t, fixture, []matchCase{
		{name: "two numbers add up", line: Line{Amount: 125000, Remittance: "Fact. 1260100006 en 1260100007", CounterpartyIBAN: ibanJansen},
			rule: RuleInvoiceNumbersSum, auto: true, alloc: "102:50000 103:75000", minCon: 95},
		{name: "comma separated", line: Line{Amount: 125000, Remittance: "Facturen 1260100006, 1260100007"},
			rule: RuleInvoiceNumbersSum, auto: true, alloc: "102:50000 103:75000", minCon: 95},
		{name: "invoice minus credit note", line: Line{Amount: 40000, Remittance: "1260100006 -/- C1260100002"},
			rule: RuleInvoiceNumbersSum, auto: true, alloc: "102:50000 104:-10000", minCon: 95},
		{name: "reference and number together", line: Line{Amount: 173456, Remittance: "kenmerk 1000012345678901 en factuur 1260100006"},
			rule: RuleInvoiceNumbersSum, auto: true, alloc: "101:123456 102:50000", minCon: 95},
		{name: "within tolerance", line: Line{Amount: 124800, Remittance: "Facturen 1260100006, 1260100007"}, opt: Options{Tolerance: 500},
			rule: RuleInvoiceNumbersSum, auto: true, alloc: "102:50000 103:75000", diff: -200, minCon: 94},
		{name: "one of the named adds up: subset", line: Line{Amount: 75000, Remittance: "Facturen 1260100006, 1260100007"},
			rule: RuleInvoiceNumbersSubset, auto: false, alloc: "103:75000", maxCon: 75},
		{name: "short: oldest first", line: Line{Amount: 100000, Remittance: "Facturen 1260100006, 1260100007"},
			rule: RuleInvoiceNumbersSum, auto: false, alloc: "102:50000 103:50000", maxCon: 65},
		{name: "over: all named, the rest on account", line: Line{Amount: 130000, Remittance: "Facturen 1260100006, 1260100007"},
			rule: RuleInvoiceNumbersSum, auto: false, alloc: "102:50000 103:75000", diff: 5000, maxCon: 70},
		{name: "parent pays two subsidiaries' invoices", line: Line{Amount: 157300, Remittance: "1260100020 1260100030", CounterpartyIBAN: ibanDeVries},
			rule: RuleInvoiceNumbersSum, auto: true, alloc: "401:36300 501:121000", minCon: 95},
		{name: "two unrelated customers named, account of one", line: Line{Amount: 100000, Remittance: "1260100006 1260100018", CounterpartyIBAN: ibanJansen},
			rule: RuleInvoiceNumbersSum, auto: false, alloc: "102:50000 201:50000", maxCon: 85},
	})
}

func TestRuleTypo(t *testing.T) {
	runCases(t, fixture, []matchCase{
		{name: "digit changed", line: Line{Amount: 50000, Remittance: "factuur 1260100096"},
			rule: RuleInvoiceNumberTypo, auto: false, alloc: "102:50000", minCon: 60, maxCon: 60, expl: "one character differs"},
		{name: "neighbours swapped", line: Line{Amount: 75000, Remittance: "factuur 1260100070"},
			rule: RuleInvoiceNumberTypo, auto: false, alloc: "103:75000", maxCon: 60},
		{name: "digit left out", line: Line{Amount: 75000, Remittance: "factuur 126010007"},
			rule: RuleInvoiceNumberTypo, auto: false, alloc: "103:75000", maxCon: 60},
		{name: "never auto, whatever the threshold", line: Line{Amount: 75000, Remittance: "factuur 126010007"}, opt: Options{AutoThreshold: 10},
			rule: RuleInvoiceNumberTypo, auto: false, alloc: "103:75000", maxCon: 60},
		{name: "typo and a known account that agree", line: Line{Amount: 75000, Remittance: "factuur 126010007", CounterpartyIBAN: ibanJansen},
			rule: RuleIBANAmount, auto: true, alloc: "103:75000", minCon: 90},
		{name: "typo in a prefixed number", line: Line{Amount: 123456, Remittance: "F2026-00124"},
			rule: RuleInvoiceNumberTypo, auto: false, alloc: "101:123456", maxCon: 60},
	})
}

func TestRuleAmbiguous(t *testing.T) {
	items := append(fixtureItems(),
		OpenItem{InvoiceID: 701, CustomerID: 7, Number: "G2026-00123", Currency: "EUR", Open: 99900, DueDate: d("2026-02-01"), CustomerName: "Groen Tuinen"})
	ix := func() *Index { return NewIndex(items, fixtureKnown()) }
	runCases(t, ix, []matchCase{
		{name: "prefix left out fits two customers", line: Line{Amount: 123456, Remittance: "fact 2026-00123"},
			rule: RuleInvoiceNumberAmbiguous, auto: false, alloc: "101:123456", maxCon: 55},
		{name: "the full number is not ambiguous", line: Line{Amount: 99900, Remittance: "fact G2026-00123"},
			rule: RuleInvoiceNumber, auto: true, alloc: "701:99900", minCon: 95},
		{name: "ambiguous number, account decides the amount", line: Line{Amount: 123456, Remittance: "fact 2026-00123", CounterpartyIBAN: ibanJansen},
			rule: RuleIBANAmount, auto: true, alloc: "101:123456", minCon: 90},
	})
}

func TestNeighbourGuard(t *testing.T) {
	// sequential numbers: a typo names another real invoice; when that one
	// fits the payment as well, the number written is not certain
	items := append(fixtureItems(),
		OpenItem{InvoiceID: 702, CustomerID: 7, Number: "1260100009", Currency: "EUR", Open: 50000, DueDate: d("2026-02-01"), CustomerName: "Groen Tuinen"})
	ix := func() *Index { return NewIndex(items, fixtureKnown()) }
	runCases(t, ix, []matchCase{
		{name: "neighbour fits too", line: Line{Amount: 50000, Remittance: "Factuur 1260100006"},
			rule: RuleInvoiceNumber, auto: false, alloc: "102:50000", maxCon: 85, expl: "1260100009, one character off, fits too"},
		{name: "the account settles it", line: Line{Amount: 50000, Remittance: "Factuur 1260100006", CounterpartyIBAN: ibanJansen},
			rule: RuleInvoiceNumber, auto: true, alloc: "102:50000", minCon: 97}, // the neighbour is not the payer's; two rules agree
		{name: "neighbour of another amount", line: Line{Amount: 75000, Remittance: "Factuur 1260100007"},
			rule: RuleInvoiceNumber, auto: true, alloc: "103:75000", minCon: 95},
		{name: "in a sum", line: Line{Amount: 125000, Remittance: "Facturen 1260100006 1260100007"},
			rule: RuleInvoiceNumbersSum, auto: false, alloc: "102:50000 103:75000", maxCon: 85},
	})
}

func TestToleranceGuard(t *testing.T) {
	items := append(fixtureItems(),
		OpenItem{InvoiceID: 703, CustomerID: custJansen, Number: "1260100040", Currency: "EUR", Open: 3000, DueDate: d("2026-02-01"), CustomerName: "Jansen Bouw B.V."})
	ix := func() *Index { return NewIndex(items, fixtureKnown()) }
	runCases(t, ix, []matchCase{
		{name: "within tolerance but a large part of a small amount", line: Line{Amount: 2600, Remittance: "1260100040"}, opt: Options{Tolerance: 500},
			rule: RuleInvoiceNumber, auto: false, alloc: "703:3000", diff: -400, maxCon: 85, expl: "a partial payment?"},
		{name: "bank costs on a small amount", line: Line{Amount: 2850, Remittance: "1260100040"}, opt: Options{Tolerance: 500},
			rule: RuleInvoiceNumber, auto: true, alloc: "703:3000", diff: -150, minCon: 94},
	})
}

func TestNameGuard(t *testing.T) {
	runCases(t, fixture, []matchCase{
		{name: "unknown account, another name", line: Line{Amount: 50000, Remittance: "Factuur 1260100006", CounterpartyIBAN: ibanUnknown, CounterpartyName: "Hendriks Transport"},
			rule: RuleInvoiceNumber, auto: false, alloc: "102:50000", maxCon: 85, expl: "not known for this customer"},
		{name: "unknown account, the customer's name", line: Line{Amount: 50000, Remittance: "Factuur 1260100006", CounterpartyIBAN: ibanUnknown, CounterpartyName: "JANSEN BOUW"},
			rule: RuleInvoiceNumber, auto: true, alloc: "102:50000", minCon: 95},
		{name: "unknown account, the parent's name", line: Line{Amount: 36300, Remittance: "1260100020", CounterpartyIBAN: ibanUnknown, CounterpartyName: "DE VRIES GROEP BV"},
			rule: RuleInvoiceNumber, auto: true, alloc: "401:36300", minCon: 95},
		{name: "a checked reference needs no name", line: Line{Amount: 123456, Remittance: "1000012345678901", CounterpartyIBAN: ibanUnknown, CounterpartyName: "Hendriks Transport"},
			rule: RuleStructuredRef, auto: true, alloc: "101:123456", minCon: 98},
	})
}

func TestRuleIBAN(t *testing.T) {
	runCases(t, fixture, []matchCase{
		{name: "one open item of the amount", line: Line{Amount: 75000, Remittance: "Betaling", CounterpartyIBAN: ibanJansen},
			rule: RuleIBANAmount, auto: true, alloc: "103:75000", minCon: 90, maxCon: 90},
		{name: "IBAN written with spaces and lower case", line: Line{Amount: 75000, CounterpartyIBAN: "nl91 abna 0417 1643 00"},
			rule: RuleIBANAmount, auto: true, alloc: "103:75000", minCon: 90},
		{name: "two items of the amount: not auto", line: Line{Amount: 21780, CounterpartyIBAN: ibanPietersen},
			rule: RuleIBANAmount, auto: false, alloc: "202:21780", maxCon: 60},
		{name: "oldest items add up exactly", line: Line{Amount: 71780, CounterpartyIBAN: ibanPietersen},
			rule: RuleIBANOldestExact, auto: true, alloc: "201:50000 202:21780", minCon: 90},
		{name: "parent pays a subsidiary's invoice", line: Line{Amount: 48400, CounterpartyIBAN: ibanDeVries, CounterpartyName: "De Vries Groep"},
			rule: RuleIBANAmount, auto: true, alloc: "402:48400", minCon: 90, expl: "De Vries Groep B.V."},
		{name: "parent pays the group's oldest", line: Line{Amount: 157300, CounterpartyIBAN: ibanDeVries},
			rule: RuleIBANOldestExact, auto: true, alloc: "401:36300 501:121000", minCon: 90},
		{name: "subset that is not the oldest: suggested", line: Line{Amount: 169400, CounterpartyIBAN: ibanDeVries},
			rule: RuleIBANAmountSum, auto: false, alloc: "402:48400 501:121000", minCon: 80, maxCon: 80},
		{name: "within tolerance: suggested", line: Line{Amount: 74800, CounterpartyIBAN: ibanJansen}, opt: Options{Tolerance: 500},
			rule: RuleIBANAmount, auto: false, alloc: "103:75000", diff: -200, maxCon: 80},
		{name: "nothing fits: oldest first", line: Line{Amount: 60000, CounterpartyIBAN: ibanPietersen},
			rule: RuleIBANOldestFirst, auto: false, alloc: "201:50000 202:10000", maxCon: 50},
		{name: "more than all that is open", line: Line{Amount: 200000, CounterpartyIBAN: ibanPietersen},
			rule: RuleIBANOldestFirst, auto: false, alloc: "201:50000 202:21780 203:21780", diff: 106440, maxCon: 50},
		{name: "text names another open item", line: Line{Amount: 75000, Remittance: "deel factuur 1260100006", CounterpartyIBAN: ibanJansen},
			rule: RuleIBANAmount, auto: false, alloc: "103:75000", maxCon: 85}, // capped: the text says otherwise
		{name: "text names an unknown reference", line: Line{Amount: 75000, StructuredRef: kenmerk("000099999999999"), CounterpartyIBAN: ibanJansen},
			rule: RuleIBANAmount, auto: false, alloc: "103:75000", maxCon: 85},
		{name: "text names a number shaped like ours that is not open", line: Line{Amount: 75000, Remittance: "factuur 1260100555", CounterpartyIBAN: ibanJansen},
			rule: RuleIBANAmount, auto: false, alloc: "103:75000", maxCon: 85},
		{name: "a PO number of another shape does not block", line: Line{Amount: 75000, Remittance: "PO 4500123456", CounterpartyIBAN: ibanJansen},
			rule: RuleIBANAmount, auto: true, alloc: "103:75000", minCon: 90},
	})
}

func TestRuleNameAndAmount(t *testing.T) {
	runCases(t, fixture, []matchCase{
		{name: "unknown account, customer's name, unique amount", line: Line{Amount: 98765, CounterpartyName: "BAKKERIJ VAN DAM", CounterpartyIBAN: ibanUnknown},
			rule: RuleNameAmount, auto: false, alloc: "601:98765", minCon: 75, maxCon: 77},
		{name: "resembling name, amount unique among all", line: Line{Amount: 36300, CounterpartyName: "DE VRIES LOGISTIEK", CounterpartyIBAN: ibanUnknown},
			rule: RuleNameAmount, auto: false, alloc: "401:36300", maxCon: 77},
		{name: "resembling name only", line: Line{Amount: 36300, CounterpartyName: "J. de Vries Logistiek Holding", CounterpartyIBAN: ibanUnknown},
			rule: RuleAmountUnique, auto: false, alloc: "401:36300", maxCon: 70},
		{name: "name does not resemble", line: Line{Amount: 36300, CounterpartyName: "Hendriks Transport", CounterpartyIBAN: ibanUnknown},
			rule: ""},
		{name: "the name's only item of the amount", line: Line{Amount: 50000, CounterpartyName: "Jansen Bouw", CounterpartyIBAN: ibanUnknown},
			rule: RuleNameAmount, auto: false, alloc: "102:50000", maxCon: 75},
		{name: "amount not unique", line: Line{Amount: 50000, CounterpartyName: "J. Jansen", CounterpartyIBAN: ibanUnknown},
			rule: ""},
	})
}
