package web

import (
	"io"
	"net/http"
	"strings"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// disputeAction handles a form posted on a dispute's page: fn does the
// action; the page is shown again with a notice.
func (s *server) disputeAction(notice string, fn func(r *http.Request, u ledger.User, id int64) (string, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		done, err := fn(r, userFrom(r), id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, withDone(disputeURL(id), cmpStr(done, notice)), http.StatusSeeOther)
	})
}

func cmpStr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// handleDisputeComment adds a comment to the history.
func (s *server) handleDisputeComment() http.Handler {
	return s.disputeAction("comment", func(r *http.Request, u ledger.User, id int64) (string, error) {
		return "", s.svc.CommentDispute(r.Context(), u, id, r.PostFormValue("comment"))
	})
}

// handleDisputeStatus moves the dispute along its workflow.
func (s *server) handleDisputeStatus() http.Handler {
	return s.disputeAction("status", func(r *http.Request, u ledger.User, id int64) (string, error) {
		return "", s.svc.SetDisputeStatus(r.Context(), u, id, disputes.Status(r.PostFormValue("status")), r.PostFormValue("note"))
	})
}

// handleDisputeReassign gives the dispute another owner or priority.
func (s *server) handleDisputeReassign() http.Handler {
	return s.disputeAction("reassign", func(r *http.Request, u ledger.User, id int64) (string, error) {
		return "", s.svc.ReassignDispute(r.Context(), u, id, app.Reassignment{Queue: r.PostFormValue("queue"),
			Assignee: strings.TrimSpace(r.PostFormValue("assignee")), Priority: disputes.Priority(r.PostFormValue("priority")),
			Note: r.PostFormValue("note")})
	})
}

// handleDisputeResolve resolves or rejects the dispute.
func (s *server) handleDisputeResolve() http.Handler {
	return s.disputeAction("resolved", func(r *http.Request, u ledger.User, id int64) (string, error) {
		var amount int64
		if a := strings.TrimSpace(r.PostFormValue("amount")); a != "" {
			d, err := s.svc.Dispute(r.Context(), u, id)
			if err != nil {
				return "", err
			}
			if amount, err = parseFormAmount(uiLang(u), a, d.Currency); err != nil {
				return "", ledger.Errorf(ledger.ErrInvalid, "%q is not an amount", a)
			}
		}
		pending, err := s.svc.ResolveDispute(r.Context(), u, id, app.Resolution{Kind: r.PostFormValue("resolution"), Amount: amount,
			Ref: r.PostFormValue("ref"), Note: r.PostFormValue("note")})
		if pending {
			return "approval", err
		}
		return "", err
	})
}

// handleDisputeApprove approves a write-off waiting for a credit manager.
func (s *server) handleDisputeApprove() http.Handler {
	return s.disputeAction("resolved", func(r *http.Request, u ledger.User, id int64) (string, error) {
		return "", s.svc.ApproveWriteOff(r.Context(), u, id)
	})
}

// handleDisputeAttach stores an uploaded file with the dispute.
func (s *server) handleDisputeAttach() http.Handler {
	return s.disputeAction("attached", func(r *http.Request, u ledger.User, id int64) (string, error) {
		f, h, err := r.FormFile("file")
		if err != nil {
			return "", ledger.Errorf(ledger.ErrInvalid, "choose a file to attach")
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, app.MaxAttachment+1))
		if err != nil {
			return "", ledger.Errorf(ledger.ErrInvalid, "the file could not be read")
		}
		_, err = s.svc.AttachToDispute(r.Context(), u, id, h.Filename, h.Header.Get("Content-Type"), data)
		return "", err
	})
}

// handleDisputeAttachment sends an attachment as a download.
func (s *server) handleDisputeAttachment() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		aid, err := parseID(r, "aid")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		a, err := s.svc.DisputeAttachment(r.Context(), userFrom(r), id, aid)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", `attachment; filename="`+strings.NewReplacer(`"`, "", "\n", "", "\r", "").Replace(a.Filename)+`"`)
		w.Write(a.Data)
	})
}
