package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// TestKPIMemoVersions: figures kept at a later version serve a request that
// read an earlier one (it read the version just before a commit), instead
// of being replaced by a computation of the older ledger; an older entry is
// computed again.
func TestKPIMemoVersions(t *testing.T) {
	m := newKPIMemo()
	ctx, now := context.Background(), time.Now()
	key := kpiKey{1, ledger.NewDate(2026, 4, 30)}
	computed := 0
	compute := func(version int64) func() (KPIReport, error) {
		return func() (KPIReport, error) {
			computed++
			return KPIReport{Entity: ledger.Entity{ID: 1, Name: fmt.Sprint("at version ", version)}}, nil
		}
	}
	if _, err := m.get(ctx, key, 6, now, compute(6)); err != nil {
		t.Fatal(err)
	}
	got, err := m.get(ctx, key, 5, now, compute(5))
	if err != nil {
		t.Fatal(err)
	}
	if computed != 1 || got.Entity.Name != "at version 6" {
		t.Errorf("asked at version 5 with version 6 kept: computed %d times, got the figures %s; want the kept ones", computed, got.Entity.Name)
	}
	if !m.current(key, 5) || !m.current(key, 6) || m.current(key, 7) {
		t.Errorf("current: kept at version 6 is current for 5 and 6, not for 7")
	}
	if got, _ := m.get(ctx, key, 7, now, compute(7)); computed != 2 || got.Entity.Name != "at version 7" {
		t.Errorf("asked at version 7 with version 6 kept: computed %d times, got the figures %s; want a new computation", computed, got.Entity.Name)
	}
}

// TestKPIMemoPanic: a computation that panics releases those waiting for it
// with an error and keeps nothing, so the next request computes again
// instead of waiting forever.
func TestKPIMemoPanic(t *testing.T) {
	m := newKPIMemo()
	ctx, now := context.Background(), time.Now()
	key := kpiKey{1, ledger.NewDate(2026, 4, 30)}
	started, release := make(chan struct{}), make(chan struct{})
	go func() {
		defer func() { recover() }()
		m.get(ctx, key, 1, now, func() (KPIReport, error) {
			close(started)
			<-release
			panic("boom")
		})
	}()
	<-started
	waited := make(chan error, 1)
	later := now.Add(time.Second)
	go func() {
		_, err := m.get(ctx, key, 1, later, func() (KPIReport, error) { return KPIReport{}, nil })
		waited <- err
	}()
	for { // until the second request waits for the first computation (it marks the entry used)
		m.mu.Lock()
		waiting := m.entries[key].used.Equal(later)
		m.mu.Unlock()
		if waiting {
			break
		}
		time.Sleep(time.Millisecond)
	}
	close(release)
	select {
	case err := <-waited:
		if err == nil {
			t.Errorf("a request waiting for a computation that panicked got no error")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a request waiting for a computation that panicked still waits")
	}
	if m.current(key, 1) {
		t.Errorf("the figures of a computation that panicked are kept")
	}
	if _, err := m.get(ctx, key, 1, now, func() (KPIReport, error) { return KPIReport{Entity: ledger.Entity{ID: 1}}, nil }); err != nil {
		t.Errorf("the next request after a panic: %v, want a new computation", err)
	}
}
