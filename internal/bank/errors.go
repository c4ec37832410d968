package bank

import (
	"fmt"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// ParseError is a file a parser could not read: which file, where (the line,
// and for MT940 the field tag such as ":61:", for camt the element path such
// as "Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt") and what is wrong. A
// parser that returns one returns no statements: a file is read whole or not
// at all. errors.Is(err, ledger.ErrInvalid) holds.
type ParseError struct {
	File   string
	Line   int    // 1-based; 0 when unknown
	Field  string // MT940 tag or camt element path; "" for the file as a whole
	Reason string
}

// Error says file, line, field and reason: "a.sta: line 7: :61:: invalid amount".
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ": line %d", e.Line)
	}
	if e.Field != "" {
		b.WriteString(": ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap makes a ParseError a ledger.ErrInvalid.
func (e *ParseError) Unwrap() error { return ledger.ErrInvalid }

// BalanceError says a statement does not add up: opening + entries differs
// from closing (Reason empty), or a balance or entry is in another currency,
// or the sum overflows (Reason says which).
type BalanceError struct {
	Statement string // the statement, with its source file, as people should read it
	Currency  string
	Opening   int64 // minor units
	Sum       int64 // of the booked entries
	Expected  int64 // Opening + Sum
	Actual    int64 // the closing balance the bank gave
	Reason    string
}

// Error names the statement and gives the figures that do not add up.
func (e *BalanceError) Error() string {
	if e.Reason != "" {
		return e.Statement + ": " + e.Reason
	}
	return fmt.Sprintf("%s: balances do not add up: opening %s + entries %s = %s, but the closing balance is %s (difference %s)",
		e.Statement, e.fmt(e.Opening), e.fmt(e.Sum), e.fmt(e.Expected), e.fmt(e.Actual), e.fmt(e.Actual-e.Expected))
}

func (e *BalanceError) fmt(v int64) string {
	return strings.TrimSpace(e.Currency + " " + ledger.FormatAmount(v, e.Currency))
}

// Unwrap makes a BalanceError a ledger.ErrInvalid.
func (e *BalanceError) Unwrap() error { return ledger.ErrInvalid }
