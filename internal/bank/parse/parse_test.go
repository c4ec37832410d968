package parse

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/bank"
)

const testdata = "../../../testdata/bank/"

func read(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(testdata + file)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func zipOf(t *testing.T, files ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f[1])) //nolint:errcheck // a bytes.Buffer does not fail
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDetect(t *testing.T) {
	for file, want := range map[string]string{
		"genkgo-camt/camt053.v2.minimal.xml":        FormatCAMT,
		"jejik-mt940/ing-dos.txt":                   bank.FormatMT940,
		"jejik-mt940/postfinance.txt":               bank.FormatMT940, // starts with SOH
		"zilverline-mt940/abn/abnamro.txt":          bank.FormatMT940, // ABNANL2A header lines
		"zilverline-mt940/ing.txt":                  bank.FormatMT940,
		"zilverline-mt940/rabobank.txt":             bank.FormatMT940,
		"wolph-mt940/self-provided_mt942.sta":       bank.FormatMT940,
		"viafintech-camt/053_valid_example.xml":     FormatCAMT,
		"zilverline-mt940/knab/knab_sepa_ideal.txt": bank.FormatMT940,
	} {
		if got := Detect(read(t, file)); got != want {
			t.Errorf("Detect(%s) = %q, want %q", file, got, want)
		}
	}
	for in, want := range map[string]string{
		"":                                FormatEmpty,
		"\r\n\r\n":                        FormatEmpty,
		"ABNANL2A\r\n940\r\nABNANL2A\r\n": FormatEmpty,
		"invoice;amount\r\n1;2\r\n":       FormatUnknown,
		"%PDF-1.4":                        FormatUnknown,
	} {
		if got := Detect([]byte(in)); got != want {
			t.Errorf("Detect(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDispatch(t *testing.T) {
	for file, n := range map[string]int{
		"genkgo-camt/camt053.v2.multi.statement.xml":  2,
		"jejik-mt940/volksbankenraiffeisenbanken.txt": 8,
		"wolph-mt940/mBank_mt942.sta":                 1,
	} {
		sts, err := Parse(bytes.NewReader(read(t, file)), file)
		if err != nil || len(sts) != n {
			t.Errorf("%s: %d statements, %v; want %d", file, len(sts), err, n)
		}
	}
	for _, in := range []string{"", "  \n", "{1:F01KNABNL2HAXXX0000000000}{2:I940KNABNL2HXXXXN3020}{4:\r\n-}"} {
		if sts, err := Parse(strings.NewReader(in), "empty.sta"); err != nil || len(sts) != 0 {
			t.Errorf("%q: %d statements, %v; want none", in, len(sts), err)
		}
	}
	_, err := Parse(strings.NewReader("invoice;amount\r\n1;2\r\n"), "x.csv")
	var pe *bank.ParseError
	if !errors.As(err, &pe) || pe.File != "x.csv" || pe.Line != 1 || !strings.Contains(pe.Reason, "not a bank statement") {
		t.Errorf("CSV: %v", err)
	}
	_, err = Parse(strings.NewReader(`<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>`), "inv.xml")
	if !errors.As(err, &pe) || pe.File != "inv.xml" || !strings.Contains(pe.Reason, "no Document") {
		t.Errorf("UBL: %v", err)
	}
}

func TestZip(t *testing.T) {
	mt := string(read(t, "jejik-mt940/knab.txt"))
	camt := string(read(t, "genkgo-camt/camt053.v2.multi.statement.xml"))
	z := zipOf(t, [2]string{"2024/knab.sta", mt}, [2]string{"2024/", ""}, [2]string{"__MACOSX/2024/._knab.sta", "junk"},
		[2]string{".DS_Store", "junk"}, [2]string{"2024/camt.xml", camt})
	sts, err := Parse(bytes.NewReader(z), "export.zip")
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 4 {
		t.Fatalf("%d statements, want 2 from each file", len(sts))
	}
	if sts[0].Source != "export.zip/2024/knab.sta" || sts[0].Format != bank.FormatMT940 ||
		sts[3].Source != "export.zip/2024/camt.xml" || sts[3].Format != bank.FormatCAMT053 {
		t.Errorf("sources %q %q", sts[0].Source, sts[3].Source)
	}

	// an error names the member, and nothing of the archive is returned
	bad := zipOf(t, [2]string{"ok.sta", mt}, [2]string{"bad.sta", ":20:X\r\n:25:Y\r\n:60F:C240101EUR1,00\r\n:61:240102C1,2,3NTRF\r\n"})
	sts, err = Parse(bytes.NewReader(bad), "export.zip")
	var pe *bank.ParseError
	if !errors.As(err, &pe) || pe.File != "export.zip/bad.sta" || pe.Line != 4 || pe.Field != ":61:" || sts != nil {
		t.Errorf("bad member: %v, %d statements", err, len(sts))
	}
	nested := zipOf(t, [2]string{"inner.zip", string(z)})
	if _, err := Parse(bytes.NewReader(nested), "outer.zip"); !errors.As(err, &pe) || pe.File != "outer.zip/inner.zip" {
		t.Errorf("nested zip: %v", err)
	}
	if _, err := Parse(bytes.NewReader(z[:len(z)/2]), "cut.zip"); !errors.As(err, &pe) || pe.File != "cut.zip" {
		t.Errorf("truncated zip: %v", err)
	}
}
