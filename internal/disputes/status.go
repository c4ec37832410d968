package disputes

import (
	"fmt"
	"slices"
)

// Status is where a dispute is in its workflow.
type Status string

// The statuses. Resolved and Rejected are final: a dispute gets there only
// through a resolution (credit note, write-off) or a rejection, never back.
const (
	Open            Status = "open"
	InProgress      Status = "in_progress"
	WaitingCustomer Status = "waiting_customer"
	Resolved        Status = "resolved"
	Rejected        Status = "rejected"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{Open, InProgress, WaitingCustomer, Resolved, Rejected}

// moves lists the statuses each status may move to.
var moves = map[Status][]Status{
	Open:            {InProgress, WaitingCustomer, Resolved, Rejected},
	InProgress:      {WaitingCustomer, Resolved, Rejected},
	WaitingCustomer: {InProgress, Resolved, Rejected},
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Final reports whether s ends the dispute (it no longer holds dunning).
func (s Status) Final() bool { return s == Resolved || s == Rejected }

// CanMove returns nil when a dispute in from may move to to, else an error
// that says why not.
func CanMove(from, to Status) error {
	switch {
	case !to.Valid():
		return fmt.Errorf("unknown status %q", to)
	case from.Final():
		return fmt.Errorf("the dispute is %s: it cannot change any more", from)
	case from == to:
		return fmt.Errorf("the dispute is already %s", to)
	case !slices.Contains(moves[from], to):
		return fmt.Errorf("a dispute cannot go from %s to %s", from, to)
	}
	return nil
}

// Priority says how urgently a dispute is handled.
type Priority string

// The priorities, lowest first.
const (
	Low    Priority = "low"
	Normal Priority = "normal"
	High   Priority = "high"
	Urgent Priority = "urgent"
)

// Priorities lists the priorities, lowest first.
var Priorities = []Priority{Low, Normal, High, Urgent}

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool { return slices.Contains(Priorities, p) }
