// Package match matches incoming bank transactions to open invoices. For each
// statement line it returns ranked suggestions, each with the allocations to
// invoices, a confidence (0-100), the rule that decided and an explanation a
// person can read; a suggestion is applied automatically (Result.Auto) only
// when it is certain. Pure logic: no I/O, no database.
//
// Build one Index per entity (invoice numbers are unique per entity) from all
// its open items and the IBANs known to belong to customers, then Match the
// statement's lines in order and Apply what was allocated, so that an item
// paid by line 3 is not suggested again for line 7. Match only reads the
// index: several goroutines may call it at once, but not while Apply or
// Learn runs.
//
// # Rules and their confidence
//
// Certainty comes before coverage: a wrong automatic match makes Kredo remind
// a customer who paid. Textual evidence (a structured reference or invoice
// number in the payment) outranks circumstantial evidence (the payer's
// account, the amount, the name).
//
//	rule                      when                                               conf   auto
//	structured-ref            a betalingskenmerk or RF reference (StructuredRef   100   yes
//	                          field) is one open item's, the amount equal
//	                          (found in the text: 98; within tolerance: 1 less)
//	structured-ref            same, a partial payment: what was paid is           95   yes
//	                          allocated, the rest stays open
//	structured-ref            same, overpaid beyond tolerance                      80   no
//	invoice-number            the item's number in the text (case, spaces,         95   yes
//	                          dashes, dots ignored), the amount fits
//	invoice-number            prefix or leading zeros left out, unique             92   yes
//	invoice-number            only the last part (≥5 significant characters,       85   no
//	                          counted only when nothing better is named)
//	invoice-number            partial payment / overpaid beyond tolerance        75/70  no
//	invoice-number-typo       one character off (≥7 characters)                  60/40  never
//	invoice-number-ambiguous  a mangled number fits several open items           55/45  never
//	invoice-numbers-sum       several items named, their open amounts add up     ≤97   yes
//	                          to the payment (±tolerance); the weakest mention
//	                          sets the confidence (97 references, 95 numbers,
//	                          92 mangled, 85 last parts, 60 typos: never)
//	invoice-numbers-subset    some of the items named add up exactly               75   no
//	invoice-numbers-sum       the sum does not fit: oldest first, short/over     65/70  no
//	already-paid              the text names an item paid already (earlier in      55   never
//	                          the statement): a double payment? No allocations
//	iban-amount               the payer's account is a customer's (or its          90   yes
//	                          group's parent's) and exactly one of the group's
//	                          open items equals the payment
//	iban-amount               several equal items (each) / one within tolerance  60/80  no
//	iban-oldest-exact         the k ≥ 2 oldest open items add up exactly           90   yes
//	iban-amount-sum           other items of the 20 oldest add up exactly        80/65  no
//	                          (bounded search; 65 when not unique)
//	iban-oldest-first         the payment allocated to the oldest items            50   no
//	iban-on-account           the payer has nothing open                           30   no
//	name-amount               unknown account, the payer's name is a customer's    75   never
//	                          whose only open item of the amount it is
//	amount-unique             the only open item of the amount in the currency,    70   never
//	                          and the payer's name resembles the customer's
//
// Two rules that make the same allocations are one suggestion, 2 points
// surer (at most 99): a typo that agrees with the payer's account and amount
// may so be automatic through iban-amount, never through the typo.
//
// Guards that keep a line from being automatic:
//   - another suggestion with other allocations within 10 points of the best
//     (two customers' items with the same confidence are never automatic);
//   - a textual match on an item of a customer unrelated to the payer's known
//     account: 15 points less;
//   - a textual match is capped at 85 when the text also names a reference
//     or a number shaped like ours that is not open, an item in another
//     currency, or an open item (a typo, an ambiguous number) it does not
//     allocate;
//   - invoice-number (and structured-ref on a reference without a check
//     digit) is capped at 85 when another open item one character off the
//     number written has exactly the amount (sequential numbering turns
//     typos into real numbers; from a known account only related customers'
//     items count), or when a difference within tolerance is more than a
//     tenth of the amount (a partial payment?);
//   - a number (not a checked reference) from an unknown account is 10 points
//     less when the payer's name resembles neither the customer's nor its
//     parent's;
//   - circumstantial rules (iban-*) are capped at 80 when the text names an
//     open item they do not allocate, a reference or a number shaped like
//     ours that is not open, an item in another currency or an item paid
//     already: they then block a textual match of 90 but not one of 91 or
//     more;
//   - iban-amount is capped at 80 when two or more of the group's 12 oldest
//     items add up to the amount too (or the bounded search cannot tell).
//
// Tolerance (Options.Tolerance) accepts small differences as full payment:
// the item is allocated in full and Suggestion.Difference carries the rest
// (negative: short, for the caller to write off; positive: overpaid, a credit
// on account). A partial payment allocates what was paid and leaves the rest
// open, with Difference 0.
//
// Lines that are not payments in — outgoing (negative), reversals, and
// returns (a ReturnCode) — are classified in Result.Kind and never matched.
package match
