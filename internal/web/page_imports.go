package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// importsPage is the data of the import form and its result.
type importsPage struct {
	Page
	Kinds       []importKind
	Kind        string
	AllOrNone   bool
	Report      *app.ImportReport
	ExtraErrors int // rejected rows beyond the problems listed
}

// importKind is one choice of the kind select.
type importKind struct {
	Value, Label string
}

func (s *server) newImportsPage(r *http.Request) importsPage {
	p := importsPage{Page: s.newPage(r, "imports.title", "imports"), AllOrNone: true, Kind: string(csvfmt.Invoices)}
	for _, k := range csvfmt.Kinds() {
		p.Kinds = append(p.Kinds, importKind{Value: string(k), Label: p.T("imports." + string(k))})
	}
	p.Kinds = append(p.Kinds, importKind{Value: "ubl", Label: p.T("imports.ubl")})
	return p
}

// handleImportsPage shows the upload form.
func (s *server) handleImportsPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := s.newImportsPage(r)
		s.render(w, r, http.StatusOK, "imports", &p)
	})
}

// handleImportUpload imports an uploaded CSV file or UBL document and shows
// the report; 422 when rows were rejected and nothing was committed.
func (s *server) handleImportUpload() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := s.newImportsPage(r)
		p.Kind = r.PostFormValue("kind")
		p.AllOrNone = r.PostFormValue("all_or_nothing") != ""
		f, hdr, err := r.FormFile("file")
		if err != nil {
			s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "choose a file to import"))
			return
		}
		defer f.Close()
		opt := app.ImportOptions{AllOrNothing: p.AllOrNone}
		var rep app.ImportReport
		if p.Kind == "ubl" {
			rep, err = s.svc.ImportUBL(r.Context(), p.User, f, hdr.Filename, opt)
		} else {
			kind, kerr := csvfmt.ParseKind(p.Kind)
			if kerr != nil {
				s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "choose the kind of file"))
				return
			}
			rep, err = s.svc.ImportCSV(r.Context(), p.User, kind, f, hdr.Filename, opt)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		p.Report = &rep
		p.ExtraErrors = max(0, rep.Rejected-len(rep.Problems))
		status := http.StatusOK
		if !rep.Committed {
			status = http.StatusUnprocessableEntity
		}
		s.render(w, r, status, "imports", &p)
	})
}
