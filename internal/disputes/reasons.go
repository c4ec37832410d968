package disputes

import "github.com/kredo-dev/kredo/internal/ledger"

// ShortPayment is the reason of the disputes raised from a payment that left
// part of an invoice unpaid.
const ShortPayment = "short_payment"

// Reason is a reason code with its service level: the working days the
// owner has to resolve a dispute of this reason.
type Reason struct {
	Code    string
	Label   string // shown when the UI has no translation of Code
	SLADays int    // working days (Monday to Friday) from opening to the due date
	Active  bool   // inactive reasons stay on old disputes but are not offered
}

// DefaultReasons is the list new installations start with; a credit
// manager edits it (labels, SLA, active).
var DefaultReasons = []Reason{
	{"wrong_price", "Wrong price", 10, true},
	{"wrong_quantity", "Wrong quantity", 10, true},
	{"quality", "Quality complaint", 15, true},
	{"delivery_delay", "Delivery delay", 10, true},
	{"not_delivered", "Not delivered", 10, true},
	{"return", "Return", 15, true},
	{"invoice_error", "Invoice error", 5, true},
	{"missing_po", "Missing PO number", 5, true},
	{"payment_difficulty", "Payment difficulty", 5, true},
	{ShortPayment, "Short payment", 10, true},
	{"other", "Other", 10, true},
}

// DueDate is the SLA's due date: slaDays working days (Monday to Friday)
// after the day the dispute was opened. A dispute opened on a weekend
// counts from the next Monday; zero days is the opening day itself.
func DueDate(opened ledger.Date, slaDays int) ledger.Date {
	d := opened
	for n := 0; n < slaDays; {
		d = d.AddDays(1)
		if !weekend(d) {
			n++
		}
	}
	return d
}

func weekend(d ledger.Date) bool {
	wd := d.Time().Weekday()
	return wd == 0 || wd == 6
}

// Overdue reports whether a dispute with due date due, still in status st,
// is past its SLA on day today (the due day itself is not overdue).
func Overdue(st Status, due, today ledger.Date) bool {
	return !st.Final() && !due.IsZero() && today.After(due)
}

// Escalate reports whether the daily evaluation escalates a dispute today:
// it is overdue and was not escalated before (a dispute escalates once).
func Escalate(st Status, due ledger.Date, escalated bool, today ledger.Date) bool {
	return !escalated && Overdue(st, due, today)
}

// WriteOffNeedsApproval reports whether writing off amount (minor units,
// the absolute value counts) needs a credit manager's approval under an
// entity's threshold: anything above it does. A negative threshold means
// every write-off needs approval.
func WriteOffNeedsApproval(amount, threshold int64) bool {
	if amount < 0 {
		amount = -amount
	}
	return threshold < 0 || amount > threshold
}
