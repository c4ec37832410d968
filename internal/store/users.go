package store

import (
	"context"
	"fmt"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

const userCols = "id, username, name, email, role, language, all_entities, password_hash, disabled, created_at"

func (s *Store) scanUser(ctx context.Context, row interface{ Scan(...any) error }) (ledger.User, error) {
	var u ledger.User
	if err := row.Scan(&u.ID, &u.Username, &u.Name, &u.Email, &u.Role, &u.Language, &u.AllEntities,
		&u.PasswordHash, &u.Disabled, timeCol{&u.CreatedAt}); err != nil {
		return u, translate(err)
	}
	rows, err := s.read.QueryContext(ctx, s.q("SELECT entity_id FROM user_entities WHERE user_id = ? ORDER BY entity_id"), u.ID)
	if err != nil {
		return u, fmt.Errorf("user entities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return u, err
		}
		u.EntityIDs = append(u.EntityIDs, id)
	}
	return u, rows.Err()
}

// UserByName returns the user with the given username.
func (s *Store) UserByName(ctx context.Context, username string) (ledger.User, error) {
	u, err := s.scanUser(ctx, s.read.QueryRowContext(ctx, s.q("SELECT "+userCols+" FROM users WHERE username = ?"), username))
	if err != nil {
		return u, fmt.Errorf("user %q: %w", username, err)
	}
	return u, nil
}

// User returns the user with the given id.
func (s *Store) User(ctx context.Context, id int64) (ledger.User, error) {
	u, err := s.scanUser(ctx, s.read.QueryRowContext(ctx, s.q("SELECT "+userCols+" FROM users WHERE id = ?"), id))
	if err != nil {
		return u, fmt.Errorf("user %d: %w", id, err)
	}
	return u, nil
}

// Users lists all users by username.
func (s *Store) Users(ctx context.Context) ([]ledger.User, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT id FROM users ORDER BY username")
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	var out []ledger.User
	for _, id := range ids {
		u, err := s.User(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// SaveUser inserts the user, or updates the one with the same username,
// including its entity grants. It returns the user's id.
func (s *Store) SaveUser(ctx context.Context, u ledger.User) (int64, error) {
	var id int64
	err := s.Tx(ctx, func(tx *Tx) error {
		err := tx.queryRow("SELECT id FROM users WHERE username = ?", u.Username).Scan(&id)
		if err == nil {
			_, err = tx.exec(`UPDATE users SET name=?, email=?, role=?, language=?, all_entities=?, password_hash=?, disabled=?
				WHERE id=?`, u.Name, u.Email, u.Role, u.Language, u.AllEntities, u.PasswordHash, u.Disabled, id)
		} else {
			id, err = tx.insertID(`INSERT INTO users (username, name, email, role, language, all_entities, password_hash, disabled, created_at)
				VALUES (?,?,?,?,?,?,?,?,?)`, u.Username, u.Name, u.Email, u.Role, u.Language, u.AllEntities, u.PasswordHash, u.Disabled, ts(s.now()))
		}
		if err != nil {
			return fmt.Errorf("save user %s: %w", u.Username, err)
		}
		if _, err := tx.exec("DELETE FROM user_entities WHERE user_id = ?", id); err != nil {
			return err
		}
		for _, e := range u.EntityIDs {
			if _, err := tx.exec("INSERT INTO user_entities (user_id, entity_id) VALUES (?, ?)", id, e); err != nil {
				return fmt.Errorf("grant entity %d to %s: %w", e, u.Username, err)
			}
		}
		return nil
	})
	return id, err
}

// Session is a logged-in browser session.
type Session struct {
	UserID    int64
	CSRF      string
	ExpiresAt time.Time
}

// CreateSession stores a session under the hash of its token.
func (s *Store) CreateSession(ctx context.Context, tokenHash string, sess Session) error {
	_, err := s.db.ExecContext(ctx, s.q("INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?,?,?,?,?)"),
		tokenHash, sess.UserID, sess.CSRF, ts(s.now()), ts(sess.ExpiresAt))
	if err != nil {
		return fmt.Errorf("create session: %w", translate(err))
	}
	return nil
}

// SessionByHash returns an unexpired session.
func (s *Store) SessionByHash(ctx context.Context, tokenHash string) (Session, error) {
	var sess Session
	err := s.read.QueryRowContext(ctx, s.q("SELECT user_id, csrf, expires_at FROM sessions WHERE token_hash = ?"), tokenHash).
		Scan(&sess.UserID, &sess.CSRF, timeCol{&sess.ExpiresAt})
	if err != nil {
		return sess, fmt.Errorf("session: %w", translate(err))
	}
	if !sess.ExpiresAt.After(s.now()) {
		return sess, fmt.Errorf("session expired: %w", ledger.ErrNotFound)
	}
	return sess, nil
}

// DeleteSession ends a session (logout) and sweeps expired ones.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.db.ExecContext(ctx, s.q("DELETE FROM sessions WHERE token_hash = ? OR expires_at < ?"), tokenHash, ts(s.now()))
	if err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// CreateAPIToken stores a named API token for a user under its hash.
func (s *Store) CreateAPIToken(ctx context.Context, userID int64, name, tokenHash string) error {
	_, err := s.db.ExecContext(ctx, s.q("INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?,?,?,?)"),
		userID, name, tokenHash, ts(s.now()))
	if err != nil {
		return fmt.Errorf("create api token: %w", translate(err))
	}
	return nil
}

// UserByTokenHash returns the user owning an API token.
func (s *Store) UserByTokenHash(ctx context.Context, tokenHash string) (ledger.User, error) {
	var id int64
	if err := s.read.QueryRowContext(ctx, s.q("SELECT user_id FROM api_tokens WHERE token_hash = ?"), tokenHash).Scan(&id); err != nil {
		return ledger.User{}, fmt.Errorf("api token: %w", translate(err))
	}
	return s.User(ctx, id)
}
