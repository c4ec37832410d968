package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// maxBatchBody caps the body of an API batch import or UBL upload.
const maxBatchBody = 64 << 20

// handleAPIImport imports a JSON array of records of kind. Each object has
// the CSV column names of the kind as keys and strings (or numbers, taken
// by their exact text) as values. All or nothing unless
// ?all_or_nothing=false. 200 with the report when committed, 422 when
// rows were rejected and nothing was written.
func (s *server) handleAPIImport(kind csvfmt.Kind) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := requireContentType(r, "application/json"); err != nil {
			s.apiError(w, r, err)
			return
		}
		objects, err := decodeBatch(http.MaxBytesReader(w, r.Body, maxBatchBody))
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		opt := app.ImportOptions{AllOrNothing: r.URL.Query().Get("all_or_nothing") != "false"}
		rep, err := s.svc.ImportJSON(r.Context(), userFrom(r), kind, "api:"+string(kind), objects, opt)
		s.importResult(w, r, rep, err)
	})
}

// importResult answers with an import report: 200 when committed, 422 when not.
func (s *server) importResult(w http.ResponseWriter, r *http.Request, rep app.ImportReport, err error) {
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	status := http.StatusOK
	if !rep.Committed {
		status = http.StatusUnprocessableEntity
	}
	s.encode(w, status, rep)
}

// requireContentType rejects a body declared as anything but want (or,
// for XML, text/xml); a missing Content-Type is accepted.
func requireContentType(r *http.Request, want ...string) error {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil {
		for _, w := range want {
			if mt == w {
				return nil
			}
		}
	}
	return &ledger.Error{Kind: errUnsupportedMedia, Message: fmt.Sprintf("Content-Type must be %s", want[0])}
}

// decodeBatch reads a JSON array of flat objects into string maps. Numbers
// keep their exact text ("1234.50" stays "1234.50"), null is empty.
func decodeBatch(body io.Reader) ([]map[string]string, error) {
	dec := json.NewDecoder(body)
	dec.UseNumber()
	var raw []map[string]any
	if err := dec.Decode(&raw); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, err
		}
		return nil, ledger.Errorf(ledger.ErrInvalid, "the body must be a JSON array of objects: %s", jsonProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, ledger.Errorf(ledger.ErrInvalid, "the body must hold one JSON array and nothing after it")
	}
	out := make([]map[string]string, len(raw))
	for i, obj := range raw {
		if obj == nil {
			return nil, ledger.Errorf(ledger.ErrInvalid, "object %d: want an object, got null", i+1)
		}
		m := make(map[string]string, len(obj))
		for k, v := range obj {
			switch v := v.(type) {
			case string:
				m[k] = v
			case json.Number:
				m[k] = v.String()
			case nil:
				m[k] = ""
			default:
				return nil, ledger.Errorf(ledger.ErrInvalid, "object %d, field %q: want a string or a number", i+1, k)
			}
		}
		out[i] = m
	}
	return out, nil
}

// jsonProblem describes a JSON syntax or type error without internals.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("syntax error at byte %d", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("unexpected %s at byte %d", typ.Value, typ.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the body is empty or cut short"
	}
	return "cannot read it"
}
