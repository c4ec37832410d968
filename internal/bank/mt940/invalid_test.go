package mt940

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/bank"
	"github.com/kredo-dev/kredo/internal/ledger"
)

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }

// TestMalformed: every malformed file names the file, the line and the
// field, and returns no statements.
func TestMalformed(t *testing.T) {
	head := []string{":20:M", ":25:NL91ABNA0417164300", ":28C:1/1", ":60F:C240101EUR100,00"} // lines 1-4
	withHead := func(ls ...string) string { return lines(append(append([]string{}, head...), ls...)...) }
	for _, c := range []struct {
		name   string
		in     string
		line   int
		field  string
		reason string
	}{
		{"truncated after :86:", withHead(":61:240102C10,00NTRFNONREF", ":86:/NAME/X"), 7, ":62F:", "missing closing balance"},
		{"truncated in envelope", "{1:F01X}{2:I940X}{4:\r\n" + withHead(":62F:C240101EUR100,00"), 7, "", "not closed with -}"},
		{"next envelope before -}", "{1:F01X}{4:\r\n" + withHead(":61:240102C10,00NTRFNONREF") + "{1:F01X}{4:\r\n", 7, ":62F:", "missing closing balance"},
		{"bad opening amount", lines(":20:M", ":25:X", ":60F:C240101EUR1O0,00", ":62F:C240101EUR100,00"), 3, ":60F:", "invalid amount"},
		{"bad entry amount", withHead(":61:240102C1,2,3NTRFNONREF", ":62F:C240102EUR100,00"), 5, ":61:", "invalid amount"},
		{"too many decimals", withHead(":61:240102C1,234NTRFNONREF", ":62F:C240102EUR100,00"), 5, ":61:", "more than 2 decimals"},
		{"bad closing date", withHead(":62F:C241301EUR100,00"), 5, ":62F:", "invalid date"},
		{"bad value date", withHead(":61:240132C1,00NTRFNONREF", ":62F:C240102EUR100,00"), 5, ":61:", "value date"},
		{"bad entry date", withHead(":61:2401021332C1,00NTRFNONREF", ":62F:C240102EUR100,00"), 5, ":61:", "entry date"},
		{"bad mark", withHead(":61:240102X1,00NTRFNONREF", ":62F:C240102EUR100,00"), 5, ":61:", "debit/credit mark"},
		{"no transaction type", withHead(":61:240102C1,00", ":62F:C240102EUR100,00"), 5, ":61:", "transaction type"},
		{"bad balance mark", withHead(":62F:X240101EUR100,00"), 5, ":62F:", "C (credit) or D (debit)"},
		{"bad currency", lines(":20:M", ":25:X", ":60F:C240101E1R100,00"), 3, ":60F:", "invalid currency"},
		{"missing :20:", lines(":25:NL91ABNA0417164300", ":60F:C240101EUR1,00", ":62F:C240101EUR1,00"), 1, ":25:", "missing :20:"},
		{"missing :25:", lines(":20:M", ":28C:1", ":60F:C240101EUR1,00", ":62F:C240101EUR1,00"), 1, ":25:", "missing account"},
		{"missing :60F:", lines(":20:M", ":25:X", ":61:240102C1,00NTRFNONREF", ":62F:C240101EUR1,00"), 1, ":60F:", "missing opening balance"},
		{"second :25:", withHead(":61:240102C1,00NTRFNONREF", ":25:166?00GUTSCHRIFT", ":62F:C240102EUR101,00"), 6, ":25:", "second account"},
		{":61: after closing", withHead(":62F:C240102EUR100,00", ":61:240102C1,00NTRFNONREF"), 6, ":61:", "after the closing balance"},
		{"text after :60F:", lines(":20:M", ":25:X", ":60F:C240101EUR1,00", "garbage", ":62F:C240101EUR1,00"), 4, ":60F:", "unexpected text"},
		{"empty :20:", lines(":20:", ":25:X", ":60F:C240101EUR1,00", ":62F:C240101EUR1,00"), 1, ":20:", "empty"},
		{"broken envelope", "{1:F01X\r\n", 1, "", "not closed"},
	} {
		sts, err := ParseBytes([]byte(c.in), "bad.sta")
		var pe *bank.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: got %v (%d statements), want a ParseError", c.name, err, len(sts))
			continue
		}
		if sts != nil {
			t.Errorf("%s: statements returned with the error", c.name)
		}
		if pe.File != "bad.sta" || pe.Line != c.line || pe.Field != c.field || !strings.Contains(pe.Reason, c.reason) {
			t.Errorf("%s: got %q (line %d field %q), want line %d field %q reason ~%q", c.name, pe.Error(), pe.Line, pe.Field, c.line, c.field, c.reason)
		}
		if !errors.Is(err, ledger.ErrInvalid) {
			t.Errorf("%s: not ErrInvalid", c.name)
		}
	}
}

func TestKnabInvalidSample(t *testing.T) {
	_, err := ParseBytes(mustRead(t, "zilverline-mt940/knab/knab_invalid.txt"), "knab_invalid.txt")
	var pe *bank.ParseError
	if !errors.As(err, &pe) || pe.Line != 9 || pe.Field != ":62F:" {
		t.Fatalf("got %v", err)
	}
}
