package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// schemeEditPage is the data of the scheme editor.
type schemeEditPage struct {
	Page
	EntityName string
	Currency   string
	Form       schemeForm
	Errors     []string
	Templates  []templateOption
	Action     string // where the form posts
}

// templateOption is one choice of a level's template select.
type templateOption struct {
	Value, Label string
}

// addLevels is how many rows "add level" adds.
const addLevels = 3

// newSchemeEditPage returns the editor of a scheme of entity e; only
// credit managers and admins may edit schemes.
func (s *server) newSchemeEditPage(p Page, e ledger.Entity, f schemeForm) (*schemeEditPage, error) {
	if !app.CanManageDunning(p.User) {
		return nil, ledger.Errorf(ledger.ErrForbidden, "only a credit manager may change dunning schemes")
	}
	p.Entity, p.EntityRequired, p.Path = e.Code, true, "/dunning/schemes"
	ep := &schemeEditPage{Page: p, EntityName: e.Name, Currency: e.Currency, Form: f, Action: "/dunning/schemes"}
	if f.ID != 0 {
		ep.Action += "/" + strconv.FormatInt(f.ID, 10)
		ep.Title = p.T("scheme.edit") + ": " + f.Name
	} else {
		ep.Title = p.T("scheme.new")
	}
	for _, name := range s.letters {
		ep.Templates = append(ep.Templates, templateOption{Value: name, Label: p.TemplateName(name)})
	}
	return ep, nil
}

// findScheme returns the scheme with id among the schemes of the entity
// chosen with ?entity= (or of every entity the user may see) and its entity.
func (s *server) findScheme(r *http.Request, p Page, id int64) (store.SchemeRecord, ledger.Entity, error) {
	code := r.URL.Query().Get("entity")
	if r.Method == http.MethodPost {
		code = r.PostFormValue("entity")
	}
	for _, e := range p.Entities {
		if code != "" && e.Code != code {
			continue
		}
		rs, err := s.svc.Schemes(r.Context(), p.User, e.ID)
		if err != nil {
			return store.SchemeRecord{}, e, err
		}
		for _, rec := range rs {
			if rec.ID == id {
				return rec, e, nil
			}
		}
	}
	return store.SchemeRecord{}, ledger.Entity{}, ledger.Errorf(ledger.ErrNotFound, "unknown scheme %d", id)
}

// handleSchemeNew shows the editor for a new scheme of an entity.
func (s *server) handleSchemeNew() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, e, err := s.entityPage(r, "scheme.new", "dunning")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		f := schemeForm{Priority: "50", MinGapDays: "5"}
		f.addBlank(blankLevels + 1)
		ep, err := s.newSchemeEditPage(p, e, f)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "scheme_edit", ep)
	})
}

// handleSchemeEdit shows the editor of a stored scheme, with empty rows
// for new levels.
func (s *server) handleSchemeEdit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, _, err := s.listPage(r, "", "dunning")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		rec, e, err := s.findScheme(r, p, id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		f := schemeFormOf(p.Lang, rec, e.Currency)
		f.addBlank(blankLevels)
		ep, err := s.newSchemeEditPage(p, e, f)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "scheme_edit", ep)
	})
}

// handleSchemeSave saves a new or changed scheme; with "add level" it shows
// the form again with more empty rows. Problems (a bad amount, levels out
// of order) are shown on the form with the input kept, status 422.
func (s *server) handleSchemeSave() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := s.newPage(r, "", "dunning")
		var err error
		if p.Entities, err = s.svc.Entities(r.Context(), p.User); err != nil {
			s.pageError(w, r, err)
			return
		}
		f := readSchemeForm(r)
		var e ledger.Entity
		var old store.SchemeRecord
		if r.PathValue("id") != "" {
			if f.ID, err = parseID(r, "id"); err == nil {
				old, e, err = s.findScheme(r, p, f.ID)
			}
		} else {
			e, err = s.formEntity(r)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		ep, err := s.newSchemeEditPage(p, e, f)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if r.PostFormValue("add") != "" {
			ep.Form.addBlank(addLevels)
			s.render(w, r, http.StatusOK, "scheme_edit", ep)
			return
		}
		rec, errs := f.record(p, e, s.letters)
		if len(errs) == 0 && f.ID == 0 {
			errs = s.nameTaken(r, p, e, f.Name)
		}
		if old.IsDefault && !f.IsDefault {
			errs = append(errs, p.T("scheme.err_default"))
		}
		if len(errs) == 0 {
			_, err = s.svc.SaveScheme(r.Context(), p.User, rec)
			var le *ledger.Error
			if err != nil && (errors.Is(err, ledger.ErrInvalid) || errors.Is(err, ledger.ErrConflict)) && errors.As(err, &le) {
				errs, err = []string{le.Message}, nil
			}
			if err != nil {
				s.pageError(w, r, err)
				return
			}
		}
		if len(errs) > 0 {
			ep.Errors = errs
			ep.Form.addBlank(blankLevels)
			s.render(w, r, http.StatusUnprocessableEntity, "scheme_edit", ep)
			return
		}
		http.Redirect(w, r, withDone("/dunning/schemes?entity="+url.QueryEscape(e.Code), "saved"), http.StatusSeeOther)
	})
}

// nameTaken refuses a new scheme with the name of an existing one (saving
// it would change that one).
func (s *server) nameTaken(r *http.Request, p Page, e ledger.Entity, name string) []string {
	rs, err := s.svc.Schemes(r.Context(), p.User, e.ID)
	if err != nil {
		return []string{ledger.UserMessage(err)}
	}
	for _, rec := range rs {
		if strings.EqualFold(rec.Scheme.Name, name) {
			return []string{p.T("scheme.err_taken")}
		}
	}
	return nil
}
