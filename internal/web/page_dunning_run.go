package web

import (
	"net/http"
	"strconv"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// runPage is the data of one dunning run's page.
type runPage struct {
	Page
	Run         store.Run
	EntityCode  string
	EntityName  string
	Levels      []levelRow
	Statuses    []statusCount // the run's messages per status
	ToPrint     int           // letters waiting to be printed
	MessagesURL string
	Notice      string
}

// statusCount is how many messages of a run have one status.
type statusCount struct {
	Status string
	Count  int
	URL    string
}

// Awaiting reports whether the run waits for approval.
func (p runPage) Awaiting() bool { return p.Run.Status == store.RunAwaitingApproval }

// handleRunPage shows a run: its status and counts, the levels of its
// summary, its messages per status and its letters to print. A run of an
// entity not granted to the user is not found.
func (s *server) handleRunPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		p := s.newPage(r, "", "dunning")
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		run, err := s.svc.Run(ctx, p.User, id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if p.Entities, err = s.svc.Entities(ctx, p.User); err != nil {
			s.pageError(w, r, err)
			return
		}
		e, _ := entityByID(p.Entities, run.EntityID)
		p.Entity, p.EntityRequired, p.Path = e.Code, true, "/dunning"
		p.Title = p.T("run.title") + " " + p.Date(run.Date)
		rp := runPage{Page: p, Run: run, EntityCode: e.Code, EntityName: e.Name, Levels: runLevels(run), Notice: notice(r, p),
			MessagesURL: "/messages?run=" + strconv.FormatInt(run.ID, 10)}
		for _, st := range msgStatuses {
			_, n, err := s.svc.Messages(ctx, p.User, store.MessageFilter{RunID: run.ID, Status: st, Limit: 1})
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			if n > 0 {
				rp.Statuses = append(rp.Statuses, statusCount{Status: st, Count: n, URL: rp.MessagesURL + "&status=" + st})
			}
			if st == store.MsgToPrint {
				rp.ToPrint = n
			}
		}
		s.render(w, r, http.StatusOK, "dunning_run", &rp)
	})
}

// handleRunApprove releases the held messages of a run waiting for
// approval (credit managers and admins) and shows the run again.
func (s *server) handleRunApprove() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if err := s.svc.ApproveRun(r.Context(), userFrom(r), id); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, withDone(runURL(id), "approved"), http.StatusSeeOther)
	})
}

// handleRunLetters returns the letters of a run waiting to be printed as
// one PDF, without marking them printed.
func (s *server) handleRunLetters() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		pdf, _, err := s.svc.PrintBatch(r.Context(), userFrom(r), id, false)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		writePDF(w, "run-"+strconv.FormatInt(id, 10)+"-letters.pdf", pdf)
	})
}

// handleRunLettersPrinted marks the letters of a run waiting to be printed
// as printed (controllers and up) and shows the run again.
func (s *server) handleRunLettersPrinted() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		u := userFrom(r)
		if !u.CanWrite() {
			s.pageError(w, r, ledger.Errorf(ledger.ErrForbidden, "your role (%s) may not change data", u.Role))
			return
		}
		if _, _, err := s.svc.PrintBatch(r.Context(), u, id, true); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, withDone(runURL(id), "printed"), http.StatusSeeOther)
	})
}

// writePDF sends a PDF to be shown in the browser. Its CSP allows no more
// than framing by Kredo: Chrome's PDF viewer is blocked by a stricter one.
func writePDF(w http.ResponseWriter, file string, pdf []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `inline; filename="`+file+`"`)
	h.Set("Content-Security-Policy", "frame-ancestors 'self'")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Content-Length", strconv.Itoa(len(pdf)))
	w.Write(pdf)
}
