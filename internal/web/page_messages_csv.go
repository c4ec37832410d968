package web

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// messageColumns are the columns of the messages export, the same as
// `kredo export messages`.
var messageColumns = []string{"id", "entity", "customer_number", "customer_name", "run_date", "level", "level_name", "channel", "to",
	"subject", "items", "currency", "total", "interest", "costs", "status", "attempts", "last_error", "created_at", "sent_at"}

// messageRecord is one message as a row of the export.
func messageRecord(r store.MessageRow) []string {
	sent := ""
	if !r.SentAt.IsZero() {
		sent = r.SentAt.Format(time.RFC3339)
	}
	return []string{strconv.FormatInt(r.ID, 10), r.EntityCode, r.CustomerNumber, r.CustomerName, r.RunDate.String(),
		strconv.Itoa(r.Level), r.LevelName, r.Channel, r.ToAddress, r.Subject, r.Items, r.Currency,
		ledger.FormatAmount(r.Total, r.Currency), ledger.FormatAmount(r.Interest, r.Currency), ledger.FormatAmount(r.Costs, r.Currency),
		r.Status, strconv.Itoa(r.Attempts), r.LastError, r.CreatedAt.Format(time.RFC3339), sent}
}

// handleMessagesCSV streams the messages of the list's filters, oldest
// first, in the columns of `kredo export messages`.
func (s *server) handleMessagesCSV() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, e, err := s.listPage(r, "", "")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		f, err := messageFilter(r, e, "run", "customer")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		tw := &trackingWriter{w: w, start: func() {
			h := w.Header()
			h.Set("Content-Type", "text/csv; charset=utf-8")
			h.Set("Content-Disposition", `attachment; filename="messages.csv"`)
		}}
		cw := csv.NewWriter(tw)
		err = cw.Write(messageColumns)
		if err == nil {
			err = s.svc.EachMessageRow(r.Context(), userFrom(r), f, func(m store.MessageRow) error {
				return cw.Write(messageRecord(m))
			})
		}
		if err == nil {
			cw.Flush()
			err = cw.Error()
		}
		if err != nil {
			if !tw.started {
				s.pageError(w, r, err)
				return
			}
			s.log.Error("csv export aborted", "path", r.URL.Path, "err", err)
			panic(http.ErrAbortHandler)
		}
	})
}
