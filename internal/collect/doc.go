// Package collect is the credit controller's day as plain functions: the
// worklist (who needs a person today, in which order, and why), promises to
// pay, and payment plans.
//
// The package is pure: plain functions over plain values, no I/O. The app
// layer loads customers, promises, plans and payments from the store, calls
// these functions, and feeds what they decide back to the dunning engine:
// HeldItems and a plan's Progress.Holds say which items dunning.Item.OnHold,
// AccountHeldUntil what goes into dunning.Customer.PausedUntil.
//
// # Conventions
//
//   - Money is int64 minor units of one currency; amounts of different
//     currencies are never added. The worklist scores one amount per
//     customer, already converted by the caller into a score currency.
//   - Dates are calendar dates (ledger.Date). "Until d" is inclusive: a
//     customer snoozed until d is off the list on d and back on d+1; a
//     promise due on d with 3 grace days holds its items up to d+3 and is
//     broken from d+4 on.
//   - Points, ratios and amounts are integers, computed from the exact
//     value and rounded once, half away from zero. The only logarithm is an
//     integer one (log2Fixed), so a ranking is the same on every machine.
//
// # The worklist score
//
// See Score for the formula and DefaultWeights for the default weights. The
// score is the sum of the points of its factors, and every factor is in the
// Entry with its raw value, its weight and its points, so the page can show
// exactly why a customer is where it is.
package collect
