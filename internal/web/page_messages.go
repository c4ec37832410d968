package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// messagesPage is the data of the outbox list.
type messagesPage struct {
	Page
	Channel, Status string
	Run, Customer   int64
	Channels        []string
	Statuses        []string
	Rows            []messageRow
	Total           int
	Pager           pager
	CSVURL          string
	MailConfigured  bool
}

// messageRow is a message of the list with what it is about.
type messageRow struct {
	store.Message
	EntityCode     string
	CustomerNumber string
	CustomerName   string
	Level          string // "2. Second reminder"; "" for a message without an action
}

// messageFilter reads the outbox filters shared by the page, the CSV
// export and the API: channel, status, run and customer.
func messageFilter(r *http.Request, e ledger.Entity, runParam, customerParam string) (store.MessageFilter, error) {
	q := r.URL.Query()
	f := store.MessageFilter{EntityID: e.ID, Channel: q.Get("channel"), Status: q.Get("status")}
	if f.Channel != "" && !slices.Contains(msgChannels, f.Channel) {
		return f, ledger.Errorf(ledger.ErrInvalid, "unknown channel %q", f.Channel)
	}
	if f.Status != "" && !slices.Contains(msgStatuses, f.Status) {
		return f, ledger.Errorf(ledger.ErrInvalid, "unknown message status %q", f.Status)
	}
	var err error
	if f.RunID, err = queryID(r, runParam); err != nil {
		return f, err
	}
	f.CustomerID, err = queryID(r, customerParam)
	return f, err
}

// handleMessagesPage lists the outbox newest first, 50 per page, filtered
// by entity, channel, status, run and customer.
func (s *server) handleMessagesPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, e, err := s.listPage(r, "messages.title", "messages")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		f, err := messageFilter(r, e, "run", "customer")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		n := pageNumber(r, "page")
		f.Offset, f.Limit = (n-1)*perPage, perPage
		ms, total, err := s.svc.MessageRows(r.Context(), p.User, f)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		mp := messagesPage{Page: p, Channel: f.Channel, Status: f.Status, Run: f.RunID, Customer: f.CustomerID,
			Channels: msgChannels, Statuses: msgStatuses, Total: total, Pager: newPager(r.URL, "page", n, total, false),
			CSVURL: exportURL("/messages.csv", r.URL), MailConfigured: s.mail}
		mp.Rows = messageRows(ms)
		s.render(w, r, http.StatusOK, "messages", &mp)
	})
}

// messageRows turns the store's rows (message, customer and level, read
// in one query) into the list's rows.
func messageRows(ms []store.MessageRow) []messageRow {
	out := make([]messageRow, 0, len(ms))
	for _, m := range ms {
		row := messageRow{Message: m.Message, EntityCode: m.EntityCode, CustomerNumber: m.CustomerNumber, CustomerName: m.CustomerName}
		if m.Level != 0 {
			row.Level = strconv.Itoa(m.Level) + ". " + m.LevelName
		}
		out = append(out, row)
	}
	return out
}
