package web

import (
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/store"
)

// templatesPage is the data of the list of message templates: every
// template in every language, edited or the default.
type templatesPage struct {
	Page
	Languages []string
	Rows      []templateRow
}

// templateRow is one template with its state per language.
type templateRow struct {
	Name  string
	Label string
	Cells []templateCell
}

// templateCell is one template in one language.
type templateCell struct {
	Lang      string
	URL       string
	Edited    bool
	UpdatedBy string
	UpdatedAt time.Time
}

// templateURL is the editor of a template in a language.
func templateURL(lang, name string) string {
	return "/dunning/templates/" + url.PathEscape(lang) + "/" + url.PathEscape(name)
}

// templateNames are the templates the editor offers: the letters in
// scheme order, then the shared text blocks.
func templateNames(t *comms.Templates) []string { return append(t.Names(), comms.Common) }

// templatePage returns the base page of the template pages: they hold for
// every entity, so the entity switcher is left out, but a chosen entity
// stays in the navigation links.
func (s *server) templatePage(r *http.Request, titleKey string) (Page, error) {
	p, _, err := s.listPage(r, titleKey, "dunning")
	p.Entities, p.Path = nil, "/dunning/templates"
	return p, err
}

// handleTemplatesPage lists the message templates per language, with who
// edited which and when.
func (s *server) handleTemplatesPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := s.templatePage(r, "tpled.title")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		t, err := s.svc.Templates(r.Context())
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		edits, err := s.svc.TemplateEdits(r.Context())
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		tp := templatesPage{Page: p, Languages: t.Languages()}
		for _, name := range templateNames(t) {
			row := templateRow{Name: name, Label: p.TemplateName(name)}
			for _, lang := range tp.Languages {
				cell := templateCell{Lang: lang, URL: templateURL(lang, name)}
				if ed, ok := findEdit(edits, lang, name); ok {
					cell.Edited, cell.UpdatedBy, cell.UpdatedAt = true, ed.UpdatedBy, ed.UpdatedAt
				}
				row.Cells = append(row.Cells, cell)
			}
			tp.Rows = append(tp.Rows, row)
		}
		s.render(w, r, http.StatusOK, "msg_templates", &tp)
	})
}

// findEdit returns the operator's edit of a template in a language.
func findEdit(edits []store.TemplateText, lang, name string) (store.TemplateText, bool) {
	i := slices.IndexFunc(edits, func(e store.TemplateText) bool { return e.Language == lang && e.Name == name })
	if i < 0 {
		return store.TemplateText{}, false
	}
	return edits[i], true
}
