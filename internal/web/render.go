package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageNames lists the page templates; each defines "content" for the layout.
var pageNames = []string{"login", "customers", "customer", "invoices", "payments", "imports", "error",
	"dunning", "dunning_run", "schemes", "scheme_edit", "messages", "message", "calculator", "msg_templates", "msg_template",
	"worklist", "worklist_rules", "dashboard", "bank", "disputes", "dispute", "dispute_new", "dispute_rules", "dispute_report"}

// pageParts are the further files a page's template is made of.
var pageParts = map[string][]string{"customer": {"customer_work"}}

// templates holds one parsed template set per page.
type templates struct {
	pages map[string]*template.Template
}

// loadTemplates parses the embedded templates; they are part of the binary,
// so a parse error is a bug and panics (a test catches it).
func loadTemplates(st *staticFiles) *templates {
	funcs := template.FuncMap{"static": st.url, "add": func(a, b int) int { return a + b }, "dateOf": ledger.DateOf}
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html"))
	t := &templates{pages: map[string]*template.Template{}}
	for _, name := range pageNames {
		files := []string{"templates/" + name + ".html"}
		for _, part := range pageParts[name] {
			files = append(files, "templates/"+part+".html")
		}
		t.pages[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, files...))
	}
	return t
}

// render executes a page template into a buffer, so a failing template
// never leaves half a page, and writes it with status.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t, ok := s.tmpl.pages[name]
	if !ok {
		s.log.Error("render: unknown template", "template", name)
		http.Error(w, "Internal server error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render", "template", name, "path", r.URL.Path, "err", err)
		http.Error(w, "Internal server error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// Page is the part of every page's data the layout uses; each page's
// struct embeds it.
type Page struct {
	Title    string
	Nav      string // the active navigation item
	Lang     string // "en" or "nl"
	User     ledger.User
	CSRF     string
	Version  string
	Path     string          // the current path, target of the entity switcher
	Entities []ledger.Entity // the entities the user may see
	Entity   string          // the selected entity code; "" for all
	// EntityRequired hides "all entities" in the switcher: the page is
	// about one entity.
	EntityRequired bool
}

// newPage returns the base page for the request's user, without entities.
func (s *server) newPage(r *http.Request, titleKey, nav string) Page {
	u := userFrom(r)
	p := Page{Nav: nav, Lang: uiLang(u), User: u, CSRF: csrfFrom(r), Version: s.version, Path: r.URL.Path}
	if titleKey != "" {
		p.Title = p.T(titleKey)
	}
	return p
}

// listPage returns the base page with the user's entities and the entity
// selected by the "entity" query parameter (an entity code).
func (s *server) listPage(r *http.Request, titleKey, nav string) (Page, ledger.Entity, error) {
	p := s.newPage(r, titleKey, nav)
	es, err := s.svc.Entities(r.Context(), p.User)
	if err != nil {
		return p, ledger.Entity{}, err
	}
	p.Entities = es
	e, err := pickEntity(es, r.URL.Query().Get("entity"))
	p.Entity = e.Code
	return p, e, err
}

// pickEntity finds the entity with code among the granted ones; "" is none.
// An entity that is not granted is as unknown as one that does not exist.
func pickEntity(es []ledger.Entity, code string) (ledger.Entity, error) {
	if code == "" {
		return ledger.Entity{}, nil
	}
	for _, e := range es {
		if e.Code == code {
			return e, nil
		}
	}
	return ledger.Entity{}, ledger.Errorf(ledger.ErrInvalid, "unknown entity %q", code)
}

// T translates a UI string into the page's language.
func (p Page) T(key string) string { return translate(p.Lang, key) }

// Money formats an amount in minor units for the page's language.
func (p Page) Money(minor int64, currency string) string { return formatMoney(p.Lang, minor, currency) }

// Date formats a date for the page's language.
func (p Page) Date(d ledger.Date) string { return formatDate(p.Lang, d) }

// Int formats a count for the page's language.
func (p Page) Int(n int) string { return formatInt(p.Lang, n) }

// EntityQuery carries the selected entity into navigation links.
func (p Page) EntityQuery() string {
	if p.Entity == "" {
		return ""
	}
	return "?entity=" + url.QueryEscape(p.Entity)
}

// CanImport reports whether the user may import files.
func (p Page) CanImport() bool { return p.User.CanWrite() }

// CanWrite reports whether the user may act on customers and messages
// (pause dunning, send a message again): controllers and up.
func (p Page) CanWrite() bool { return p.User.CanWrite() }

// CanManage reports whether the user may run dunning, approve runs and
// edit schemes and settings: credit managers and admins.
func (p Page) CanManage() bool { return app.CanManageDunning(p.User) }

// perPage is the number of rows on a page of a list.
const perPage = 50

// pager is the page navigation of a list.
type pager struct {
	Page, Pages, Total int
	Prev, Next         string // URLs; "" when there is none
	Links              []pageLink
}

// pageLink is one numbered link of a pager; Gap marks an ellipsis.
type pageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

// pageNumber reads the 1-based page number of the query parameter param.
func pageNumber(r *http.Request, param string) int {
	n, err := strconv.Atoi(r.URL.Query().Get(param))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// pageURL returns the current URL with param set to page n.
func pageURL(u *url.URL, param string, n int) string {
	q := u.Query()
	if n <= 1 {
		q.Del(param)
	} else {
		q.Set(param, strconv.Itoa(n))
	}
	if len(q) == 0 {
		return u.Path
	}
	return u.Path + "?" + q.Encode()
}

// newPager builds the navigation for page n of total rows; total < 0 means
// unknown, and then more tells whether a next page exists.
func newPager(u *url.URL, param string, n, total int, more bool) pager {
	p := pager{Page: n, Total: total}
	if n > 1 {
		p.Prev = pageURL(u, param, n-1)
	}
	if total < 0 {
		if more {
			p.Next = pageURL(u, param, n+1)
		}
		return p
	}
	p.Pages = max(1, (total+perPage-1)/perPage)
	if n < p.Pages {
		p.Next = pageURL(u, param, n+1)
	}
	if p.Pages == 1 {
		return p
	}
	gap := false
	for i := 1; i <= p.Pages; i++ {
		if i == 1 || i == p.Pages || (i >= n-2 && i <= n+2) {
			p.Links = append(p.Links, pageLink{N: i, URL: pageURL(u, param, i), Current: i == n})
			gap = false
		} else if !gap {
			p.Links = append(p.Links, pageLink{Gap: true})
			gap = true
		}
	}
	return p
}

// parseID reads a positive numeric path value.
func parseID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("bad id %q: %w", r.PathValue(name), ledger.ErrNotFound)
	}
	return id, nil
}
