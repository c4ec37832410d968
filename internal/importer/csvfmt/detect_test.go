package csvfmt

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

func TestDecimalVote(t *testing.T) {
	for in, want := range map[string]byte{
		"1.234,56": ',', "1,234.56": '.', "12,50": ',', "12,5": ',', "1234.56": '.', "-12,50": ',', "(12.50)": '.',
		"1.234.567": ',', "1,234,567": '.', "1,234": 0, "1.234": 0, "-1,234": 0, "1234,567": ',', "0,125": ',',
		"0.125": '.', ",5": ',', "1234": 0, "": 0, "abc": 0, "1 234,567": ',', "12.": '.', "1.234,5.6": 0,
	} {
		if got := decimalVote(in); got != want {
			t.Errorf("decimalVote(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDetectDecimal(t *testing.T) {
	tests := []struct {
		delim  rune
		values []string
		want   ledger.DecimalSeparator
		by     string
	}{
		{';', []string{"100", "1,234", "20"}, ledger.DecimalComma, "delimiter"},
		{',', []string{"100", "1.234"}, ledger.DecimalPoint, "delimiter"},
		{'\t', []string{"7"}, ledger.DecimalPoint, "delimiter"},
		{';', []string{"1234.56", "1,234"}, ledger.DecimalPoint, "values"},
		{',', []string{"12,50", "7,00", "1.234"}, ledger.DecimalComma, "values"},
		{';', []string{"12,50", "1.5", "2.5"}, ledger.DecimalPoint, "values"},
	}
	for _, tt := range tests {
		d := string(tt.delim)
		var b strings.Builder
		b.WriteString("amount" + d + "x\n")
		for _, v := range tt.values {
			fmt.Fprintf(&b, "\"%s\"%sx\n", v, d)
		}
		got, by := detectDecimal(b.String(), tt.delim, true, []int{0}, false)
		if got != tt.want || by != tt.by {
			t.Errorf("%q %v: got %q by %s, want %q by %s", tt.delim, tt.values, rune(got), by, rune(tt.want), tt.by)
		}
	}
	// only the first 100 data rows vote
	var b strings.Builder
	b.WriteString("amount\n")
	for i := 0; i < 100; i++ {
		b.WriteString("1.50\n")
	}
	for i := 0; i < 200; i++ {
		b.WriteString("1,50\n")
	}
	if got, _ := detectDecimal(b.String(), ',', true, []int{0}, false); got != ledger.DecimalPoint {
		t.Errorf("rows after the first 100 voted")
	}
}

func TestDetectEncoding(t *testing.T) {
	cafe := "Caf\xc3\xa9"
	tests := []struct {
		sample    string
		truncated bool
		want      Encoding
	}{
		{"plain ascii", false, UTF8},
		{cafe, false, UTF8},
		{"Caf\xe9", false, Windows1252},
		{"Caf\xc3", true, UTF8}, // cut inside "é" at the sample boundary
		{"Caf\xc3", false, Windows1252},
		{"Caf\xe9 and more", true, Windows1252},
		{"\xe2\x82", true, UTF8},
	}
	for _, tt := range tests {
		if got := detectEncoding([]byte(tt.sample), tt.truncated); got != tt.want {
			t.Errorf("detectEncoding(%q, %v) = %s, want %s", tt.sample, tt.truncated, got, tt.want)
		}
	}
}

func TestDetectDelimiter(t *testing.T) {
	for in, want := range map[string]rune{
		"a;b;c\n1,2;3,4;5": ';', "a,b,c": ',', "a\tb\tc": '\t', "a|b|c": '|', `"a;b",c,d`: ',', "single": ',',
		"a;b,c\n": ';', `"x` + "\n" + `y";z;w,v` + "\nq,q,q,q,q": ';',
	} {
		if got := detectDelimiter(in); got != want {
			t.Errorf("detectDelimiter(%q) = %q, want %q", in, got, want)
		}
	}
}

// genReader produces a large invoices file row by row, never all at once.
type genReader struct {
	rows    int
	i       int
	line    []byte
	buf     []byte
	read    int
	win1252 bool
	badRow  int // data row that gets a Windows-1252 byte in a UTF-8 file
}

func (g *genReader) Read(p []byte) (int, error) {
	for len(g.buf) == 0 {
		if g.i > g.rows {
			return 0, io.EOF
		}
		if g.i == 0 {
			g.line = append(g.line[:0], "entity;customer_number;number;type;invoice_date;due_date;currency;amount;open_amount;description\r\n"...)
		} else {
			cafe := "Cafe"
			if g.win1252 || g.i == g.badRow {
				cafe = "Caf\xe9"
			}
			g.line = fmt.Appendf(g.line[:0], "NL01;C%05d;F%08d;factuur;%02d-03-2026;30-04-2026;EUR;%d.%03d,%02d;;%s De Gouden Leeuw, levering %d\r\n",
				g.i%5000, g.i, 1+g.i%28, g.i%1000, g.i%1000, g.i%100, cafe, g.i)
		}
		g.buf = g.line
		g.i++
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	g.read += n
	return n, nil
}

func TestLargeStream(t *testing.T) {
	if testing.Short() {
		t.Skip("large stream")
	}
	tests := []struct {
		name     string
		gen      *genReader
		maxAhead int // bytes NewReader may consume
	}{
		{"utf-8", &genReader{rows: 200000, badRow: 150000}, SampleSize},
		{"windows-1252", &genReader{rows: 200000, win1252: true}, 2*SampleSize + 16<<10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.gen
			r, err := NewReader(g, "big.csv", Invoices, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if g.read > tt.maxAhead {
				t.Errorf("NewReader consumed %d bytes, want at most %d", g.read, tt.maxAhead)
			}
			if d := r.Detected(); d.Decimal != ledger.DecimalComma || d.Delimiter != ';' {
				t.Errorf("detected %s", d)
			}
			var n, maxHeap uint64
			var last Record
			var rowErrs []*RowError
			for {
				rec, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					if rowErrs = append(rowErrs, AsRowErrors(err)...); len(rowErrs) == 0 {
						t.Fatal(err)
					}
					continue
				}
				n++
				last = rec
				if n%50000 == 0 {
					runtime.GC()
					var ms runtime.MemStats
					runtime.ReadMemStats(&ms)
					maxHeap = max(maxHeap, ms.HeapAlloc)
				}
			}
			total := g.read
			if total < 20<<20 {
				t.Fatalf("stream only %d bytes", total)
			}
			if maxHeap > 8<<20 {
				t.Errorf("heap %d bytes while streaming %d bytes", maxHeap, total)
			}
			if g.win1252 {
				if n != 200000 || last.Row != 200001 || last.Invoice.Description != "Café De Gouden Leeuw, levering 200000" {
					t.Errorf("%d records, last %+v", n, last.Invoice)
				}
				if last.Invoice.Amount != 0 { // "0.000,00" for row 200000
					t.Errorf("amount %d", last.Invoice.Amount)
				}
				return
			}
			if n != 199999 || last.Row != 200001 {
				t.Errorf("%d records, last row %d", n, last.Row)
			}
			if len(rowErrs) != 1 || rowErrs[0].Row != 150001 || rowErrs[0].Field != "description" || !strings.Contains(rowErrs[0].Reason, "UTF-8") {
				t.Errorf("row errors %v", rowErrs)
			}
		})
	}
}
