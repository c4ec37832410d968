// Package kpi computes the figures a finance team steers receivables by:
// aging, overdue and disputed shares, DSO (standard and countback), best
// possible DSO, average days delinquent, the collection effectiveness index,
// payment timing, dunning effectiveness, promises kept and dispute resolution
// time; per dimension (entity, segment, region, product group, controller,
// customer, group) and as of any past date.
//
// The package is pure: plain functions over plain values, no I/O. A store
// layer feeds it either items with their payment history (Item) or balances
// it has kept (Aging snapshots and sales totals); the same formulas serve
// both (FromBalances and the formula functions in formulas.go).
//
// # Conventions
//
//   - Money is int64 minor units of one currency. Amounts of different
//     currencies are never added: every function takes the currency it
//     counts and ignores the rest, or items are first converted into a
//     reporting currency with a dated RateTable (ConvertItems). Conversion
//     rounds half up (away from zero) to the target currency's minor unit.
//   - Days are returned as Days (hundredths of a day) and shares as Percent
//     (hundredths of a percent), both int64, computed from the exact
//     rational and rounded once, half away from zero. No float64 anywhere.
//     A figure whose denominator is zero is undefined: functions return
//     ok == false (or a Has* flag) rather than a made-up number.
//   - As of a date d means at the end of day d: an item exists from its
//     invoice date on, a payment lowers the open amount from its own date on.
//     A payment dated after d does not count at d, so a past figure is the
//     same whatever was paid later.
//   - Periods are inclusive calendar-date ranges (Period); a period's length
//     in days is To − From + 1.
//
// # Credit notes and other negative open amounts
//
// An item is classified by the sign of its open amount at the date, not by
// its kind. Open debit items (invoices) fill the aging buckets by days
// overdue. Items with a negative open amount (open credit notes, overpaid
// invoices, unapplied cash fed as a negative item) are not spread over the
// buckets: they are one separate line, Credits, so the buckets show what
// customers owe and how late, and the shares of the buckets add up to 100%
// of the gross open amount. Total receivables for DSO and CEI are the net
// balance (gross open + credits), as the Credit Research Foundation's
// definition of receivables includes "credits, unapplied cash"; current
// receivables are the not-yet-due debit items. Credit sales are net: credit
// notes dated in the period lower them.
//
// # Sources
//
// Credit Research Foundation (CRF), Quarterly National Summary of Domestic
// Trade Receivables: definitions of beginning, ending total and ending current
// receivables and credit sales; the survey reports CEI, DSO, best possible
// DSO, average days delinquent and percent current
// (crfonline.org/survey-form, crfonline.org/KpiCalculator). The formulas as
// commonly published: creditguru.com "Average Days Delinquent (ADD)" and
// "Collection Effectiveness Index (CEI)"; gaviti.com "What is Collection
// Effectiveness Index". Countback DSO: Credit Today, "Why You Should Switch
// to the Countback Method to Calculate DSO" (academy.highako.com). Aging
// brackets (ouderdomsoverzicht, in amounts and numbers of invoices) and
// results per dunning stage: J. Gieskens (lecturer of the Dutch credit
// management association VVCM), "De effectiviteit meten van uw
// debiteurenbeheer", Rendement, 2020. Days beyond terms weighted by amount:
// fitsmallbusiness.com "Days Beyond Terms". Percentiles: the nearest-rank
// method (Wikipedia, "Percentile").
package kpi
