package csvfmt

import "github.com/kredo-dev/kredo/internal/ledger"

// allocation is the allocation a payment row carries.
func allocation(pr *PaymentRow) ledger.Allocation {
	return ledger.Allocation{InvoiceNumber: pr.InvoiceNumber, Amount: pr.Allocated}
}

// groupPayments assembles payment rows into payments the way the importer
// does (internal/app): adjacent rows with the same entity and reference are
// one payment, one allocation per row that names an invoice.
func groupPayments(recs []Record) []ledger.Payment {
	var out []ledger.Payment
	for _, rec := range recs {
		pr := rec.Payment
		n := len(out)
		if n == 0 || out[n-1].EntityCode != pr.Payment.EntityCode || out[n-1].Reference != pr.Payment.Reference {
			p := pr.Payment
			p.Allocations = nil
			out = append(out, p)
			n++
		}
		if pr.HasAllocation {
			out[n-1].Allocations = append(out[n-1].Allocations, allocation(pr))
		}
	}
	return out
}
