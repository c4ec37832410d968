package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// errUnsupportedMedia marks a request body of the wrong media type.
var errUnsupportedMedia = errors.New("unsupported media type")

// errorStatuses is the one table from the ledger's error kinds to HTTP
// statuses; anything not listed is a 500 with a generic message.
var errorStatuses = []struct {
	kind   error
	status int
}{
	{ledger.ErrNotFound, http.StatusNotFound},
	{ledger.ErrInvalid, http.StatusBadRequest},
	{ledger.ErrForbidden, http.StatusForbidden},
	{ledger.ErrUnauthorized, http.StatusUnauthorized},
	{ledger.ErrConflict, http.StatusConflict},
	{errUnsupportedMedia, http.StatusUnsupportedMediaType},
}

// statusOf returns the HTTP status for err.
func statusOf(err error) int {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return http.StatusRequestEntityTooLarge
	}
	for _, e := range errorStatuses {
		if errors.Is(err, e.kind) {
			return e.status
		}
	}
	return http.StatusInternalServerError
}

// userMessage is the text a user may see for err: never internal details.
func userMessage(err error, status int) string {
	if status == http.StatusRequestEntityTooLarge {
		return "the request body is too large"
	}
	return ledger.UserMessage(err)
}

// logError logs the real error behind a response: server errors loudly,
// client errors for debugging.
func (s *server) logError(r *http.Request, status int, err error) {
	level := levelFor(status)
	if status < 500 {
		level = slog.LevelDebug
	}
	s.log.Log(r.Context(), level, "request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
}

// apiErrorBody is the JSON body of every API error.
type apiErrorBody struct {
	Error string `json:"error"`
}

// apiError answers an API request with the status and message for err.
func (s *server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	s.logError(r, status, err)
	s.encode(w, status, apiErrorBody{Error: userMessage(err, status)})
}

// pageError answers a page request with an error page; an unauthorized
// request is sent to the login page instead.
func (s *server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	if status == http.StatusUnauthorized {
		s.redirectToLogin(w, r)
		return
	}
	s.logError(r, status, err)
	p := s.newPage(r, "", "")
	ep := errorPage{Page: p, Status: status, Heading: p.T(statusKey(status))}
	var le *ledger.Error
	switch {
	case err == errBadCSRF:
		ep.Message = p.T("err.csrf")
	case errors.As(err, &le):
		ep.Message = le.Message // written for users
	}
	ep.Title = ep.Heading
	s.render(w, r, status, "error", &ep)
}

// errorPage is the data of the error page.
type errorPage struct {
	Page
	Status  int
	Heading string
	Message string
}

// statusKey names the translation of a status's heading.
func statusKey(status int) string {
	switch status {
	case http.StatusNotFound:
		return "err.not_found"
	case http.StatusForbidden:
		return "err.forbidden"
	case http.StatusBadRequest:
		return "err.invalid"
	case http.StatusConflict:
		return "err.conflict"
	case http.StatusRequestEntityTooLarge:
		return "err.too_large"
	}
	return "err.internal"
}

// handleNotFoundPage answers every page path no route matches.
func (s *server) handleNotFoundPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, ledger.ErrNotFound)
	})
}

// handleAPINotFound answers every /api/ path no route matches.
func (s *server) handleAPINotFound() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.apiError(w, r, ledger.Errorf(ledger.ErrNotFound, "no such API route: %s %s", r.Method, r.URL.Path))
	})
}
