package store

import (
	"encoding/binary"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// packSeries is a series of three month ends with every kind of line: zero
// lines left out, negative credits, extreme amounts.
func packSeries() []Snapshot {
	d := ledger.MustDate
	base := Snapshot{EntityID: 7, Dimension: kpi.DimCustomer, Value: "K1", Aging: kpi.Aging{Currency: "EUR"}}
	var out []Snapshot
	for k, end := range []ledger.Date{d("1999-12-31"), d("2026-01-31"), d("2026-02-28")} {
		sn := base
		sn.Aging.AsOf = end
		sn.Sales = int64(k*1000 - 500)
		out = append(out, sn)
	}
	out[0].Aging.Buckets[kpi.NotDue] = kpi.Line{Amount: math.MaxInt64, Count: 3}
	out[0].Aging.Credits = kpi.Line{Amount: math.MinInt64, Count: 1}
	out[1].Aging.Buckets[kpi.Overdue181] = kpi.Line{Amount: 12345, Count: 2}
	out[1].Aging.Disputed = kpi.Line{Amount: 45, Count: 1}
	out[2].Sales = 0 // a month with nothing: sales zero, every line zero
	return out
}

func TestPackRoundTrip(t *testing.T) {
	snaps := packSeries()
	b, err := appendPacked(nil, snaps)
	if err != nil {
		t.Fatal(err)
	}
	if b[0] != packFormat1 {
		t.Errorf("format byte %d", b[0])
	}
	series := Snapshot{EntityID: 7, Dimension: kpi.DimCustomer, Value: "K1", Aging: kpi.Aging{Currency: "EUR"}}
	got, err := unpack(nil, b, series, ledger.Date{}, ledger.Date{})
	if err != nil || !reflect.DeepEqual(got, snaps) {
		t.Fatalf("unpacked %+v, %v; want %+v", got, err, snaps)
	}
	// From and To are inclusive month ends.
	got, err = unpack(nil, b, series, snaps[1].Aging.AsOf, snaps[1].Aging.AsOf)
	if err != nil || len(got) != 1 || got[0] != snaps[1] {
		t.Fatalf("from/to one month: %+v, %v", got, err)
	}
	got, err = unpack(nil, b, series, snaps[1].Aging.AsOf.AddDays(1), ledger.Date{})
	if err != nil || len(got) != 1 || got[0] != snaps[2] {
		t.Fatalf("from after a month: %+v, %v", got, err)
	}
}

func TestPackRejects(t *testing.T) {
	d := ledger.MustDate
	twice := packSeries()
	twice[1].Aging.AsOf = twice[0].Aging.AsOf
	if _, err := appendPacked(nil, twice); !errors.Is(err, ledger.ErrConflict) {
		t.Errorf("a month end twice: %v, want a conflict", err)
	}
	if _, err := appendPacked(nil, nil); err == nil {
		t.Error("an empty series packed")
	}

	good, err := appendPacked(nil, packSeries()[1:2])
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) []byte { return binary.AppendVarint(nil, dayNumber(d(s))) }
	cat := func(parts ...[]byte) []byte {
		var out []byte
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	// One month: day, sales 0, mask 0.
	month := func(dayBytes []byte) []byte { return cat(dayBytes, []byte{0, 0}) }
	for name, b := range map[string][]byte{
		"empty":                  nil,
		"unknown format":         cat([]byte{2}, good[1:]),
		"format 0":               cat([]byte{0}, good[1:]),
		"no count":               {packFormat1},
		"zero months":            cat([]byte{packFormat1, 0}),
		"more months than bytes": cat([]byte{packFormat1, 0xff, 0xff, 0xff, 0xff, 0x0f}, month(day("2026-01-31"))),
		"truncated":              good[:len(good)-1],
		"trailing byte":          cat(good, []byte{0}),
		"bad varint":             cat([]byte{packFormat1, 1}, []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, []byte{0, 0}),
		"no line mask":           cat([]byte{packFormat1, 1}, day("2026-01-31"), []byte{0}),
		"line without count":     cat([]byte{packFormat1, 1}, day("2026-01-31"), []byte{0, 1}, binary.AppendVarint(nil, 5)),
		"month repeated":         cat([]byte{packFormat1, 2}, month(day("2026-01-31")), []byte{0, 0, 0}),
		"day out of range":       cat([]byte{packFormat1, 1}, month(binary.AppendVarint(nil, maxPackDay+1))),
		"day before year 1":      cat([]byte{packFormat1, 1}, month(binary.AppendVarint(nil, minPackDay-1))),
		"step past year 9999":    cat([]byte{packFormat1, 2}, month(day("2026-01-31")), month(binary.AppendUvarint(nil, math.MaxUint64))),
	} {
		_, err := unpack(nil, b, Snapshot{}, ledger.Date{}, ledger.Date{})
		if !errors.Is(err, errBadPack) {
			t.Errorf("%s (% x): %v, want a malformed-series error", name, b, err)
		}
	}
}

// FuzzUnpack: no input makes unpack panic; what it accepts packs again to
// bytes that unpack to the same snapshots.
func FuzzUnpack(f *testing.F) {
	good, err := appendPacked(nil, packSeries())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte{packFormat1, 1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		series := Snapshot{EntityID: 1, Dimension: kpi.DimEntity, Value: "E", Aging: kpi.Aging{Currency: "EUR"}}
		got, err := unpack(nil, b, series, ledger.Date{}, ledger.Date{})
		if err != nil {
			if !errors.Is(err, errBadPack) {
				t.Fatalf("error %v does not say the series is malformed", err)
			}
			return
		}
		again, err := appendPacked(nil, got)
		if err != nil {
			t.Fatalf("accepted %x but cannot pack it again: %v", b, err)
		}
		back, err := unpack(nil, again, series, ledger.Date{}, ledger.Date{})
		if err != nil || !reflect.DeepEqual(back, got) {
			t.Fatalf("packed again and unpacked: %+v, %v; want %+v", back, err, got)
		}
	})
}
