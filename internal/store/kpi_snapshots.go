package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// Snapshot is the state of one dimension value of an entity at a month end,
// in one currency: the month's net credit sales and the aging at its end.
type Snapshot struct {
	EntityID  int64
	Dimension string // kpi.Dim*
	Value     string
	Sales     int64     // net credit sales in the month ending Aging.AsOf
	Aging     kpi.Aging // Currency and AsOf (the month end) included
}

// snapshotCols are the columns of kpi_snapshots: one row per series (an
// entity's dimension value in one currency) with its months packed
// (kpi_snapshots_pack.go).
var snapshotCols = []string{"entity_id", "dimension", "value", "currency", "months", "computed_at"}

// snapshotChunk is how many rows one multi-row INSERT writes on SQLite.
const snapshotChunk = 100

// packedSeries is one row of kpi_snapshots.
type packedSeries struct {
	dimension, value, currency string
	months                     []byte
}

// cmpSnapshots orders snapshots as the table's key does: dimension, value,
// currency, then month end.
func cmpSnapshots(a, b Snapshot) int {
	return cmp.Or(strings.Compare(a.Dimension, b.Dimension), strings.Compare(a.Value, b.Value),
		strings.Compare(a.Aging.Currency, b.Aging.Currency), a.Aging.AsOf.Time().Compare(b.Aging.AsOf.Time()))
}

// packSnapshots packs snaps into their series, in the table's key order. A
// month end given twice for one series is a conflict, as it was when every
// month was a row.
func packSnapshots(snaps []Snapshot) ([]packedSeries, error) {
	if !slices.IsSortedFunc(snaps, cmpSnapshots) {
		snaps = slices.Clone(snaps)
		slices.SortStableFunc(snaps, cmpSnapshots)
	}
	var out []packedSeries
	var buf []byte // every series' bytes, one after the other
	var ends []int
	for start := 0; start < len(snaps); {
		first := &snaps[start]
		end := start + 1
		for end < len(snaps) && snaps[end].Dimension == first.Dimension && snaps[end].Value == first.Value &&
			snaps[end].Aging.Currency == first.Aging.Currency {
			end++
		}
		var err error
		if buf, err = appendPacked(buf, snaps[start:end]); err != nil {
			return nil, err
		}
		out = append(out, packedSeries{dimension: first.Dimension, value: first.Value, currency: first.Aging.Currency})
		ends = append(ends, len(buf))
		start = end
	}
	from := 0
	for k, end := range ends {
		out[k].months = buf[from:end:end]
		from = end
	}
	return out, nil
}

// ReplaceSnapshots replaces every snapshot of the entity with snaps, in one
// transaction: readers see the old set or the new one, never a mix. The
// months of each dimension value and currency are stored packed in one row
// (12.6 times fewer rows to delete and write than a row per month at
// 200,000 invoices);
// snaps given in the table's order (dimension, value, currency, month end)
// are packed without sorting them first.
func (s *Store) ReplaceSnapshots(ctx context.Context, entityID int64, snaps []Snapshot) error {
	for _, sn := range snaps {
		if sn.EntityID != entityID {
			return fmt.Errorf("replace snapshots: a snapshot of entity %d among entity %d's", sn.EntityID, entityID)
		}
	}
	series, err := packSnapshots(snaps)
	if err != nil {
		return fmt.Errorf("replace snapshots of entity %d: %w", entityID, err)
	}
	return s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.exec("DELETE FROM kpi_snapshots WHERE entity_id = ?", entityID); err != nil {
			return fmt.Errorf("replace snapshots: %w", err)
		}
		if s.dialect == Postgres {
			now := s.now().UTC()
			src := make([][]any, len(series))
			for k, r := range series {
				src[k] = []any{entityID, r.dimension, r.value, r.currency, r.months, now}
			}
			return tx.copyFrom("kpi_snapshots", snapshotCols, src)
		}
		// Multi-row prepared INSERTs: one statement per snapshotChunk rows.
		insert := "INSERT INTO kpi_snapshots (" + strings.Join(snapshotCols, ", ") + ") VALUES "
		var full *sql.Stmt
		defer func() {
			if full != nil {
				full.Close()
			}
		}()
		now := ts(s.now())
		args := make([]any, 0, snapshotChunk*len(snapshotCols))
		for start := 0; start < len(series); start += snapshotChunk {
			part := series[start:min(start+snapshotChunk, len(series))]
			args = args[:0]
			for _, r := range part {
				args = append(args, entityID, r.dimension, r.value, r.currency, r.months, now)
			}
			var err error
			if len(part) == snapshotChunk {
				if full == nil {
					if full, err = tx.prepare(insert + valueRows(snapshotChunk, len(snapshotCols))); err != nil {
						return fmt.Errorf("replace snapshots: %w", err)
					}
				}
				_, err = full.ExecContext(ctx, args...)
			} else {
				_, err = tx.exec(insert+valueRows(len(part), len(snapshotCols)), args...)
			}
			if err != nil {
				return fmt.Errorf("replace snapshots: %w", translate(err))
			}
		}
		return nil
	})
}

// SnapshotFilter selects snapshots of one entity (in scope) and dimension;
// zero dates do not filter.
type SnapshotFilter struct {
	Scope     ledger.Scope
	EntityID  int64
	Dimension string
	Value     *string     // nil: every value of the dimension
	From, To  ledger.Date // month ends, inclusive
}

// Snapshots returns the snapshots the filter selects, by value, currency and
// month end: one per month, unpacked from their series.
func (s *Store) Snapshots(ctx context.Context, f SnapshotFilter) ([]Snapshot, error) {
	where := " WHERE entity_id = ? AND dimension = ?" + scopeClause("entity_id", f.Scope)
	args := []any{f.EntityID, f.Dimension}
	if f.Value != nil {
		where += " AND value = ?"
		args = append(args, *f.Value)
	}
	rows, err := s.read.QueryContext(ctx, s.q("SELECT entity_id, dimension, value, currency, months FROM kpi_snapshots"+
		where+" ORDER BY value, currency"), args...)
	if err != nil {
		return nil, fmt.Errorf("snapshots: %w", err)
	}
	defer rows.Close()
	var out []Snapshot
	for rows.Next() {
		var series Snapshot
		var months sql.RawBytes
		if err := rows.Scan(&series.EntityID, &series.Dimension, &series.Value, &series.Aging.Currency, &months); err != nil {
			return nil, fmt.Errorf("snapshots: %w", err)
		}
		if out, err = unpack(out, months, series, f.From, f.To); err != nil {
			return nil, fmt.Errorf("snapshots of entity %d, %s %q in %s: %w", series.EntityID, series.Dimension, series.Value,
				series.Aging.Currency, err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("snapshots: %w", err)
	}
	return out, nil
}

// NumSnapshotLines is the number of lines a snapshot keeps: the buckets,
// the credits and the disputed part.
const NumSnapshotLines = kpi.NumBuckets + 2

// SnapshotMonths returns the month ends the entity has snapshots of, oldest
// first: those of its own rows (one series per currency).
func (s *Store) SnapshotMonths(ctx context.Context, entityID int64) ([]ledger.Date, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT currency, months FROM kpi_snapshots WHERE entity_id = ? AND dimension = ?`),
		entityID, kpi.DimEntity)
	if err != nil {
		return nil, fmt.Errorf("snapshot months: %w", err)
	}
	defer rows.Close()
	var snaps []Snapshot
	for rows.Next() {
		var series Snapshot
		var months sql.RawBytes
		if err := rows.Scan(&series.Aging.Currency, &months); err != nil {
			return nil, fmt.Errorf("snapshot months: %w", err)
		}
		if snaps, err = unpack(snaps, months, series, ledger.Date{}, ledger.Date{}); err != nil {
			return nil, fmt.Errorf("snapshot months of entity %d in %s: %w", entityID, series.Aging.Currency, err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("snapshot months: %w", err)
	}
	var out []ledger.Date
	for _, sn := range snaps {
		out = append(out, sn.Aging.AsOf)
	}
	slices.SortFunc(out, func(a, b ledger.Date) int { return a.Time().Compare(b.Time()) })
	return slices.Compact(out), nil
}
