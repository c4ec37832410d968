package mt940

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/bank"
)

// FuzzMT940 feeds the sample files and mutations of them to the parser: it
// must never panic, and returns either statements or a ParseError naming the
// file, never both.
func FuzzMT940(f *testing.F) {
	for _, dir := range []string{"zilverline-mt940", "jejik-mt940", "wolph-mt940"} {
		filepath.WalkDir(testdata+dir, func(path string, d os.DirEntry, err error) error { //nolint:errcheck
			if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), "LICENSE") {
				if b, err := os.ReadFile(path); err == nil {
					f.Add(b)
				}
			}
			return nil
		})
	}
	f.Add([]byte(":20:X\n:25:Y\n:60F:C240101EUR1,\n:61:2401020102RCR1,NTRF//\n:86:166?20?3\n:62F:C240101EUR0,\n-"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sts, err := ParseBytes(data, "fuzz.sta")
		if err != nil {
			var pe *bank.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.sta" || pe.Reason == "" {
				t.Fatalf("error %v is not a ParseError naming the file", err)
			}
			if sts != nil {
				t.Fatal("statements returned with an error")
			}
			return
		}
		for _, s := range sts {
			if s.Account == "" || s.Currency == "" {
				t.Fatalf("statement without account or currency: %+v", s)
			}
			_ = s.Check()
			_ = s.Transactions()
		}
	})
}

// generated builds one statement with n ING-style entries.
func generated(n int) []byte {
	var b strings.Builder
	b.WriteString("{1:F01INGBNL2ABXXX0000000000}{2:I940INGBNL2AXXXN}{4:\r\n:20:BENCH\r\n:25:NL69INGB0123456789EUR\r\n:28C:00001\r\n:60F:C240101EUR0,00\r\n")
	var total int64
	for i := 0; i < n; i++ {
		cents := int64(1000 + i%99000)
		total += cents
		fmt.Fprintf(&b, ":61:2401020102C%d,%02dNTRFNONREF//%014d\r\n/TRCD/00100/\r\n", cents/100, cents%100, i)
		fmt.Fprintf(&b, ":86:/EREF/E2E-%08d//CNTP/NL91ABNA0417164300/ABNANL2A/KLANT %d B.V./AMSTERDAM///REMI/USTD//Factuur %d betaling via\r\n internetbankieren dank u/\r\n", i, i, 100000+i)
	}
	fmt.Fprintf(&b, ":62F:C240102EUR%d,%02d\r\n-}\r\n", total/100, total%100)
	return []byte(b.String())
}

func BenchmarkParseMT940(b *testing.B) {
	const n = 100000
	data := generated(n)
	sts, err := ParseBytes(data, "bench.sta")
	if err != nil || len(sts[0].Entries) != n || sts[0].Check() != nil {
		b.Fatalf("generated file: %v", err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ParseBytes(data, "bench.sta"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
}
