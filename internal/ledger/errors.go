package ledger

import (
	"errors"
	"fmt"
)

// Sentinel errors that every layer understands; the web layer maps each to
// one HTTP status (see web/errors.go) and never shows wrapped internal text.
var (
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("conflict")
	ErrInvalid      = errors.New("invalid input")
	ErrForbidden    = errors.New("forbidden")
	ErrUnauthorized = errors.New("unauthorized")
)

// Error is an error with a message that is safe to show to a user. Kind is one
// of the sentinel errors above, so errors.Is(err, ErrInvalid) works.
type Error struct {
	Kind    error
	Message string
}

func (e *Error) Error() string { return e.Message }

// Unwrap lets errors.Is see the kind.
func (e *Error) Unwrap() error { return e.Kind }

// Errorf returns a user-facing error of the given kind.
func Errorf(kind error, format string, args ...any) error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// UserMessage returns the text that may be shown to a user for err: the
// message of an *Error, or a generic text for anything internal.
func UserMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	switch {
	case errors.Is(err, ErrNotFound):
		return "not found"
	case errors.Is(err, ErrForbidden):
		return "you do not have access to this"
	case errors.Is(err, ErrUnauthorized):
		return "please log in"
	case errors.Is(err, ErrConflict):
		return "this conflicts with existing data"
	case errors.Is(err, ErrInvalid):
		return "invalid input"
	}
	return "internal error"
}
