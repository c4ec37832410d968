package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/kredo-dev/kredo/internal/auth"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// SessionTTL is how long a web login lasts.
const SessionTTL = 12 * time.Hour

// NewUser describes a user to create or update.
type NewUser struct {
	Username    string
	Name        string
	Email       string
	Role        string
	Language    string
	Password    string
	AllEntities bool
	Entities    []string // entity codes
}

// SaveUser creates or updates a user (admin only), hashing the password
// with argon2id. Entities are granted by code.
func (s *Service) SaveUser(ctx context.Context, actor ledger.User, nu NewUser, params auth.Params) (ledger.User, error) {
	if err := requireAdmin(actor); err != nil {
		return ledger.User{}, err
	}
	nu.Username = strings.TrimSpace(nu.Username)
	if nu.Username == "" || strings.ContainsAny(nu.Username, " \t/") {
		return ledger.User{}, ledger.Errorf(ledger.ErrInvalid, "username %q: use letters, digits, dots or dashes", nu.Username)
	}
	if !ledger.ValidRole(nu.Role) {
		return ledger.User{}, ledger.Errorf(ledger.ErrInvalid, "role %q: use admin, credit_manager, credit_controller or viewer", nu.Role)
	}
	if nu.Language == "" {
		nu.Language = "en"
	}
	if nu.Language != "en" && nu.Language != "nl" {
		return ledger.User{}, ledger.Errorf(ledger.ErrInvalid, "language %q: use en or nl", nu.Language)
	}
	hash, err := auth.HashPassword(nu.Password, params)
	if err != nil {
		return ledger.User{}, ledger.Errorf(ledger.ErrInvalid, "%s", err.Error())
	}
	u := ledger.User{Username: nu.Username, Name: nu.Name, Email: nu.Email, Role: nu.Role, Language: nu.Language,
		AllEntities: nu.AllEntities, PasswordHash: hash}
	for _, code := range nu.Entities {
		e, err := s.store.EntityByCode(ctx, code)
		if err != nil {
			if errors.Is(err, ledger.ErrNotFound) {
				return ledger.User{}, ledger.Errorf(ledger.ErrInvalid, "unknown entity %q", code)
			}
			return ledger.User{}, err
		}
		u.EntityIDs = append(u.EntityIDs, e.ID)
	}
	id, err := s.store.SaveUser(ctx, u)
	if err != nil {
		return ledger.User{}, err
	}
	u.ID = id
	s.log.Info("user saved", "user", u.Username, "role", u.Role, "by", actor.Username)
	return u, nil
}

// Users lists all users (admin only).
func (s *Service) Users(ctx context.Context, actor ledger.User) ([]ledger.User, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	return s.store.Users(ctx)
}

// Login checks a username and password and opens a session. It returns the
// session token for the cookie and the session's CSRF token.
func (s *Service) Login(ctx context.Context, username, password string) (token string, sess store.Session, u ledger.User, err error) {
	u, err = s.store.UserByName(ctx, username)
	if err != nil && !errors.Is(err, ledger.ErrNotFound) {
		return "", sess, u, err
	}
	if err != nil || u.Disabled || !auth.CheckPassword(u.PasswordHash, password) {
		if err != nil {
			auth.CheckPassword(dummyHash(), password) // same work for unknown users
		}
		s.log.Warn("login failed", "user", username)
		return "", sess, ledger.User{}, ledger.Errorf(ledger.ErrUnauthorized, "wrong username or password")
	}
	token = auth.NewToken("")
	sess = store.Session{UserID: u.ID, CSRF: auth.NewToken(""), ExpiresAt: s.now().Add(SessionTTL)}
	if err := s.store.CreateSession(ctx, auth.HashToken(token), sess); err != nil {
		return "", sess, u, err
	}
	s.log.Info("login", "user", u.Username)
	return token, sess, u, nil
}

// dummyHash makes a failed login for an unknown user as slow as for a known one.
var dummyHash = sync.OnceValue(func() string {
	h, _ := auth.HashPassword("not a real password", auth.DefaultParams)
	return h
})

// SessionUser returns the user and session of a session token.
func (s *Service) SessionUser(ctx context.Context, token string) (ledger.User, store.Session, error) {
	sess, err := s.store.SessionByHash(ctx, auth.HashToken(token))
	if err != nil {
		return ledger.User{}, sess, fmt.Errorf("%w: %w", ledger.ErrUnauthorized, err)
	}
	u, err := s.store.User(ctx, sess.UserID)
	if err != nil || u.Disabled {
		return ledger.User{}, sess, fmt.Errorf("%w: session user", ledger.ErrUnauthorized)
	}
	return u, sess, nil
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.store.DeleteSession(ctx, auth.HashToken(token))
}

// CreateAPIToken makes a new API token for a user (admin only) and returns
// it; only its hash is stored, so it is shown once.
func (s *Service) CreateAPIToken(ctx context.Context, actor ledger.User, username, name string) (string, error) {
	if err := requireAdmin(actor); err != nil {
		return "", err
	}
	u, err := s.store.UserByName(ctx, username)
	if err != nil {
		return "", err
	}
	tok := auth.NewToken("kr_")
	if err := s.store.CreateAPIToken(ctx, u.ID, name, auth.HashToken(tok)); err != nil {
		return "", err
	}
	return tok, nil
}

// TokenUser returns the user of an API token.
func (s *Service) TokenUser(ctx context.Context, token string) (ledger.User, error) {
	u, err := s.store.UserByTokenHash(ctx, auth.HashToken(token))
	if err != nil || u.Disabled {
		return ledger.User{}, fmt.Errorf("%w: api token", ledger.ErrUnauthorized)
	}
	return u, nil
}
