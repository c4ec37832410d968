package bank

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

func stmt(open, close int64, amounts ...int64) Statement {
	s := Statement{Source: "x.sta", ID: "S1", Account: "NL91ABNA0417164300", Currency: "EUR",
		Opening: Balance{Amount: open, Currency: "EUR", Present: true},
		Closing: Balance{Amount: close, Currency: "EUR", Present: true}}
	for _, a := range amounts {
		s.Entries = append(s.Entries, Entry{Amount: a, Currency: "EUR", Status: StatusBooked})
	}
	return s
}

func TestCheck(t *testing.T) {
	if err := stmt(10000, 12550, 5000, -2450).Check(); err != nil {
		t.Fatalf("balanced statement: %v", err)
	}
	err := stmt(10000, 12500, 5000, -2450).Check()
	var be *BalanceError
	if !errors.As(err, &be) {
		t.Fatalf("mismatch: got %v, want *BalanceError", err)
	}
	if be.Opening != 10000 || be.Sum != 2550 || be.Expected != 12550 || be.Actual != 12500 || be.Reason != "" {
		t.Errorf("BalanceError = %+v", be)
	}
	msg := err.Error()
	for _, want := range []string{"x.sta", "S1", "NL91ABNA0417164300", "EUR 100.00", "EUR 125.50", "EUR 125.00", "EUR -0.50"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if !errors.Is(err, ledger.ErrInvalid) {
		t.Error("BalanceError is not ledger.ErrInvalid")
	}

	// pending entries do not count
	s := stmt(100, 100, 50)
	s.Entries[0].Status = StatusPending
	if err := s.Check(); err != nil {
		t.Errorf("pending entry counted: %v", err)
	}
	// without a closing balance there is nothing to check
	s = stmt(100, 0, 50)
	s.Closing = Balance{}
	if err := s.Check(); err != nil {
		t.Errorf("no closing balance: %v", err)
	}
	// currencies
	s = stmt(100, 150, 50)
	s.Closing.Currency = "SEK"
	if err := s.Check(); !errors.As(err, &be) || !strings.Contains(be.Reason, "closing balance is in SEK") {
		t.Errorf("closing in SEK: %v", err)
	}
	s = stmt(100, 150, 50)
	s.Entries[0].Currency = "CHF"
	if err := s.Check(); !errors.As(err, &be) || !strings.Contains(be.Reason, "entry 1 is in CHF") {
		t.Errorf("entry in CHF: %v", err)
	}
	// overflow is reported, not wrapped around
	s = stmt(math.MaxInt64, 0, 1)
	if err := s.Check(); !errors.As(err, &be) || !strings.Contains(be.Reason, "int64") {
		t.Errorf("overflow: %v", err)
	}
}

func TestTransactions(t *testing.T) {
	day := ledger.MustDate("2024-03-01")
	s := Statement{Entries: []Entry{
		{Amount: 100, EntryRef: "A"},
		{Amount: -300, EntryRef: "B", BookingDate: day, ValueDate: day, Status: StatusBooked, Reversal: true, Currency: "EUR",
			Details: []Entry{{Amount: -100, EndToEndID: "E1"}, {Amount: -200, EndToEndID: "E2", BatchRef: "PMT1"}}},
	}}
	tx := s.Transactions()
	if len(tx) != 3 {
		t.Fatalf("got %d transactions, want 3", len(tx))
	}
	if tx[0].EntryRef != "A" || tx[1].EndToEndID != "E1" || tx[2].EndToEndID != "E2" {
		t.Errorf("order: %+v", tx)
	}
	d := tx[1]
	if d.BookingDate != day || d.ValueDate != day || d.Status != StatusBooked || !d.Reversal || d.Currency != "EUR" || d.BatchRef != "B" {
		t.Errorf("detail did not inherit the batch: %+v", d)
	}
	if tx[2].BatchRef != "PMT1" {
		t.Errorf("own BatchRef overwritten: %q", tx[2].BatchRef)
	}
	if sum, _ := s.Sum(); sum != -200 {
		t.Errorf("Sum = %d, want -200 (booked entries, not details)", sum)
	}
}

func TestIBAN(t *testing.T) {
	for in, want := range map[string]string{
		"NL91 ABNA 0417 1643 00": "NL91ABNA0417164300",
		"nl91abna0417164300":     "NL91ABNA0417164300",
		"DE89370400440532013000": "DE89370400440532013000",
		"NL91ABNA041716430":      "", // too short for NL
		"EJ46GREENP100610T1456":  "", // no such country
		"0417164300":             "",
	} {
		if got := NormalizeIBAN(in); got != want {
			t.Errorf("NormalizeIBAN(%q) = %q, want %q", in, got, want)
		}
	}
	if !ValidIBAN("NL91ABNA0417164300") || ValidIBAN("NL92ABNA0417164300") {
		t.Error("ValidIBAN check digits")
	}
	for s, want := range map[string]bool{"ABNANL2A": true, "INGBNL2AXXX": true, "DEUTDEDB237": true, "ABNANL2": false, "12345678": false} {
		if LooksLikeBIC(s) != want {
			t.Errorf("LooksLikeBIC(%q) != %v", s, want)
		}
	}
}

func TestParseError(t *testing.T) {
	err := error(&ParseError{File: "a.sta", Line: 7, Field: ":61:", Reason: "invalid amount"})
	if got := err.Error(); got != "a.sta: line 7: :61:: invalid amount" {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(err, ledger.ErrInvalid) {
		t.Error("ParseError is not ledger.ErrInvalid")
	}
	if got := (&ParseError{File: "b.xml", Reason: "empty"}).Error(); got != "b.xml: empty" {
		t.Errorf("Error() = %q", got)
	}
}
