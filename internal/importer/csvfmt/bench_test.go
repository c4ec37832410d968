package csvfmt

import (
	"bytes"
	"io"
	"testing"
)

// BenchmarkReadInvoices parses 100k generated Dutch Excel invoice rows per iteration.
func BenchmarkReadInvoices(b *testing.B) {
	const rows = 100000
	data, err := io.ReadAll(&genReader{rows: rows})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data), "bench.csv", Invoices, Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != rows {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
}
