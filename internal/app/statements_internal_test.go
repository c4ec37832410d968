package app

import (
	"errors"
	"reflect"
	"testing"

	"github.com/kredo-dev/kredo/internal/bank/match"
)

// TestCapAllocations: a payment never allocates more than was paid; a
// short payment the matcher accepted within tolerance leaves the rest open
// on the last item.
func TestCapAllocations(t *testing.T) {
	as := []match.Allocation{{InvoiceID: 1, Amount: 10000}, {InvoiceID: 2, Amount: 500}}
	cases := []struct {
		paid int64
		want []int64
	}{
		{10500, []int64{10000, 500}},
		{10498, []int64{10000, 498}},
		{9900, []int64{9900}},
		{20000, []int64{10000, 500}},
	}
	for _, c := range cases {
		var got []int64
		for _, a := range capAllocations(as, c.paid) {
			got = append(got, a.Amount)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("paid %d: %v, want %v", c.paid, got, c.want)
		}
	}
	if as[1].Amount != 500 {
		t.Error("capAllocations changed its input")
	}
}

// TestPickPaymentRef: a bank payment takes the payer's end-to-end id, else
// "BANK-" and the transaction's key, else that key numbered from -2; a
// failed look-up stops the search.
func TestPickPaymentRef(t *testing.T) {
	const key = "ref:26100500000101"
	short := "BANK-" + shortKey(key)
	cases := []struct {
		endToEnd string
		taken    []string
		want     string
	}{
		{"E2E-1", nil, "E2E-1"},
		{"E2E-1", []string{"E2E-1"}, short},
		{"", nil, short},
		{"E2E-1", []string{"E2E-1", short, short + "-2"}, short + "-3"},
	}
	for _, c := range cases {
		got, err := pickPaymentRef(key, c.endToEnd, func(r string, _ bool) (bool, error) {
			for _, tk := range c.taken {
				if tk == r {
					return true, nil
				}
			}
			return false, nil
		})
		if err != nil || got != c.want {
			t.Errorf("end-to-end %q, taken %v: %q, %v; want %q", c.endToEnd, c.taken, got, err, c.want)
		}
	}
	failed := errors.New("database gone")
	if _, err := pickPaymentRef(key, "", func(string, bool) (bool, error) { return true, failed }); !errors.Is(err, failed) {
		t.Errorf("a failed look-up: %v, want it returned", err)
	}
}
