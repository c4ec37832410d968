package mt940

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/bank"
)

const testdata = "../../../testdata/bank/"

// spot is what one entry of a real file must hold; zero fields are not checked.
type spot struct {
	stmt, entry     int
	amount          int64
	booking, value  string
	name, iban, bic string
	account         string
	remittance      string
	sref, e2e, ref  string
	txCode          string
	reversal        bool
}

// fileCase is what a real file must parse into: counts and the first
// statement's account, currency and balances, then spot checks.
type fileCase struct {
	file                string
	statements, entries int // entries over all statements
	format              string
	account, currency   string
	opening, closing    int64
	openDate, closeDate string
	noClosing           bool
	unbalanced          int // statements whose balances do not add up (the samples are anonymised)
	spots               []spot
}

var fileCases = []fileCase{
	{file: "jejik-mt940/abnamro.txt", statements: 2, entries: 10, account: "517852257", currency: "EUR",
		opening: 323628, openDate: "2011-05-22", closing: 87684, closeDate: "2011-05-23", unbalanced: 2,
		spots: []spot{
			{stmt: 0, entry: 0, amount: -900, booking: "2011-05-24", value: "2011-05-24", sref: "000000042188659", txCode: "N192",
				remittance: "GIRO 428428 KPN - DIGITENNE BETALINGSKENM. 000000042188659 5314606715 BETREFT FACTUUR D.D. 20-05-2011 INCL. 1,44 BTW"},
			{stmt: 0, entry: 1, amount: -1159, booking: "2011-05-23", value: "2011-05-21"},
			{stmt: 1, entry: 1, amount: -1500, account: "52.89.39.882"},
		}},
	{file: "jejik-mt940/ing-dos.txt", statements: 1, entries: 7, account: "0001234567", currency: "EUR",
		opening: 0, openDate: "2010-07-22", closing: 347, closeDate: "2010-07-23", unbalanced: 1,
		spots: []spot{
			{entry: 0, amount: -2503, txCode: "NOV"},
			{entry: 6, amount: 100, booking: "2010-07-23", account: "0111111111",
				remittance: "0111111111 Hr S Marechal ROSMALEN Hr S Marechal ROSMALEN Betaling transactiedatum: 22-07-2010"},
		}},
	{file: "jejik-mt940/knab.txt", statements: 2, entries: 3, account: "123456789", currency: "EUR",
		opening: 0, openDate: "2014-05-07", closing: 50000, closeDate: "2014-05-08", unbalanced: 1,
		spots: []spot{
			{stmt: 0, entry: 0, amount: 50000, ref: "B4E07XM00J000023",
				remittance: "HIER EEN MOOIE OMSCHRIJVING IN HOOFDLETTERS WANT DAT IS ZOALS DE NEDERLANDSE BANKEN COMMUNICEREN"},
			{stmt: 1, entry: 0, amount: -726000, name: "PICQER", iban: "NL65INGB0123456789", remittance: "FACTUUR 201403110, 201403113"},
			{stmt: 1, entry: 1, amount: 50000, name: "MMS ONLINE NEDERLAND B.V.", iban: "NL84INGB0234561789"}, // "C500NTRF": no decimal comma
		}},
	{file: "jejik-mt940/rabobank.txt", statements: 4, entries: 5, account: "1291.99.348", currency: "EUR",
		opening: 47317, openDate: "2011-06-14", closing: 39582, closeDate: "2011-06-15", unbalanced: 2,
		spots: []spot{
			{stmt: 0, entry: 0, amount: -121328, booking: "2011-05-27", name: "W.P. Jansen", account: "0121470966", txCode: "N044",
				remittance: "Terugboeking NIET AKKOORD MET AFSCHRIJVING KOSTEN KINDEROPVANG JUNI 20095731"},
			{stmt: 2, entry: 0, amount: -4495, name: "T-MOBILE NETHERLANDS BV", account: "0733959555", sref: "123456789"},
			{stmt: 3, entry: 0, amount: -8810, name: "KPN - MOBIEL", account: "P000029225", sref: "173787046000009"},
		}},
	{file: "jejik-mt940/rabobank-iban.txt", statements: 2, entries: 4, account: "NL71RABO0123456789", currency: "EUR",
		opening: 100000, openDate: "2013-01-01", closing: 96500, closeDate: "2013-01-08",
		spots: []spot{
			{entry: 0, amount: -2500, name: "CONTRA ACCOUNT HOLDER", iban: "NL70ABNA0987654321", e2e: "01-01-2013 12:00 0030000987654321"},
			{entry: 1, amount: -1000, name: "JOHN DOE", account: "P001234567", remittance: "Reference 201301234"},
		}},
	{file: "jejik-mt940/sns.txt", statements: 2, entries: 2, account: "0123456789", currency: "EUR",
		opening: 123456, openDate: "2012-06-08", closing: 120956, closeDate: "2012-06-08",
		spots: []spot{
			{entry: 0, amount: -2000, booking: "2012-06-08", value: "2012-06-07", name: "marechal s", account: "0987654321", remittance: "dit is een test"},
		}},
	{file: "jejik-mt940/sparkasse.txt", statements: 2, entries: 2, account: "87052000/123456789", currency: "EUR",
		opening: 19457, openDate: "2019-02-15", closing: 17457, closeDate: "2019-02-18",
		spots: []spot{
			{stmt: 0, entry: 0, amount: -2000, name: "ARAL AG", iban: "DE95430800830802029200", bic: "DRESDEFF430", txCode: "N037",
				remittance: "2019-02-15T20.10 Debitk.4 2019-12"},
			{stmt: 1, entry: 0, amount: -2000, name: "Max Mustermann", iban: "DE12345678901234567890", bic: "NTSBDEB1XXX",
				remittance: "Apple Pay DATUM 19.02.2019, 13.24 UHR1.TAN 002153"}, // ?21 is a full 27 characters
		}},
	{file: "jejik-mt940/sparkasse2.txt", statements: 1, entries: 1, account: "DE11222220220222220200", currency: "EUR",
		opening: 93105229, closing: 93130450, unbalanced: 1,
		spots: []spot{{entry: 0, amount: 102725, reversal: true, booking: "2020-02-19", value: "2020-02-01",
			name: "GEBÜHREN MANUELL GG UST-FREI", account: "50652124/900932005"}}},
	{file: "jejik-mt940/sparkasse3.txt", statements: 1, entries: 1, account: "DE11222220220222220200", currency: "EUR",
		opening: 93105229, closing: 93130450, unbalanced: 1,
		spots: []spot{{entry: 0, amount: -102725, reversal: true}}},
	{file: "jejik-mt940/volksbankenraiffeisenbanken.txt", statements: 8, entries: 12, account: "66642399/93387", currency: "EUR",
		opening: 308500, openDate: "2020-02-19", closing: 323000, closeDate: "2020-02-19",
		spots: []spot{
			{stmt: 0, entry: 0, amount: 6500, name: "Olivia Dorn", iban: "DE40500105174675974588", bic: "HEISDE66",
				remittance: "einfach so fuer euch IBAN: DE40500105174675974588 BIC: HEISDE66"},
			{stmt: 2, entry: 0, amount: 5500, e2e: "ZV0100284190949300000002", name: "Thomas Schulz"},
			{stmt: 3, entry: 0, amount: 8000, name: "Hellwig, Annegret, Hellwig, Dieter", iban: "DE42500105171213694382"},
		}},
	{file: "jejik-mt940/oldenburgischelandesbank2.txt", statements: 1, entries: 1, account: "DE19662800530622160900", currency: "EUR",
		opening: 0, openDate: "2020-09-04", noClosing: true,
		spots: []spot{{entry: 0, amount: 23000, e2e: "SCP 100 / 0082002528", name: "EWE VERTRIEB GmbH",
			iban: "DE59280200501000000000", bic: "OLBODEH2XXX"}}},
	{file: "jejik-mt940/postfinance.txt", statements: 2, entries: 4, account: "123456789", currency: "CHF",
		opening: 0, openDate: "2013-11-30", closing: 22920, closeDate: "2014-04-07", unbalanced: 1,
		spots: []spot{{stmt: 0, entry: 0, amount: 7970, txCode: "FMSC", ref: ""}}},
	{file: "jejik-mt940/triodos.txt", statements: 1, entries: 2, account: "TRIODOSBANK/0390123456", currency: "EUR",
		opening: 497509, closing: 437079, unbalanced: 1,
		spots: []spot{{entry: 0, amount: -1570, account: "0987654321",
			remittance: "ALGEMENE TUSSENREKENING KOSTEN VAN 01-10-2010 TOT EN MET 31-12-2010"}}},
	{file: "jejik-mt940/commerzbank.txt", statements: 1, entries: 1, account: "25040066/0123456789", currency: "EUR",
		opening: 0, closing: 0, unbalanced: 1,
		spots: []spot{{entry: 0, amount: -1235, e2e: "A1.200080779.400143254.4961336", iban: "DE50712345600200691329",
			bic: "CSDBDE71XXX", ref: "2016021783252833", txCode: "NRTI"}}},
	{file: "zilverline-mt940/abn/abn_sepa_overboeking.txt", statements: 1, entries: 1, account: "555555555", currency: "EUR",
		opening: 1000000, closing: 1001000, unbalanced: 1,
		spots: []spot{{entry: 0, amount: 1050, name: "AA GHGHGH NETHERLANDS B.V.", iban: "NL56CHAS0101010101", bic: "CHASNL2XXXX",
			remittance: "1412DEC 2015 CONSU LTING", e2e: "7541410"}}},
	{file: "zilverline-mt940/abn/abn_structured_sepa_acceptgiro.txt", statements: 1, entries: 1, account: "555555555", currency: "EUR",
		opening: 1000000, closing: 1001000, unbalanced: 1,
		spots: []spot{{entry: 0, amount: 1050, name: "BELASTINGDIENST", iban: "NL86INGB0002445588", bic: "INGBNL2A",
			remittance: "ISSUER: CUR REF: 4420043232693268", sref: "4420043232693268"}}},
	{file: "zilverline-mt940/abn/abnamro_structured.txt", statements: 2, entries: 10, account: "123212321", currency: "EUR",
		opening: 1000090, closing: 998090, unbalanced: 2,
		spots: []spot{
			{stmt: 0, entry: 2, amount: -1000, name: "FOOBAR", iban: "NL25ABNA0987654321", remittance: "SAVINGS"},
			{stmt: 1, entry: 2, amount: -100000, name: "BELASTINGDIENST", sref: "1234567890098876",
				remittance: "BETALINGSKENM.: 1234567890098876 ID DEBITEUR: 777777777"},
		}},
	{file: "zilverline-mt940/abn/moneyou.txt", statements: 1, entries: 2, account: "0987654321", currency: "EUR",
		opening: 4311971, openDate: "2018-12-31", closing: 4313147, closeDate: "2019-03-29",
		spots: []spot{{entry: 0, amount: 644, booking: "2018-12-31", value: "2019-01-01", remittance: "ONTVANGEN RENTE"}}},
	{file: "zilverline-mt940/ing/mt940_iban.txt", statements: 1, entries: 21, account: "NL68INGB0000012345", currency: "EUR",
		opening: 43690, openDate: "2014-07-31", closing: 24645, closeDate: "2014-08-25",
		spots: []spot{
			{entry: 0, amount: -19236, name: "B Bert", iban: "NL57ABNA0876543211", bic: "ABNANL2A", remittance: "22-08-2014 Omschrijving", ref: "14237654096217", txCode: "NTRF"},
			{entry: 7, amount: 10000, account: "0007654332", remittance: "VAN Zkl Kwartaal Spaarrekening"},
			{entry: 8, amount: -7362, name: "KPN - MOBIEL", iban: "NL75INGB0000012345", e2e: "02164810730000043", txCode: "NDDT"},
		}},
	{file: "zilverline-mt940/ing/ing_purp.txt", statements: 1, entries: 1, account: "NL62INGB0006868686", currency: "EUR",
		opening: 1000000, closing: 999000,
		spots: []spot{{entry: 0, amount: -1000, name: "T-Mobile Netherlands BV", iban: "NL21BASN0272727272", bic: "COBANL2XXXX",
			e2e: "400313131313", remittance: "Factuurnummer 858585858585"}}},
	{file: "zilverline-mt940/ing_structured.txt", statements: 1, entries: 7, account: "0001234567", currency: "EUR",
		opening: 50000, closing: 40000, unbalanced: 1,
		spots: []spot{{entry: 4, amount: -700000, iban: "NL86INGB0002445588", bic: "INGBNL2A", sref: "8850426741301240"}}},
	{file: "zilverline-mt940/rabobank_mt940_structured_dutch_tax.txt", statements: 1, entries: 1, account: "NL50RABO0123456789", currency: "EUR",
		opening: 500000, closing: 300000,
		spots: []spot{{entry: 0, amount: -200000, name: "Belastingdienst", iban: "NL86INGB0002445588", e2e: "123456789", sref: "1234567899874563"}}},
	{file: "zilverline-mt940/rabobank/line_break_in_remi.txt", statements: 1, entries: 1, account: "NL84RABO01212121212", currency: "EUR",
		opening: 1000050, closing: 1100050,
		spots: []spot{{entry: 0, amount: 100000, name: "AAAAAA RRRRRRRRRRRBBBBB DFDFDFDFDFDFDF CCC", e2e: "REF17/22/4444 555555/DEC- 16",
			remittance: "BETALINGSKENM.: 342157/DEC- 16, ONZE REF.: 12345678, TOELICHTINB: Gruitjes"}}},
	{file: "zilverline-mt940/rabobank/dash_as_start_of_line.txt", statements: 1, entries: 1, account: "NL84RABO01212121212", currency: "EUR",
		opening: 1000050, closing: 1100050,
		spots: []spot{{entry: 0, amount: 100000, name: "Delta Lloyd Zorgverzekeringen", e2e: "3434343434343"}}},
	{file: "zilverline-mt940/rabobank_with_debet_previous_balance.txt", statements: 1, entries: 0, account: "1291.99.348", currency: "EUR",
		opening: -1200, openDate: "2012-10-04", closing: -1200, closeDate: "2012-10-05"},
	{file: "zilverline-mt940/two_accounts.txt", statements: 4, entries: 3, account: "1567.50.961", currency: "EUR",
		opening: 926512, closing: 266637,
		spots: []spot{
			{stmt: 0, entry: 0, amount: -609875, name: "Belastingdienst Apeldoor", account: "P002445588", sref: "0189827218201120"},
			{stmt: 3, entry: 0, amount: 25000, name: "ZILVERLINE B.V. /FREEMLE", remittance: "Saldo aanvullen"},
		}},
	{file: "zilverline-mt940/knab/knab_date_and_accounting_date_different_year.txt", statements: 1, entries: 1,
		account: "NL92KNAB0123456789", currency: "EUR", opening: 0, closing: 100000,
		spots: []spot{{entry: 0, amount: 100000, value: "2014-01-01", booking: "2013-12-29", name: "BEDRIJF VOF", iban: "NL26ABNA0999999999"}}},
	{file: "zilverline-mt940/knab/knab_empty.txt", statements: 1, entries: 0, account: "0123456789", currency: "EUR",
		opening: 101000, closing: 101000},
	{file: "zilverline-mt940/knab/knab_two_blocks.txt", statements: 2, entries: 3, account: "0222222222", currency: "EUR",
		opening: 0, closing: 5000,
		spots: []spot{{stmt: 0, entry: 0, amount: 5000, name: "KNAB", account: "90000014", sref: "00111111111",
			remittance: "AAAAA BDBDNDKDKASDF, BETALINGSKENMERK: 00111111111, REFERENTI BC0101111111, 22-10-2014 15:01"}}},
	{file: "zilverline-mt940/triodos_iban_2.txt", statements: 1, entries: 4, account: "NL86TRIO07878788778", currency: "EUR",
		opening: 0, closing: 772878,
		spots: []spot{{entry: 0, amount: 438323, name: "G-AAAAA N.V.", iban: "NL21RABO0999999999", bic: "RABONL2U",
			e2e: "7293-201801001", remittance: "201801001", txCode: "NET0"}}},
	{file: "zilverline-mt940/triodos_iban.txt", statements: 1, entries: 3, account: "TRIODOSBANK/0454545454", currency: "EUR",
		opening: 0, closing: 94800,
		spots: []spot{{entry: 1, amount: -4200, iban: "NL08TRIO0373737373", bic: "TRIONL2U", remittance: "INTERNET BETAALREKENING"}}}, // >20 BIC, >21 IBAN, >22 text
	{file: "zilverline-mt940/sns/sns.txt", statements: 16, entries: 4, account: "NL16SNSB1234567809", currency: "EUR",
		opening: 53403, closing: 54648,
		spots: []spot{{stmt: 3, entry: 0, amount: 1500000, name: "f. spark bedrijf n.v.", iban: "NL11RABO0987654321", txCode: "NOVB"}}},
	{file: "zilverline-mt940/van_lanschot/van_lanschot.txt", statements: 3, entries: 4, account: "0878787878", currency: "EUR",
		opening: 505333, closing: 777009,
		spots: []spot{{stmt: 2, entry: 0, amount: -81675, name: "BEN", iban: "NL80RABO0676767676", e2e: "1234432100005555"}}},
	{file: "zilverline-mt940/ing.txt", statements: 1, entries: 6, account: "0001234567", currency: "EUR",
		opening: 0, closing: 347, unbalanced: 1},
	{file: "wolph-mt940/self-provided_february_30.sta", statements: 1, entries: 1, account: "12345678/1020304050", currency: "EUR",
		opening: 120000, openDate: "2016-02-29", closing: 119400, closeDate: "2016-03-01",
		spots: []spot{{entry: 0, amount: -600, value: "2016-02-29", booking: "2016-03-01", remittance: "Pauschalen"}}},
	{file: "wolph-mt940/self-provided_transaction_details_wrapped.sta", statements: 1, entries: 1, account: "12345678/1020304050", currency: "EUR",
		opening: 120000, closing: 119400,
		spots: []spot{{entry: 0, amount: -600, remittance: "Pauschalen 2017-01-01T13:12:11"}}},
	{file: "wolph-mt940/self-provided_mt942.sta", statements: 1, entries: 1, format: bank.FormatMT942, account: "GJB0291077111", currency: "EUR",
		noClosing: true,
		spots: []spot{{entry: 0, amount: -42, value: "2016-10-30", booking: "2016-10-31", ref: "055001022000001",
			remittance: "REMIT:Costs to MT940 Parsing. This is Somuchfun.", txCode: "MCI0"}}},
	{file: "wolph-mt940/mBank_mt942.sta", statements: 1, entries: 3, format: bank.FormatMT942, account: "PL29114010810000267002001002", currency: "PLN",
		noClosing: true,
		spots:     []spot{{entry: 2, amount: 1, ref: "MB170119012121", booking: "2017-01-19"}}},
}

func load(t testing.TB, file string) []bank.Statement {
	t.Helper()
	data, err := os.ReadFile(testdata + file)
	if err != nil {
		t.Fatal(err)
	}
	sts, err := ParseBytes(data, filepath.Base(file))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return sts
}

func TestRealFiles(t *testing.T) {
	for _, c := range fileCases {
		t.Run(c.file, func(t *testing.T) {
			sts := load(t, c.file)
			if len(sts) != c.statements {
				t.Fatalf("%d statements, want %d", len(sts), c.statements)
			}
			n, unbalanced := 0, 0
			for _, s := range sts {
				n += len(s.Entries)
				var be *bank.BalanceError
				if err := s.Check(); errors.As(err, &be) {
					unbalanced++
				} else if err != nil {
					t.Errorf("Check: %v", err)
				}
				if s.Source != filepath.Base(c.file) {
					t.Errorf("Source = %q", s.Source)
				}
			}
			if n != c.entries {
				t.Errorf("%d entries, want %d", n, c.entries)
			}
			if unbalanced != c.unbalanced {
				t.Errorf("%d statements do not add up, want %d", unbalanced, c.unbalanced)
			}
			s := sts[0]
			format := c.format
			if format == "" {
				format = bank.FormatMT940
			}
			if s.Format != format || s.Account != c.account || s.Currency != c.currency {
				t.Errorf("format %q account %q currency %q, want %q %q %q", s.Format, s.Account, s.Currency, format, c.account, c.currency)
			}
			if format == bank.FormatMT940 && (!s.Opening.Present || s.Opening.Amount != c.opening) {
				t.Errorf("opening %+v, want %d", s.Opening, c.opening)
			}
			if c.openDate != "" && s.Opening.Date.String() != c.openDate {
				t.Errorf("opening date %s, want %s", s.Opening.Date, c.openDate)
			}
			if s.Closing.Present == c.noClosing || (!c.noClosing && s.Closing.Amount != c.closing) {
				t.Errorf("closing %+v, want %d (absent: %v)", s.Closing, c.closing, c.noClosing)
			}
			if c.closeDate != "" && s.Closing.Date.String() != c.closeDate {
				t.Errorf("closing date %s, want %s", s.Closing.Date, c.closeDate)
			}
			for _, sp := range c.spots {
				checkSpot(t, sts, sp)
			}
		})
	}
}

func checkSpot(t *testing.T, sts []bank.Statement, sp spot) {
	t.Helper()
	if sp.stmt >= len(sts) || sp.entry >= len(sts[sp.stmt].Entries) {
		t.Errorf("no entry %d of statement %d", sp.entry, sp.stmt)
		return
	}
	e := sts[sp.stmt].Entries[sp.entry]
	where := func(field string, got, want any) {
		t.Errorf("statement %d entry %d: %s = %q, want %q", sp.stmt, sp.entry, field, got, want)
	}
	if e.Amount != sp.amount {
		where("amount", e.Amount, sp.amount)
	}
	if e.Currency != sts[sp.stmt].Currency {
		where("currency", e.Currency, sts[sp.stmt].Currency)
	}
	if e.Reversal != sp.reversal {
		where("reversal", e.Reversal, sp.reversal)
	}
	for _, f := range []struct{ name, got, want string }{
		{"booking date", e.BookingDate.String(), sp.booking}, {"value date", e.ValueDate.String(), sp.value},
		{"name", e.Counterparty.Name, sp.name}, {"IBAN", e.Counterparty.IBAN, sp.iban}, {"BIC", e.Counterparty.BIC, sp.bic},
		{"account", e.Counterparty.Account, sp.account}, {"remittance", e.Remittance, sp.remittance},
		{"structured ref", e.StructuredRef, sp.sref}, {"end-to-end id", e.EndToEndID, sp.e2e},
		{"entry ref", e.EntryRef, sp.ref}, {"tx code", e.BankTxCode, sp.txCode},
	} {
		if f.want != "" && f.got != f.want {
			where(f.name, f.got, f.want)
		}
	}
	if e.BookingDate.IsZero() || e.ValueDate.IsZero() || e.Raw == "" || !strings.HasPrefix(e.Raw, ":61:") {
		t.Errorf("statement %d entry %d: dates or Raw missing: %+v", sp.stmt, sp.entry, e)
	}
}

// TestAllSampleFiles parses every MT940 sample; only the known invalid one fails.
func TestAllSampleFiles(t *testing.T) {
	invalid := map[string]bool{"knab_invalid.txt": true}
	n := 0
	for _, dir := range []string{"zilverline-mt940", "jejik-mt940", "wolph-mt940"} {
		err := filepath.WalkDir(testdata+dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "LICENSE") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			n++
			sts, perr := ParseBytes(data, d.Name())
			if invalid[d.Name()] {
				if perr == nil {
					t.Errorf("%s: parsed, want an error", path)
				}
				return nil
			}
			if perr != nil {
				t.Errorf("%s: %v", path, perr)
			}
			if len(sts) == 0 {
				t.Errorf("%s: no statements", path)
			}
			for _, s := range sts {
				if s.Account == "" || s.Currency == "" || s.ID == "" {
					t.Errorf("%s: statement without account, currency or ID: %+v", path, s)
				}
				for _, e := range s.Entries {
					if e.Amount == 0 && !strings.Contains(e.Raw, "D0,") && !strings.Contains(e.Raw, "C0,") {
						t.Errorf("%s: zero amount in %q", path, e.Raw)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 85 {
		t.Errorf("only %d sample files found", n)
	}
}
