package disputes

// Part is one invoice of a dispute: what is disputed on it and what is
// still open on it now.
type Part struct {
	InvoiceID int64
	Disputed  int64
	Open      int64
}

// Spread divides a resolution amount (a credit or a write-off) over a
// dispute's invoices in their order: each takes at most its disputed part
// and at most what is still open on it. It returns the amount per invoice
// (same order) and what could not be placed (0 when all was).
func Spread(parts []Part, amount int64) ([]int64, int64) {
	out := make([]int64, len(parts))
	for i, p := range parts {
		take := min(amount, p.Disputed, p.Open)
		if take <= 0 {
			continue
		}
		out[i] = take
		amount -= take
	}
	return out, amount
}
