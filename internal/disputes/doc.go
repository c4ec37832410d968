// Package disputes holds the rules of disputes as plain functions over
// plain types: the status workflow, reason codes with their SLA, routing
// rules (first match wins), SLA due dates and escalation, write-off
// approval, how a resolution is spread over the disputed invoices, and the
// report's figures (count, amount, average and 90th-percentile resolution
// time). It knows nothing of storage or HTTP; internal/app applies it.
package disputes
