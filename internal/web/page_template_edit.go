package web

import (
	"errors"
	"html"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// templateEditPage is the data of the template editor: the text of one
// template in one language, help on what a template may use, and the
// e-mail a sample letter becomes.
type templateEditPage struct {
	Page
	Lang, Name string
	Label      string // the template's name in the page's language
	Others     []templateCell
	HasSubject bool // the shared blocks have no subject
	Subject    string
	Body       string
	Edit       *store.TemplateText // the stored edit; nil for the default text
	Error      string
	Preview    *templatePreview
	PreviewOf  string // the letter the preview shows
	Action     string
	Notice     string
}

// templatePreview is a sample letter rendered as an e-mail.
type templatePreview struct {
	Subject string
	// Srcdoc is the frame's srcdoc attribute: the e-mail's HTML part,
	// escaped as an attribute value. (html/template would strip the tags
	// of HTML in an attribute.) comms escapes every text in the e-mail.
	Srcdoc template.HTMLAttr
	Text   string
}

// editorCSP is the editor's policy: the page's, plus the inline style
// attributes of the e-mail in the preview frame (a srcdoc frame inherits
// the page's policy). Scripts, loads and <style> elements stay forbidden.
const editorCSP = pageCSP + "; style-src-attr 'unsafe-inline'"

// loadTemplateEditor reads the template of the request's path: the text in
// force, the stored edit and the other languages. An unknown language or
// name is not found.
func (s *server) loadTemplateEditor(r *http.Request) (*templateEditPage, *comms.Templates, error) {
	p, err := s.templatePage(r, "")
	if err != nil {
		return nil, nil, err
	}
	lang, name := r.PathValue("lang"), r.PathValue("name")
	t, err := s.svc.Templates(r.Context())
	if err != nil {
		return nil, nil, err
	}
	if !slices.Contains(t.Languages(), lang) || !slices.Contains(templateNames(t), name) {
		return nil, nil, ledger.Errorf(ledger.ErrNotFound, "no template %s in %q", name, lang)
	}
	edits, err := s.svc.TemplateEdits(r.Context())
	if err != nil {
		return nil, nil, err
	}
	ep := &templateEditPage{Page: p, Lang: lang, Name: name, Label: p.TemplateName(name), HasSubject: name != comms.Common,
		Action: templateURL(lang, name), PreviewOf: name}
	ep.Title = ep.Label + " (" + lang + ")"
	if name == comms.Common {
		ep.PreviewOf = comms.Friendly
	}
	if ed, ok := findEdit(edits, lang, name); ok {
		ep.Edit = &ed
	}
	for _, l := range t.Languages() {
		c := templateCell{Lang: l, URL: templateURL(l, name)}
		_, c.Edited = findEdit(edits, l, name)
		ep.Others = append(ep.Others, c)
	}
	ep.Subject, ep.Body = t.Source(lang, name)
	return ep, t, nil
}

// CanEdit reports whether the user may change the texts: credit managers
// and admins.
func (p templateEditPage) CanEdit() bool { return p.CanManage() }

// preview renders the sample letter with the page's text in t; a text
// that does not parse or render gives the error instead.
func (ep *templateEditPage) preview(t *comms.Templates, override bool) error {
	if override {
		if err := t.Override(ep.Lang, ep.Name, ep.Subject, ep.Body); err != nil {
			return err
		}
	}
	m, err := t.Email(comms.Sample(ep.PreviewOf, ep.Lang))
	if err != nil {
		return err
	}
	ep.Preview = &templatePreview{Subject: m.Subject, Srcdoc: template.HTMLAttr(`srcdoc="` + html.EscapeString(m.HTML) + `"`), Text: m.Text}
	return nil
}

// renderEditor writes the editor; with a preview it allows the e-mail's
// inline styles.
func (s *server) renderEditor(w http.ResponseWriter, r *http.Request, status int, ep *templateEditPage) {
	if ep.Preview != nil {
		w.Header().Set("Content-Security-Policy", editorCSP)
	}
	s.render(w, r, status, "msg_template", ep)
}

// handleTemplateEdit shows a template's text in force, with the preview
// of a sample letter. Every user may read it; managers edit.
func (s *server) handleTemplateEdit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ep, t, err := s.loadTemplateEditor(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		ep.Notice = notice(r, ep.Page)
		if err := ep.preview(t, false); err != nil {
			ep.Error = ledger.UserMessage(err)
		}
		s.renderEditor(w, r, http.StatusOK, ep)
	})
}

// handleTemplateSave acts on the posted text: action=preview renders it
// without saving, save stores it, restore brings back the default. A text
// that does not parse or render is shown with its error (naming the line)
// and kept, status 422. Only managers and admins save or restore.
func (s *server) handleTemplateSave() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ep, t, err := s.loadTemplateEditor(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		ep.Body = strings.ReplaceAll(r.PostFormValue("body"), "\r\n", "\n")
		ep.Subject = ""
		if ep.HasSubject {
			ep.Subject = strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("subject"), "\r\n", "\n"))
		}
		var problem error
		switch action := r.PostFormValue("action"); action {
		case "preview":
			problem = ep.preview(t, true)
		case "save", "restore":
			if !ep.CanEdit() {
				s.pageError(w, r, ledger.Errorf(ledger.ErrForbidden, "only a credit manager may change the texts customers receive"))
				return
			}
			body := ep.Body
			if action == "restore" {
				body = ""
			} else if strings.TrimSpace(body) == "" {
				problem = ledger.Errorf(ledger.ErrInvalid, "%s", ep.T("tpled.err_empty"))
				break
			}
			err := s.svc.SaveTemplate(r.Context(), ep.User, ep.Lang, ep.Name, ep.Subject, body)
			if errors.Is(err, ledger.ErrInvalid) {
				problem = err
				break
			}
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			done := "saved"
			if action == "restore" {
				done = "restored"
			}
			http.Redirect(w, r, withDone(ep.Action+ep.EntityQuery(), done), http.StatusSeeOther)
			return
		default:
			s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "unknown action %q: want preview, save or restore", action))
			return
		}
		if problem != nil {
			var le *ledger.Error
			if !errors.As(problem, &le) || !errors.Is(problem, ledger.ErrInvalid) {
				s.pageError(w, r, problem)
				return
			}
			ep.Error, ep.Preview = le.Message, nil
			s.renderEditor(w, r, http.StatusUnprocessableEntity, ep)
			return
		}
		s.renderEditor(w, r, http.StatusOK, ep)
	})
}
