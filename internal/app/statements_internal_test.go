package app

import (
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
