package web

import (
	"encoding/csv"
	"net/http"

	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
)

// csvOut is a CSV export in progress: it knows whether bytes reached the
// client, because after that an error can no longer become an error page.
type csvOut struct {
	*csvfmt.Writer
	w *trackingWriter
}

// trackingWriter sets the download headers on the first write.
type trackingWriter struct {
	w       http.ResponseWriter
	started bool
	start   func()
}

// Write sets the headers before the first bytes go out.
func (t *trackingWriter) Write(b []byte) (int, error) {
	if !t.started {
		t.started = true
		t.start()
	}
	return t.w.Write(b)
}

// startCSV prepares a streaming CSV download named file.
func startCSV(w http.ResponseWriter, file string, kind csvfmt.Kind) *csvOut {
	tw := &trackingWriter{w: w, start: func() {
		h := w.Header()
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+file+`"`)
		h.Set("Cache-Control", "no-store")
	}}
	return &csvOut{Writer: csvfmt.NewWriter(tw, kind), w: tw}
}

// finishCSV flushes the export. An error before the first byte becomes an
// error page; a later one aborts the connection, so the client sees a
// failed download rather than a silently truncated file.
func (s *server) finishCSV(w http.ResponseWriter, r *http.Request, c *csvOut, err error) {
	if err == nil {
		err = c.Flush()
	}
	if err == nil {
		return
	}
	if !c.w.started {
		s.pageError(w, r, err)
		return
	}
	s.log.Error("csv export aborted", "path", r.URL.Path, "err", err)
	panic(http.ErrAbortHandler)
}

// plainCSV starts a CSV download of a list that is not a ledger format
// (the worklist, reports): plain encoding/csv with the download headers.
func plainCSV(w http.ResponseWriter, file string) *csv.Writer {
	return csv.NewWriter(&trackingWriter{w: w, start: func() {
		h := w.Header()
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+file+`"`)
		h.Set("Cache-Control", "no-store")
	}})
}
