package collect

import "github.com/kredo-dev/kredo/internal/ledger"

// InstalmentState is where an instalment stands on a day.
type InstalmentState string

// The states of an instalment.
const (
	InstalmentPaid     InstalmentState = "paid"     // InstalmentPaid: covered in full
	InstalmentPartly   InstalmentState = "partly"   // InstalmentPartly: partly covered, its grace has not passed
	InstalmentDue      InstalmentState = "due"      // InstalmentDue: due (today or earlier), nothing paid, within grace
	InstalmentMissed   InstalmentState = "missed"   // InstalmentMissed: not covered when its grace passed
	InstalmentUpcoming InstalmentState = "upcoming" // InstalmentUpcoming: not due yet, nothing paid
)

// InstalmentProgress is one instalment with what has been paid on it.
type InstalmentProgress struct {
	Instalment
	State   InstalmentState
	Paid    int64       // applied to this instalment
	Missing int64       // Amount − Paid
	PaidOn  ledger.Date // the day it was covered in full
	Late    bool        // covered after its due date (within grace, or after: then the plan broke)
}

// Progress is a plan's state on a day.
type Progress struct {
	Instalments []InstalmentProgress
	Paid        int64       // counted payments, applied or not
	Remaining   int64       // Total − applied payments
	Overpaid    int64       // paid beyond the plan's total
	NextDue     ledger.Date // the due date of the first instalment not covered; zero when all are
	NextAmount  int64       // what is still missing on that instalment
	Completed   bool        // every instalment is covered
	Broken      bool        // an instalment was not covered when its grace passed
	BrokenOn    ledger.Date // the day after that instalment's grace
	Consequence Consequence // the plan's OnBreak, when broken
	Holds       bool        // the plan holds its items from dunning: neither broken nor completed
}

// Missed returns how many instalments are missed now, for CustomerState.
func (p Progress) Missed() int {
	n := 0
	for _, ip := range p.Instalments {
		if ip.State == InstalmentMissed {
			n++
		}
	}
	return n
}

// PlanProgress returns where plan stands on day today. Payments count from
// the day the plan was agreed up to today, in the plan's currency (for a
// plan on items only what they allocate to those items); they are applied
// oldest first to the oldest instalment not yet covered, and whatever is
// left over carries to the next. An instalment may be paid up to graceDays
// after its due date; the plan is broken from the first day after the grace
// of an instalment that was not covered by then, and stays broken even when
// the money comes later (reinstating it is a person's decision). Negative
// payments (refunds) are not applied.
func PlanProgress(plan Plan, payments []ledger.Payment, today ledger.Date, graceDays int) Progress {
	graceDays = max(graceDays, 0)
	pr := Progress{Instalments: make([]InstalmentProgress, len(plan.Instalments))}
	for i, in := range plan.Instalments {
		pr.Instalments[i] = InstalmentProgress{Instalment: in}
	}
	next := 0 // the first instalment not covered
	for _, pc := range piecesOf(payments) {
		if !pc.counts(plan.Currency, plan.Items, plan.Agreed, today) {
			continue
		}
		amount := pc.amount
		pr.Paid += amount
		for amount > 0 && next < len(pr.Instalments) {
			ip := &pr.Instalments[next]
			take := min(amount, ip.Amount-ip.Paid)
			ip.Paid += take
			amount -= take
			if ip.Paid == ip.Amount {
				ip.PaidOn = pc.date
				next++
			}
		}
		pr.Overpaid += amount
	}
	pr.Remaining = plan.Total - (pr.Paid - pr.Overpaid)
	for i := range pr.Instalments {
		ip := &pr.Instalments[i]
		ip.Missing = ip.Amount - ip.Paid
		deadline := ip.Due.AddDays(graceDays)
		switch {
		case ip.Missing == 0:
			ip.State, ip.Late = InstalmentPaid, ip.PaidOn.After(ip.Due)
		case today.After(deadline):
			ip.State = InstalmentMissed
		case ip.Paid > 0:
			ip.State = InstalmentPartly
		case !ip.Due.After(today):
			ip.State = InstalmentDue
		default:
			ip.State = InstalmentUpcoming
		}
		late := ip.State == InstalmentMissed || (ip.State == InstalmentPaid && ip.PaidOn.After(deadline))
		if late && !pr.Broken {
			pr.Broken, pr.BrokenOn, pr.Consequence = true, deadline.AddDays(1), plan.OnBreak
		}
		if ip.Missing > 0 && pr.NextDue.IsZero() {
			pr.NextDue, pr.NextAmount = ip.Due, ip.Missing
		}
	}
	pr.Completed = next == len(pr.Instalments)
	pr.Holds = !pr.Broken && !pr.Completed
	return pr
}
