package match

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestProperty matches lines derived from 2,000 random items with the truth
// known: an automatic match must be exactly the truth (allocations and
// difference), lines that pay nothing of ours must never be automatic, and
// typos never are. It logs the automatic rate per scenario. Three seeds run
// by default; MATCH_PROPERTY_SEEDS=1000 runs more.
func TestProperty(t *testing.T) {
	seeds := 3
	if n, err := strconv.Atoi(os.Getenv("MATCH_PROPERTY_SEEDS")); err == nil && n > 0 {
		seeds = n
	}
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) { property(t, seed, 2000, 1500) })
	}
}

func property(t *testing.T, seed uint64, nItems, nLines int) {
	w := newWorld(seed, nItems)
	ix := NewIndex(w.items, w.known)
	opt := Options{Tolerance: tolerance}
	type tally struct{ lines, auto, wrong int }
	per := map[string]*tally{}
	var total tally
	payments := 0
	for n := 0; n < nLines; n++ {
		tl := w.nextLine()
		r := ix.Match(tl.line, opt)
		s := per[tl.scenario]
		if s == nil {
			s = &tally{}
			per[tl.scenario] = s
		}
		s.lines++
		total.lines++
		if tl.want != nil {
			payments++
		}
		if r.Auto != nil {
			s.auto++
			total.auto++
			if tl.want == nil || allocs(r.Auto.Allocations) != allocs(tl.want) || r.Auto.Difference != tl.diff {
				s.wrong++
				total.wrong++
				t.Errorf("wrong auto match (%s): %+v\nwant [%s] diff %d\n%s", tl.scenario, tl.line, allocs(tl.want), tl.diff, dump(r))
			}
			if r.Auto.Rule == RuleInvoiceNumberTypo || r.Auto.Rule == RuleAmountUnique || r.Auto.Rule == RuleNameAmount {
				t.Errorf("rule %s was automatic", r.Auto.Rule)
			}
		}
		if tl.want != nil { // the person (or Kredo) allocates the truth
			ix.Apply(tl.want)
			w.apply(tl.want)
		}
	}
	var names []string
	for k := range per {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, k := range names {
		s := per[k]
		fmt.Fprintf(&b, "  %-24s %5d lines %5d auto (%5.1f%%) %d wrong\n", k, s.lines, s.auto, 100*float64(s.auto)/float64(s.lines), s.wrong)
	}
	t.Logf("%d lines (%d payments of ours), %d automatic: %.1f%% of the payments; %d wrong\n%s",
		total.lines, payments, total.auto, 100*float64(total.auto)/float64(payments), total.wrong, b.String())
	if total.wrong > 0 {
		t.Fatalf("%d wrong automatic matches", total.wrong)
	}
	if rate := float64(total.auto) / float64(payments); rate < 0.85 {
		t.Errorf("automatic rate %.1f%% fell below 85%%", 100*rate)
	}
}
