package mt940

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/kredo-dev/kredo/internal/bank"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// parse parses s (lines joined with \n) and fails the test on an error.
func parse(t *testing.T, s string) []bank.Statement {
	t.Helper()
	sts, err := ParseBytes([]byte(s), "t.sta")
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, s)
	}
	return sts
}

func lines(ls ...string) string { return strings.Join(ls, "\r\n") + "\r\n" }

func TestYearRollover(t *testing.T) {
	sts := parse(t, lines(":20:R", ":25:NL91ABNA0417164300", ":28C:1/1", ":60F:C131230EUR100,00",
		":61:1312310102C10,00NTRFNONREF//B1", // value 2013-12-31, booked 2 January
		":61:1401021231D5,00NTRFNONREF//B2",  // value 2014-01-02, booked 31 December
		":61:1406150615C1,00NTRFNONREF",
		":62F:C140102EUR106,00", "-"))
	es := sts[0].Entries
	for i, want := range [][2]string{{"2014-01-02", "2013-12-31"}, {"2013-12-31", "2014-01-02"}, {"2014-06-15", "2014-06-15"}} {
		if es[i].BookingDate.String() != want[0] || es[i].ValueDate.String() != want[1] {
			t.Errorf("entry %d: booked %s value %s, want %s %s", i, es[i].BookingDate, es[i].ValueDate, want[0], want[1])
		}
	}
	if err := sts[0].Check(); err != nil {
		t.Error(err)
	}
}

func TestAmounts(t *testing.T) {
	for in, want := range map[string]int64{"1234,56": 123456, "9,": 900, "9,5": 950, "500": 50000,
		"000000001000,00": 100000, "0,": 0, "12,500": 1250} {
		got, err := parseAmount(in, "EUR")
		if err != nil || got != want {
			t.Errorf("parseAmount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	if got, err := parseAmount("1500,", "JPY"); err != nil || got != 1500 {
		t.Errorf("JPY: %d, %v", got, err)
	}
	for _, bad := range []string{"", ",5", "1,2,3", "1.234,56", "12a", "-5", "12,345", "1234567890123456789"} {
		cur := "EUR"
		if _, err := parseAmount(bad, cur); err == nil {
			t.Errorf("parseAmount(%q) accepted", bad)
		}
	}
}

func TestLine61(t *testing.T) {
	for _, c := range []struct {
		in       string
		amount   int64
		rev      bool
		typ, ref string
		bankRef  string
		extra    string
	}{
		{"1105240524D9,N192NONREF", -900, false, "N192", "NONREF", "", ""},
		{"2002010219RDR1027,25N068NONREF", 102725, true, "N068", "NONREF", "", ""}, // reversal of a debit, funds code R
		{"2002010219RCR1027,25N068NONREF", -102725, true, "N068", "NONREF", "", ""},
		{"1701190119CN0,01NTRFNONREF//MB170119012058", 1, false, "NTRF", "NONREF", "MB170119012058", ""},
		{"2006080608D12,35 NRTIKREF+//2016021783252833", -1235, false, "NRTI", "KREF+", "2016021783252833", ""},
		{"100722D25,03NOV NONREF", -2503, false, "NOV", "NONREF", "", ""},
		{"200219C65,00NMSC", 6500, false, "NMSC", "", "", ""},
		{"110527D000000001213,28N0440121470966      W.P. Jansen      ", -121328, false, "N044", "0121470966", "", "W.P. Jansen"},
		{"1610301031ED0,42MCI0NONREF", -42, false, "MCI0", "NONREF", "", ""},
	} {
		l, err := parseLine61(c.in, "EUR")
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if l.amount != c.amount || l.reversal != c.rev || l.txType != c.typ || l.customerRef != c.ref || l.bankRef != c.bankRef || l.extra != c.extra {
			t.Errorf("%s: got %+v", c.in, l)
		}
	}
}

func TestLatin1(t *testing.T) {
	utf := load(t, "jejik-mt940/sparkasse.txt")
	data := mustRead(t, "jejik-mt940/sparkasse.txt")
	latin, err := charmap.Windows1252.NewEncoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	if string(latin) == string(data) {
		t.Fatal("the sample has no non-ASCII text")
	}
	got, err := ParseBytes(latin, "sparkasse.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, utf) {
		t.Errorf("Windows-1252 copy parses differently:\n%+v\n%+v", got[0].Entries[0], utf[0].Entries[0])
	}
	if u := got[0].Entries[0].Ultimate.Name; !strings.Contains(u, "Leipziger Straße 257") {
		t.Errorf("ultimate name %q", u)
	}
	// ISO-8859-1 bytes written by hand: "ü" is 0xFC
	sts := parse(t, ":20:L\n:25:DE12345678901234567890\n:28C:1\n:60F:C200101EUR0,\n"+
		":61:200101C5,NTRFNONREF\n:86:166?00GUTSCHRIFT?20Miete M\xfcnchen?32M\xdcLLER GMBH\n:62F:C200101EUR5,\n-\n")
	if e := sts[0].Entries[0]; e.Remittance != "Miete München" || e.Counterparty.Name != "MÜLLER GMBH" {
		t.Errorf("Latin-1: %q %q", e.Remittance, e.Counterparty.Name)
	}
}

func mustRead(t *testing.T, file string) []byte {
	t.Helper()
	b, err := readFile(testdata + file)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestGermanSubfields(t *testing.T) {
	// line breaks inside a subfield, inside a subfield marker and inside a keyword
	sts := parse(t, lines(":20:STARTUMS", ":25:10020030/1234567", ":28C:5/1", ":60F:C200101EUR100,00",
		":61:2001020102CR50,00NTRFNONREF//X1",
		":86:166?00SEPA-GUTSCHRIFT?109310?20EREF+E2E-4711 SVWZ+Rechnung",
		" 2020-17?21 Danke?2",
		"2ABWA+Oma Erna?30COBADEFFXXX?31DE89370400440532013000?32Hans M",
		"eier?33und Sohn",
		":62F:C200102EUR150,00", "-"))
	e := sts[0].Entries[0]
	want := bank.Party{Name: "Hans Meier und Sohn", IBAN: "DE89370400440532013000", BIC: "COBADEFFXXX"}
	if e.Counterparty != want {
		t.Errorf("counterparty %+v", e.Counterparty)
	}
	if e.EndToEndID != "E2E-4711" || e.Remittance != "Rechnung 2020-17 Danke" || e.Ultimate.Name != "Oma Erna" {
		t.Errorf("e2e %q remittance %q ultimate %q", e.EndToEndID, e.Remittance, e.Ultimate.Name)
	}
}

func TestStructuredDetails(t *testing.T) {
	sts := parse(t, lines("{1:F01INGBNL2ABXXX0000000000}{2:I940INGBNL2AXXXN}{3:{108:B12345678S000001}}{4:",
		":20:P1", ":25:NL69INGB0123456789EUR", ":28C:00001", ":60F:C240101EUR1000,00",
		":61:2401020102D100,00NRTIEREF//24002123456789",
		"/TRCD/00100/",
		":86:/RTRN/MS03/EREF/INV-2023-117//CNTP/NL91ABNA0417164300/ABNANL2A/ACME B.V./AMSTERDAM//ULTD/",
		"Acme Holding//REMI/STRD/CUR/1234567890123456//PURP/SUPP/",
		":61:2401020102C250,00NTRFNONREF//24002123456790",
		":86:/CNTP/NL91ABNA0417164300/ABNANL2A/ACME B.V.///REMI/USTD//betaling factuur RF18 5390 0754 7034 RF18539007547034/",
		":62F:C240102EUR1150,00", "-}"))
	es := sts[0].Entries
	if es[0].ReturnCode != "MS03" || es[0].EndToEndID != "INV-2023-117" || es[0].StructuredRef != "1234567890123456" ||
		es[0].Counterparty.Name != "ACME B.V." || es[0].Ultimate.Name != "Acme Holding" || es[0].EntryRef != "24002123456789" {
		t.Errorf("entry 0: %+v", es[0])
	}
	if es[1].StructuredRef != "RF18539007547034" || es[1].Remittance != "betaling factuur RF18 5390 0754 7034 RF18539007547034" {
		t.Errorf("entry 1: ref %q remittance %q", es[1].StructuredRef, es[1].Remittance)
	}
	if sts[0].Account != "NL69INGB0123456789" {
		t.Errorf("account %q", sts[0].Account)
	}
}

func TestEnvelopesAndTerminators(t *testing.T) {
	one := ":20:A\n:25:123456789\n:28C:1\n:60F:C240101EUR1,00\n:62F:C240101EUR1,00\n"
	for name, in := range map[string]string{
		"envelope per message":   "{1:F01X}{2:I940X}{4:\n" + one + "-}{5:}\n{1:F01X}{2:I940X}{4:\n" + one + "-}",
		"next message same line": "\x01{1:F01X}{2:I940X}{4:\n" + one + "-}\x03\x01{1:F01X}{2:I940X}{4:\n" + one + "-}{5:{MAC:0}}\x03",
		"dash terminators":       "ABNANL2A\n940\nABNANL2A\n" + one + "-\nABNANL2A\n940\nABNANL2A\n" + one + "-\n",
		"XXX terminators":        "0000 01INGBNL2AXXXX00001\n940 00\n" + one + "-XXX\n" + one + " -\n",
		"no terminators":         ":940:\n" + one + one,
		"lone CR line ends":      strings.ReplaceAll(one+one, "\n", "\r"),
		"DOS end of file":        one + one + "\x1a",
	} {
		sts, err := ParseBytes([]byte(in), name)
		if err != nil || len(sts) != 2 {
			t.Errorf("%s: %d statements, %v", name, len(sts), err)
			continue
		}
		if sts[0].ID == sts[1].ID {
			t.Errorf("%s: two statements share ID %q", name, sts[0].ID)
		}
	}
}

func TestMT942(t *testing.T) {
	sts := parse(t, lines("{1:F01BANKNL2AXXX0000000000}{2:O942BANKNL2AXXXXN}{4:",
		":20:INTRA1", ":25:NL91ABNA0417164300", ":28C:7/1", ":34F:EURD0,", ":34F:EURC0,", ":13D:2406141030+0200",
		":61:2406140614C1500,00NTRFEREF//B1", ":86:/EREF/X1/NAME/KLANT BV/REMI/Factuur 2024-1",
		":61:2406140614ED20,00NMSCNONREF",
		":90D:1EUR20,00", ":90C:1EUR1500,00", "-}"))
	s := sts[0]
	if s.Format != bank.FormatMT942 || s.Currency != "EUR" || s.Opening.Present || s.Closing.Present || len(s.Entries) != 2 {
		t.Fatalf("statement %+v", s)
	}
	if s.Entries[0].Amount != 150000 || s.Entries[1].Amount != -2000 || s.Entries[0].Counterparty.Name != "KLANT BV" {
		t.Errorf("entries %+v", s.Entries)
	}
	if s.ID != "INTRA1/7/1/NL91ABNA0417164300/2024-06-14" || s.Check() != nil {
		t.Errorf("ID %q, Check %v", s.ID, s.Check())
	}
}

func TestEmpty(t *testing.T) {
	for name, in := range map[string]string{
		"empty":          "",
		"blank":          "\r\n \r\n",
		"bom":            "\xEF\xBB\xBF\r\n",
		"empty block 4":  "{1:F01KNABNL2HAXXX0000000000}{2:I940KNABNL2HXXXXN3020}{4:\r\n-}",
		"headers only":   "ABNANL2A\r\n940\r\nABNANL2A\r\n",
		"rabobank 940":   ":940:\r\n",
		"only separator": "-\r\n",
	} {
		sts, err := ParseBytes([]byte(in), name)
		if err != nil || len(sts) != 0 {
			t.Errorf("%s: %d statements, %v; want none and no error", name, len(sts), err)
		}
	}
}

func TestLineEndings(t *testing.T) {
	data := string(mustRead(t, "jejik-mt940/ing-dos.txt"))
	crlf, err := ParseBytes([]byte(data), "x")
	if err != nil {
		t.Fatal(err)
	}
	lf, err := ParseBytes([]byte(strings.ReplaceAll(data, "\r\n", "\n")), "x")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(crlf, lf) {
		t.Error("CRLF and LF copies parse differently")
	}
}

func TestBalanceMismatch(t *testing.T) {
	sts := parse(t, lines(":20:B", ":25:NL91ABNA0417164300", ":28C:1", ":60F:C240101EUR100,00",
		":61:240102C10,00NTRFNONREF", ":62F:C240102EUR111,00", "-"))
	var be *bank.BalanceError
	if err := sts[0].Check(); !errors.As(err, &be) || be.Expected != 11000 || be.Actual != 11100 {
		t.Fatalf("Check = %v", err)
	}
	if !strings.Contains(be.Error(), "t.sta") || !strings.Contains(be.Error(), "B/1/NL91ABNA0417164300/2024-01-01") {
		t.Errorf("message %q does not name the file and statement", be.Error())
	}
}

func TestAccount(t *testing.T) {
	for in, want := range map[string]string{
		"NL92 KNAB 0123 4567 89":     "NL92KNAB0123456789",
		"NL54INGB0001234500EUR":      "NL54INGB0001234500",
		"NL50RABO0156750961 EUR":     "NL50RABO0156750961",
		"1291.99.348EUR":             "1291.99.348",
		"3462.483.153 eur":           "3462.483.153",
		"25040066/0123456789":        "25040066/0123456789",
		"TRIODOSBANK/0390123456":     "TRIODOSBANK/0390123456",
		"0878787878                ": "0878787878",
		"NL86TRIO07878788778":        "NL86TRIO07878788778", // wrong length, kept
		"x EUR":                      "x EUR",
	} {
		if got := account(in); got != want {
			t.Errorf("account(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDebitBalanceAndDates(t *testing.T) {
	sts := parse(t, lines(":20:D", ":25:1291.99.348EUR", ":28:00000/00", ":60F:D121004EUR000000000012,00",
		":62F:D121005EUR000000000012,00"))
	s := sts[0]
	if s.Opening.Amount != -1200 || s.Opening.Date != ledger.MustDate("2012-10-04") || s.Account != "1291.99.348" {
		t.Errorf("%+v", s)
	}
}
