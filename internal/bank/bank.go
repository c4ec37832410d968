package bank

import (
	"fmt"
	"math"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Formats a Statement can come from.
const (
	FormatMT940   = "mt940"
	FormatMT942   = "mt942"
	FormatCAMT052 = "camt.052"
	FormatCAMT053 = "camt.053"
	FormatCAMT054 = "camt.054"
)

// Entry statuses (camt Sts); MT940 entries are always booked.
const (
	StatusBooked  = "BOOK"
	StatusPending = "PDNG"
	StatusInfo    = "INFO"
)

// Statement is one account statement, report or notification as the bank sent
// it: an account, its booked opening and closing balances and the entries in
// between.
type Statement struct {
	Format   string // FormatMT940, FormatMT942, FormatCAMT052, ...
	Source   string // the file (or "archive.zip/member") it was read from
	Account  string // IBAN (upper case, no spaces) when the bank gives one, else its account id
	Currency string // ISO 4217 code of the account
	Number   string // statement number: MT940 :28C:, camt ElctrncSeqNb (else LglSeqNb, else Id)
	ID       string // stable identifier: camt Stmt/Id; MT940 ":20:/:28C:/account/opening date" (+"#2".. for repeats in a file)
	Opening  Balance
	Closing  Balance // absent for MT942 and most camt.052/054
	Entries  []Entry // in file order (camt may include pending ones); a batch is one entry with Details
}

// Balance is a booked balance on a date, in signed minor units.
type Balance struct {
	Date     ledger.Date
	Amount   int64  // signed minor units: negative is a debit balance
	Currency string // as the bank wrote it; Check reports one that differs from the statement's
	Present  bool   // false when the file has no such balance
}

// Entry is one booked movement on the account (MT940 :61:+:86:, camt Ntry).
type Entry struct {
	Amount        int64  // signed minor units: + credit (money in), - debit (money out)
	Currency      string // ISO 4217 code
	BookingDate   ledger.Date
	ValueDate     ledger.Date
	Status        string  // StatusBooked, StatusPending or StatusInfo ("" reads as booked)
	Reversal      bool    // a reversal (storno) of an earlier entry: MT940 RC/RD, camt RvslInd
	EntryRef      string  // the bank's reference: MT940 :61: bank reference, camt AcctSvcrRef or NtryRef
	EndToEndID    string  // the payer's end-to-end id (SEPA EREF); "NOTPROVIDED" reads as empty
	BatchRef      string  // for a transaction of a batch: the batch's payment information id or entry ref
	Counterparty  Party   // the other side: the payer of a credit, the payee of a debit
	Ultimate      Party   // on whose behalf the counterparty paid or was paid, when the bank says
	Remittance    string  // unstructured remittance information on one line, white space collapsed
	StructuredRef string  // structured creditor reference: RF/ISO 11649 or Dutch betalingskenmerk
	ReturnCode    string  // reason of a return or reject (camt RtrInf/Rsn, MT940 /RTRN/)
	BankTxCode    string  // camt "Domn/Fmly/SubFmly" or proprietary code; MT940 :61: type such as "NTRF"
	Details       []Entry // transactions of a batch entry (camt NtryDtls with several TxDtls); see Transactions
	Raw           string  // the entry as it appeared in the file, for people to read
}

// Party is a payer or payee.
type Party struct {
	Name    string
	IBAN    string // upper case, no spaces
	BIC     string
	Account string // an account number that is not an IBAN (old Dutch or German numbers, camt Othr/Id)
}

// IsZero reports whether nothing is known of the party.
func (p Party) IsZero() bool { return p == Party{} }

// Booked reports whether the entry is booked (not pending or informational).
func (e Entry) Booked() bool { return e.Status == "" || e.Status == StatusBooked }

// Transactions returns one Entry per payment: an entry without Details as it
// is, and a batch entry replaced by its Details, each carrying the batch's
// dates, status and reversal flag, with BatchRef set. Matching payments to
// invoices works on these; the balance check works on Entries.
func (s Statement) Transactions() []Entry {
	out := make([]Entry, 0, len(s.Entries))
	for _, e := range s.Entries {
		if len(e.Details) == 0 {
			out = append(out, e)
			continue
		}
		for _, d := range e.Details {
			if d.BookingDate.IsZero() {
				d.BookingDate = e.BookingDate
			}
			if d.ValueDate.IsZero() {
				d.ValueDate = e.ValueDate
			}
			if d.Status == "" {
				d.Status = e.Status
			}
			if d.Currency == "" {
				d.Currency = e.Currency
			}
			if d.BatchRef == "" {
				d.BatchRef = e.EntryRef
			}
			d.Reversal = d.Reversal || e.Reversal
			out = append(out, d)
		}
	}
	return out
}

// Sum returns the total of the booked entries, and false when it overflows.
func (s Statement) Sum() (int64, bool) {
	var sum int64
	for _, e := range s.Entries {
		if !e.Booked() {
			continue
		}
		var ok bool
		if sum, ok = add(sum, e.Amount); !ok {
			return 0, false
		}
	}
	return sum, true
}

// Check verifies that the opening balance plus the booked entries equals the
// closing balance, when the statement has both. It returns a *BalanceError
// on a mismatch, on entries or balances in another currency than the
// statement's, and on amounts too large to add up.
func (s Statement) Check() error {
	name := s.name()
	for i, e := range s.Entries {
		if e.Booked() && e.Currency != "" && s.Currency != "" && e.Currency != s.Currency {
			return &BalanceError{Statement: name, Currency: s.Currency,
				Reason: fmt.Sprintf("entry %d is in %s, the statement in %s", i+1, e.Currency, s.Currency)}
		}
	}
	if !s.Opening.Present || !s.Closing.Present {
		return nil
	}
	for _, b := range []struct {
		what string
		bal  Balance
	}{{"opening", s.Opening}, {"closing", s.Closing}} {
		if b.bal.Currency != "" && s.Currency != "" && b.bal.Currency != s.Currency {
			return &BalanceError{Statement: name, Currency: s.Currency,
				Reason: fmt.Sprintf("the %s balance is in %s, the statement in %s", b.what, b.bal.Currency, s.Currency)}
		}
	}
	sum, ok := s.Sum()
	expected, ok2 := add(s.Opening.Amount, sum)
	if !ok || !ok2 {
		return &BalanceError{Statement: name, Currency: s.Currency, Reason: "the entries add up to more than an int64 holds"}
	}
	if expected != s.Closing.Amount {
		return &BalanceError{Statement: name, Currency: s.Currency, Opening: s.Opening.Amount,
			Sum: sum, Expected: expected, Actual: s.Closing.Amount}
	}
	return nil
}

// name says which statement this is, for errors.
func (s Statement) name() string {
	n := s.ID
	if n == "" {
		n = s.Number
	}
	if s.Account != "" {
		n += " of " + s.Account
	}
	if s.Source != "" {
		n = s.Source + ": statement " + n
	} else {
		n = "statement " + n
	}
	return n
}

func add(a, b int64) (int64, bool) {
	if (b > 0 && a > math.MaxInt64-b) || (b < 0 && a < math.MinInt64-b) {
		return 0, false
	}
	return a + b, true
}
