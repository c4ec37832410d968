package collect

import (
	"math/big"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// OpenItem is an open item as the worklist sees it: its due date and the
// amount chased on it (open − disputed), in the score currency.
type OpenItem struct {
	DueDate ledger.Date
	Amount  int64
}

// Overdue is a customer's overdue position on a day, for CustomerState.
type Overdue struct {
	Amount     int64 // sum of the overdue items' amounts
	OldestDays int   // days overdue of the oldest overdue item
	AvgDays    int   // Σ(amount × days overdue) / Σ amount, rounded half up
}

// SummarizeOverdue returns the overdue position of items on day today.
// An item is overdue from the day after its due date; items with an amount
// of zero or less (credit notes, paid items) do not count.
func SummarizeOverdue(items []OpenItem, today ledger.Date) Overdue {
	var o Overdue
	weighted := new(big.Int)
	for _, it := range items {
		days := it.DueDate.DaysUntil(today)
		if it.Amount <= 0 || days <= 0 || it.DueDate.IsZero() {
			continue
		}
		o.Amount += it.Amount
		o.OldestDays = max(o.OldestDays, days)
		weighted.Add(weighted, new(big.Int).Mul(big.NewInt(it.Amount), big.NewInt(int64(days))))
	}
	if o.Amount > 0 {
		// (2 × weighted + amount) / (2 × amount): the quotient rounded half up
		den := big.NewInt(2 * o.Amount)
		num := weighted.Lsh(weighted, 1)
		num.Add(num, big.NewInt(o.Amount))
		o.AvgDays = int(num.Quo(num, den).Int64())
	}
	return o
}

// State returns the overdue part of a CustomerState for the customer.
func (o Overdue) State(customerID int64, currency string) CustomerState {
	return CustomerState{CustomerID: customerID, Currency: currency, Overdue: o.Amount, OldestDays: o.OldestDays, AvgDays: o.AvgDays}
}
