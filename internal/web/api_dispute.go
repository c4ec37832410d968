package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// handleAPIDispute returns one dispute with its invoices, history and
// attachments (404 outside the caller's entities).
func (s *server) handleAPIDispute() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		s.writeDispute(w, r, http.StatusOK, id)
	})
}

// apiDisputeAction decodes the body of a POST on a dispute into a T, runs
// fn and answers with the dispute as it now is (fn returns the status).
func apiDisputeAction[T any](s *server, fn func(r *http.Request, u ledger.User, id int64, req T) (int, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		var req T
		if err := decodeBody(w, r, maxDisputeBody, &req); err != nil {
			s.apiError(w, r, err)
			return
		}
		status, err := fn(r, userFrom(r), id, req)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		s.writeDispute(w, r, status, id)
	})
}

// disputeStatusRequest is the body of POST /api/v1/disputes/{id}/status.
type disputeStatusRequest struct {
	Status string `json:"status"`
	Note   string `json:"note"`
}

// handleAPIDisputeStatus moves a dispute along its workflow (open,
// in_progress, waiting_customer); resolving goes through /resolve.
func (s *server) handleAPIDisputeStatus() http.Handler {
	return apiDisputeAction(s, func(r *http.Request, u ledger.User, id int64, req disputeStatusRequest) (int, error) {
		to := disputes.Status(req.Status)
		switch {
		case req.Status == "":
			return 0, ledger.Errorf(ledger.ErrInvalid, "status is required")
		case !to.Valid():
			return 0, ledger.Errorf(ledger.ErrInvalid, "status: must be one of %s", statusList())
		case to.Final():
			return 0, ledger.Errorf(ledger.ErrInvalid, "status: a dispute is %s through POST /api/v1/disputes/%d/resolve", to, id)
		}
		return http.StatusOK, s.svc.SetDisputeStatus(r.Context(), u, id, to, req.Note)
	})
}

// disputeCommentRequest is the body of POST /api/v1/disputes/{id}/comments.
type disputeCommentRequest struct {
	Text string `json:"text"`
}

// handleAPIDisputeComment adds a comment to a dispute's history.
func (s *server) handleAPIDisputeComment() http.Handler {
	return apiDisputeAction(s, func(r *http.Request, u ledger.User, id int64, req disputeCommentRequest) (int, error) {
		if strings.TrimSpace(req.Text) == "" {
			return 0, ledger.Errorf(ledger.ErrInvalid, "text is required")
		}
		return http.StatusCreated, s.svc.CommentDispute(r.Context(), u, id, req.Text)
	})
}

// disputeResolveRequest is the body of POST /api/v1/disputes/{id}/resolve.
type disputeResolveRequest struct {
	Resolution string      `json:"resolution"`
	Amount     decimalText `json:"amount"`
	CreditNote string      `json:"credit_note"`
	Note       string      `json:"note"`
}

// resolutions are the ways a dispute ends, as the API names them.
var resolutions = []string{store.ResolveCreditNote, store.ResolveCreditPending, store.ResolveWriteOff, store.ResolveRejected}

// handleAPIDisputeResolve resolves or rejects a dispute: 200 with the
// closed dispute, 202 when a write-off waits for a credit manager.
func (s *server) handleAPIDisputeResolve() http.Handler {
	return apiDisputeAction(s, func(r *http.Request, u ledger.User, id int64, req disputeResolveRequest) (int, error) {
		res := app.Resolution{Kind: req.Resolution, Ref: strings.TrimSpace(req.CreditNote), Note: req.Note}
		switch {
		case req.Resolution == "":
			return 0, ledger.Errorf(ledger.ErrInvalid, "resolution is required")
		case !slices.Contains(resolutions, req.Resolution):
			return 0, ledger.Errorf(ledger.ErrInvalid, "resolution: must be one of %s", strings.Join(resolutions, ", "))
		case req.Resolution == store.ResolveCreditNote && res.Ref == "":
			return 0, ledger.Errorf(ledger.ErrInvalid, "credit_note: the ERP's credit note number is required to resolve by credit_note")
		case req.Resolution != store.ResolveCreditNote && res.Ref != "":
			return 0, ledger.Errorf(ledger.ErrInvalid, "credit_note: only for resolution credit_note")
		case req.Resolution == store.ResolveRejected && req.Amount != "":
			return 0, ledger.Errorf(ledger.ErrInvalid, "amount: a rejection credits nothing")
		}
		if req.Amount != "" {
			d, err := s.svc.Dispute(r.Context(), u, id)
			if err != nil {
				return 0, err
			}
			if res.Amount, err = req.Amount.amount("amount", d.Currency); err != nil {
				return 0, err
			}
			if res.Amount <= 0 {
				return 0, ledger.Errorf(ledger.ErrInvalid, "amount: must be more than 0 (leave it out for the whole disputed amount)")
			}
		}
		pending, err := s.svc.ResolveDispute(r.Context(), u, id, res)
		if pending {
			return http.StatusAccepted, err
		}
		return http.StatusOK, err
	})
}
