package store

import (
	"context"
	"database/sql"
	"fmt"
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

var snapshotCols = []string{"entity_id", "month_end", "dimension", "value", "currency", "sales",
	"not_due", "not_due_n", "d1_30", "d1_30_n", "d31_60", "d31_60_n", "d61_90", "d61_90_n",
	"d91_180", "d91_180_n", "d181", "d181_n", "credits", "credits_n", "disputed", "disputed_n", "computed_at"}

func (sn Snapshot) args(at any) []any {
	return sn.appendArgs(make([]any, 0, len(snapshotCols)), at)
}

// appendArgs appends the values of snapshotCols to args.
func (sn Snapshot) appendArgs(args []any, at any) []any {
	a := &sn.Aging
	args = append(args, sn.EntityID, a.AsOf.String(), sn.Dimension, sn.Value, a.Currency, sn.Sales)
	for _, l := range a.Buckets {
		args = append(args, l.Amount, int64(l.Count))
	}
	return append(args, a.Credits.Amount, int64(a.Credits.Count), a.Disputed.Amount, int64(a.Disputed.Count), at)
}

// snapshotChunk is how many rows one multi-row INSERT writes on SQLite
// (23 columns: 2,300 variables, well under SQLite's limit of 32,766).
const snapshotChunk = 100

// ReplaceSnapshots replaces every snapshot of the entity with snaps, in one
// transaction: readers see the old set or the new one, never a mix. Rows
// given in the order of the primary key (dimension, value, currency, month
// end) are written fastest on SQLite: the index grows at its end.
func (s *Store) ReplaceSnapshots(ctx context.Context, entityID int64, snaps []Snapshot) error {
	for _, sn := range snaps {
		if sn.EntityID != entityID {
			return fmt.Errorf("replace snapshots: a snapshot of entity %d among entity %d's", sn.EntityID, entityID)
		}
	}
	return s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.exec("DELETE FROM kpi_snapshots WHERE entity_id = ?", entityID); err != nil {
			return fmt.Errorf("replace snapshots: %w", err)
		}
		if s.dialect == Postgres {
			now := s.now().UTC()
			src := make([][]any, len(snaps))
			for k, sn := range snaps {
				src[k] = sn.args(now)
				src[k][1] = sn.Aging.AsOf.Time()
			}
			return tx.copyFrom("kpi_snapshots", snapshotCols, src)
		}
		// Multi-row prepared INSERTs: one statement per snapshotChunk rows
		// instead of one per row (4x fewer round trips through the driver).
		insert := "INSERT INTO kpi_snapshots (" + strings.Join(snapshotCols, ", ") + ") VALUES "
		var full *sql.Stmt
		defer func() {
			if full != nil {
				full.Close()
			}
		}()
		now := ts(s.now())
		args := make([]any, 0, snapshotChunk*len(snapshotCols))
		for start := 0; start < len(snaps); start += snapshotChunk {
			part := snaps[start:min(start+snapshotChunk, len(snaps))]
			args = args[:0]
			for _, sn := range part {
				args = sn.appendArgs(args, now)
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
// month end.
func (s *Store) Snapshots(ctx context.Context, f SnapshotFilter) ([]Snapshot, error) {
	where := " WHERE entity_id = ? AND dimension = ?" + scopeClause("entity_id", f.Scope)
	args := []any{f.EntityID, f.Dimension}
	if f.Value != nil {
		where += " AND value = ?"
		args = append(args, *f.Value)
	}
	if !f.From.IsZero() {
		where += " AND month_end >= ?"
		args = append(args, f.From.String())
	}
	if !f.To.IsZero() {
		where += " AND month_end <= ?"
		args = append(args, f.To.String())
	}
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+strings.Join(snapshotCols[:len(snapshotCols)-1], ", ")+
		" FROM kpi_snapshots"+where+" ORDER BY value, currency, month_end"), args...)
	if err != nil {
		return nil, fmt.Errorf("snapshots: %w", err)
	}
	defer rows.Close()
	var out []Snapshot
	for rows.Next() {
		var sn Snapshot
		a := &sn.Aging
		var counts [NumSnapshotLines]int64
		dest := []any{&sn.EntityID, dateCol{&a.AsOf}, &sn.Dimension, &sn.Value, &a.Currency, &sn.Sales}
		lines := snapshotLines(a)
		for k, l := range lines {
			dest = append(dest, &l.Amount, &counts[k])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("snapshots: %w", err)
		}
		for k, l := range lines {
			l.Count = int(counts[k])
		}
		out = append(out, sn)
	}
	return out, rows.Err()
}

// NumSnapshotLines is the number of lines a snapshot keeps: the buckets,
// the credits and the disputed part.
const NumSnapshotLines = kpi.NumBuckets + 2

func snapshotLines(a *kpi.Aging) []*kpi.Line {
	out := make([]*kpi.Line, 0, NumSnapshotLines)
	for i := range a.Buckets {
		out = append(out, &a.Buckets[i])
	}
	return append(out, &a.Credits, &a.Disputed)
}

// SnapshotMonths returns the month ends the entity has snapshots of, oldest
// first,.
func (s *Store) SnapshotMonths(ctx context.Context, entityID int64) ([]ledger.Date, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT DISTINCT month_end FROM kpi_snapshots WHERE entity_id = ? AND dimension = ?
		ORDER BY month_end`), entityID, kpi.DimEntity)
	if err != nil {
		return nil, fmt.Errorf("snapshot months: %w", err)
	}
	defer rows.Close()
	var out []ledger.Date
	for rows.Next() {
		var d ledger.Date
		if err := rows.Scan(dateCol{&d}); err != nil {
			return nil, fmt.Errorf("snapshot months: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
