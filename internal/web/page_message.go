package web

import (
	"cmp"
	"net/http"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// messagePage is the data of the mail viewer.
type messagePage struct {
	Page
	Msg       messageRow
	HasHTML   bool
	HasPDF    bool
	CanResend bool
	RunURL    string
	Notice    string
}

// bodyCSP is the policy of a message's HTML body: inline styles only, no
// scripts, forms or loads, in a sandbox, framed only by Kredo.
const bodyCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox"

// messagePageCSP is the page policy plus framing of Kredo's own pages,
// for the message body.
const messagePageCSP = pageCSP + "; frame-src 'self'"

// handleMessagePage shows one message: its headers, its HTML body in a
// sandboxed frame, its text and, for letters, a link to the PDF.
// /messages/{id}.pdf is the letter itself.
func (s *server) handleMessagePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.PathValue("id"), ".pdf") {
			s.serveMessagePDF(w, r)
			return
		}
		ctx := r.Context()
		p := s.newPage(r, "", "messages")
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		m, err := s.svc.Message(ctx, p.User, id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if p.Entities, err = s.svc.Entities(ctx, p.User); err != nil {
			s.pageError(w, r, err)
			return
		}
		found, _, err := s.svc.MessageRows(ctx, p.User, store.MessageFilter{ID: id, Limit: 1})
		if err != nil || len(found) != 1 {
			s.pageError(w, r, cmp.Or(err, error(ledger.ErrNotFound)))
			return
		}
		rows := messageRows(found)
		rows[0].Message = m // with its bodies
		p.Entity, p.Path = rows[0].EntityCode, "/messages"
		p.Title = m.Subject
		if p.Title == "" {
			p.Title = p.T("messages.message") + " " + strconv.FormatInt(m.ID, 10)
		}
		mp := messagePage{Page: p, Msg: rows[0], HasHTML: m.BodyHTML != "", HasPDF: len(m.PDF) > 0, Notice: notice(r, p),
			CanResend: p.User.CanWrite() && (m.Status == store.MsgFailed || m.Status == store.MsgUnknown)}
		if m.RunID != 0 {
			mp.RunURL = runURL(m.RunID)
		}
		if mp.HasHTML {
			w.Header().Set("Content-Security-Policy", messagePageCSP)
		}
		s.render(w, r, http.StatusOK, "message", &mp)
	})
}

// serveMessagePDF returns the PDF of a letter, shown in the browser.
func (s *server) serveMessagePDF(w http.ResponseWriter, r *http.Request) {
	raw := strings.TrimSuffix(r.PathValue("id"), ".pdf")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		s.pageError(w, r, ledger.ErrNotFound)
		return
	}
	m, err := s.svc.Message(r.Context(), userFrom(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if len(m.PDF) == 0 {
		s.pageError(w, r, ledger.Errorf(ledger.ErrNotFound, "message %d has no letter", id))
		return
	}
	writePDF(w, "letter-"+raw+".pdf", m.PDF)
}

// handleMessageBody serves a message's HTML body for the viewer's frame,
// under a policy that lets it style itself and nothing else.
func (s *server) handleMessageBody() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		m, err := s.svc.Message(r.Context(), userFrom(r), id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if m.BodyHTML == "" {
			s.pageError(w, r, ledger.Errorf(ledger.ErrNotFound, "message %d has no HTML body", id))
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", bodyCSP)
		h.Set("X-Frame-Options", "SAMEORIGIN")
		w.Write([]byte(m.BodyHTML))
	})
}

// handleMessageResend queues a failed message, or one whose delivery is
// unknown, again (controllers and up) and shows it.
func (s *server) handleMessageResend() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if err := s.svc.ResendMessage(r.Context(), userFrom(r), id); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, withDone("/messages/"+strconv.FormatInt(id, 10), "resent"), http.StatusSeeOther)
	})
}
