package store

import (
	"context"
	"fmt"
	"time"
)

// ImportRun is one import of a file (or API batch), with its counts.
type ImportRun struct {
	ID         int64
	Kind       string
	File       string
	Username   string
	StartedAt  time.Time
	FinishedAt time.Time
	Status     string // running, done, rejected, failed
	Inserted   int
	Updated    int
	Unchanged  int
	Rejected   int
}

// StartImport records the start of an import and returns its id. It is
// written outside the import's own transaction, so a failed import still
// leaves its trace.
func (s *Store) StartImport(ctx context.Context, kind, file, username string) (int64, error) {
	var id int64
	err := s.Tx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.insertID("INSERT INTO imports (kind, file, username, started_at) VALUES (?,?,?,?)", kind, file, username, ts(s.now()))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("start import: %w", err)
	}
	return id, nil
}

// FinishImport records the outcome of an import.
func (s *Store) FinishImport(ctx context.Context, r ImportRun) error {
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE imports SET finished_at=?, status=?, inserted=?, updated=?, unchanged=?, rejected=?
		WHERE id=?`), ts(s.now()), r.Status, r.Inserted, r.Updated, r.Unchanged, r.Rejected, r.ID)
	if err != nil {
		return fmt.Errorf("finish import: %w", err)
	}
	return nil
}

// Imports lists the most recent imports, newest first.
func (s *Store) Imports(ctx context.Context, limit int) ([]ImportRun, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, kind, file, username, started_at, finished_at, status, inserted, updated,
		unchanged, rejected FROM imports ORDER BY id DESC`+limitClause(0, limit)))
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	defer rows.Close()
	var out []ImportRun
	for rows.Next() {
		var r ImportRun
		if err := rows.Scan(&r.ID, &r.Kind, &r.File, &r.Username, timeCol{&r.StartedAt}, timeCol{&r.FinishedAt}, &r.Status,
			&r.Inserted, &r.Updated, &r.Unchanged, &r.Rejected); err != nil {
			return nil, fmt.Errorf("list imports: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
