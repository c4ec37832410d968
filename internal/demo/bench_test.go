package demo

import (
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// discard is a Sink that drops everything, to time the generator alone.
type discard struct{}

func (discard) Entity(ledger.Entity) error     { return nil }
func (discard) Customer(ledger.Customer) error { return nil }
func (discard) Invoice(ledger.Invoice) error   { return nil }
func (discard) Payment(ledger.Payment) error   { return nil }

// BenchmarkGenerate times 10,000 customers and 200,000 invoices per run and
// reports invoices per second.
func BenchmarkGenerate(b *testing.B) {
	cfg := Config{Seed: 1, Today: testToday, Customers: 10000, Invoices: 200000}
	b.ReportAllocs()
	var n int
	for b.Loop() {
		sum, err := Generate(cfg, discard{})
		if err != nil {
			b.Fatal(err)
		}
		n += sum.Invoices
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "invoices/s")
}

// BenchmarkGenerateLarge times the benchmark-scale company: 100,000
// customers and 2,000,000 invoices per run.
func BenchmarkGenerateLarge(b *testing.B) {
	cfg := Config{Seed: 1, Today: testToday, Customers: 100000, Invoices: 2000000}
	var n int
	for b.Loop() {
		sum, err := Generate(cfg, discard{})
		if err != nil {
			b.Fatal(err)
		}
		n += sum.Invoices
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "invoices/s")
}
