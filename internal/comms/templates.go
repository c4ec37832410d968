package comms

import (
	"bytes"
	"embed"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"

	"github.com/kredo-dev/kredo/internal/ledger"
)

//go:embed templates
var defaultFS embed.FS

// Templates holds the texts of every language: the defaults with the
// operator's overrides. It is safe for concurrent use; an override
// replaces a language's compiled set at once, renders in flight keep the
// set they started with.
type Templates struct {
	mu  sync.Mutex // serializes Override and Reset
	cur atomic.Pointer[catalog]
}

// catalog is an immutable snapshot: the compiled set of each language.
type catalog map[string]*langSet

// source is the text of one template as an operator edits it.
type source struct {
	subject, body string
}

// langSet is one language compiled: its labels, sources and templates.
type langSet struct {
	lang     string
	labels   *labels
	defaults map[string]source // the embedded texts, for Reset
	sources  map[string]source // the texts in force, by name (Common too)
	subject  map[string]*template.Template
	body     map[string]*template.Template
}

// DefaultTemplates returns the built-in texts in every language, ready for
// the operator's overrides. The embedded texts are compiled once per
// process; each Templates value has its own overrides.
func DefaultTemplates() *Templates {
	cat := catalog{}
	for lang, set := range defaults() {
		cat[lang] = set
	}
	t := &Templates{}
	t.cur.Store(&cat)
	return t
}

// defaults compiles the embedded texts once. It panics if one does not
// compile, which the tests rule out.
var defaults = sync.OnceValue(func() catalog {
	cat := catalog{}
	for _, lang := range languages {
		lab, err := defaultFS.ReadFile("templates/" + lang + "/labels.txt")
		if err != nil {
			panic(err)
		}
		labs, err := parseLabels(lang+"/labels.txt", string(lab))
		if err != nil {
			panic(err)
		}
		srcs := map[string]source{}
		for _, name := range append([]string{Common}, templateNames...) {
			b, err := defaultFS.ReadFile("templates/" + lang + "/" + name + ".txt")
			if err != nil {
				panic(err)
			}
			if name == Common {
				srcs[name] = source{body: string(b)}
				continue
			}
			subject, body, _ := strings.Cut(string(b), "\n")
			srcs[name] = source{subject: subject, body: strings.TrimPrefix(body, "\n")}
		}
		set, err := compile(lang, labs, srcs, srcs)
		if err != nil {
			panic(err)
		}
		cat[lang] = set
	}
	return cat
})

// Source returns the text in force of a template (the operator's, else the
// default), for an editor. Common has no subject. Languages without texts
// fall back as rendering does.
func (t *Templates) Source(language, name string) (subject, body string) {
	set := (*t.cur.Load()).lookup(language)
	s := set.sources[name]
	return s.subject, s.body
}

// Default returns the built-in text of a template, to compare or restore.
func (t *Templates) Default(language, name string) (subject, body string) {
	set := (*t.cur.Load()).lookup(language)
	s := set.defaults[name]
	return s.subject, s.body
}

// Override replaces a template's text with the operator's. The text is
// parsed and rendered on sample letters first; a mistake is rejected with
// an error (ledger.ErrInvalid) naming the language, template, part and
// line, and the texts in force stay as they were.
func (t *Templates) Override(language, name, subject, body string) error {
	lang := normLanguage(language)
	subject = strings.TrimSpace(strings.ReplaceAll(subject, "\r", ""))
	body = strings.ReplaceAll(body, "\r\n", "\n")
	if name != Common && !slices.Contains(templateNames, name) {
		return ledger.Errorf(ledger.ErrInvalid, "unknown template %q (known: %s, %s)", name, strings.Join(templateNames, ", "), Common)
	}
	if name != Common && subject == "" {
		return ledger.Errorf(ledger.ErrInvalid, "template %s (%s): the subject is empty", name, lang)
	}
	if strings.Contains(subject, "\n") {
		return ledger.Errorf(ledger.ErrInvalid, "template %s (%s): the subject must be one line", name, lang)
	}
	if strings.TrimSpace(body) == "" {
		return ledger.Errorf(ledger.ErrInvalid, "template %s (%s): the text is empty (use Reset to restore the default)", name, lang)
	}
	return t.replace(lang, name, source{subject: subject, body: body})
}

// Reset restores a template's default text.
func (t *Templates) Reset(language, name string) error {
	lang := normLanguage(language)
	set, ok := (*t.cur.Load())[lang]
	if !ok {
		return ledger.Errorf(ledger.ErrInvalid, "no texts in language %q (known: %s)", language, strings.Join(languages, ", "))
	}
	d, ok := set.defaults[name]
	if !ok {
		return ledger.Errorf(ledger.ErrInvalid, "unknown template %q", name)
	}
	return t.replace(lang, name, d)
}

// replace compiles a language with one text changed and swaps it in.
func (t *Templates) replace(lang, name string, src source) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	old := *t.cur.Load()
	set, ok := old[lang]
	if !ok {
		return ledger.Errorf(ledger.ErrInvalid, "no texts in language %q (known: %s)", lang, strings.Join(languages, ", "))
	}
	srcs := make(map[string]source, len(set.sources))
	for k, v := range set.sources {
		srcs[k] = v
	}
	srcs[name] = src
	nset, err := compile(lang, set.labels, set.defaults, srcs)
	if err != nil {
		return err
	}
	cat := make(catalog, len(old))
	for k, v := range old {
		cat[k] = v
	}
	cat[lang] = nset
	t.cur.Store(&cat)
	return nil
}

// lookup returns the set of a language, else English, else Dutch.
func (c catalog) lookup(language string) *langSet {
	if s, ok := c[normLanguage(language)]; ok {
		return s
	}
	if s, ok := c["en"]; ok {
		return s
	}
	return c["nl"]
}

// compile parses a language's texts and renders each on sample letters.
func compile(lang string, labs *labels, defaults, srcs map[string]source) (*langSet, error) {
	set := &langSet{lang: lang, labels: labs, defaults: defaults, sources: srcs,
		subject: map[string]*template.Template{}, body: map[string]*template.Template{}}
	root, err := template.New(Common).Option("missingkey=error").Funcs(set.funcs()).Parse(srcs[Common].body)
	if err != nil {
		return nil, templateError(lang, err)
	}
	for _, name := range templateNames {
		ns, err := root.Clone()
		if err != nil {
			return nil, templateError(lang, err)
		}
		b, err := ns.New(name).Parse(srcs[name].body)
		if err != nil {
			return nil, templateError(lang, err)
		}
		s, err := ns.New(name + ".subject").Parse(srcs[name].subject)
		if err != nil {
			return nil, templateError(lang, err)
		}
		set.subject[name], set.body[name] = s, b
	}
	for _, name := range templateNames {
		for _, l := range sampleLetters(name, lang) {
			if _, err := set.execute(&l); err != nil {
				return nil, err
			}
		}
	}
	return set, nil
}

// funcs are the template functions, bound to the set's language.
func (s *langSet) funcs() template.FuncMap {
	return template.FuncMap{
		"money":       func(m ledger.Money) string { return FormatMoney(s.lang, m) },
		"date":        func(d ledger.Date) string { return FormatDate(s.lang, d) },
		"longdate":    func(d ledger.Date) string { return FormatLongDate(s.lang, d) },
		"ibans":       s.ibans,
		"bold":        func(v string) string { return string(boldOn) + v + string(boldOff) },
		"link":        func(v string) string { return string(linkOn) + v + string(linkOff) },
		"items":       func() string { return itemsMarker },
		"instalments": func() string { return planMarker },
	}
}

// ibans lists IBANs in print form, "A, B or C", each kept on one line.
func (s *langSet) ibans(list []string) string {
	var b strings.Builder
	for i, iban := range list {
		switch {
		case i > 0 && i == len(list)-1:
			b.WriteString(" " + s.labels.get("or") + " ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(strings.ReplaceAll(FormatIBAN(iban), " ", string(tie)))
	}
	return b.String()
}

// rendered is a letter's subject and executed body.
type rendered struct {
	set     *langSet
	letter  *Letter
	data    *Data
	subject string
	blocks  []block

	items, plan *table     // built on first use, shared by the outputs
	contacts    [][]string // the sender's details, built on first use
}

// table returns the table a block stands for, or nil.
func (r *rendered) table(kind byte) *table {
	switch kind {
	case itemsBlock:
		if r.items == nil {
			r.items = tableOf(r, kind)
		}
		return r.items
	case planBlock:
		if r.plan == nil {
			r.plan = tableOf(r, kind)
		}
		return r.plan
	}
	return nil
}

// contact returns the sender's details (see contactLines).
func (r *rendered) contact() [][]string {
	if r.contacts == nil {
		r.contacts = r.contactLines()
	}
	return r.contacts
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// execute renders a letter's subject and body in the set.
func (s *langSet) execute(l *Letter) (*rendered, error) {
	sub, ok := s.subject[l.Template]
	if !ok {
		return nil, ledger.Errorf(ledger.ErrInvalid, "unknown template %q (known: %s)", l.Template, strings.Join(templateNames, ", "))
	}
	if err := checkLetter(l); err != nil {
		return nil, err
	}
	d := newData(*l, s)
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	if err := sub.Execute(buf, d); err != nil {
		return nil, templateError(s.lang, err)
	}
	r := &rendered{set: s, letter: l, data: d, subject: plain(buf.String())}
	if r.subject == "" {
		return nil, ledger.Errorf(ledger.ErrInvalid, "template %s (%s): the subject renders empty", l.Template, s.lang)
	}
	buf.Reset()
	if err := s.body[l.Template].Execute(buf, d); err != nil {
		return nil, templateError(s.lang, err)
	}
	r.blocks = splitBlocks(buf.String())
	return r, nil
}

// render looks up the letter's language (else the customer's) and
// renders it.
func (t *Templates) render(l *Letter) (*rendered, error) {
	lang := l.Language
	if lang == "" {
		lang = l.Customer.Language
	}
	return (*t.cur.Load()).lookup(lang).execute(l)
}

// tmplErr matches text/template's "template: NAME:LINE[:COL]: message".
var tmplErr = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:\d+:)? (?:executing "[^"]*" at )?(.*)$`)

// templateError rewrites a text/template error to name the language,
// template, part (subject, body or the common partials) and line.
func templateError(lang string, err error) error {
	m := tmplErr.FindStringSubmatch(err.Error())
	if m == nil {
		return ledger.Errorf(ledger.ErrInvalid, "templates (%s): %v", lang, err)
	}
	name, part := m[1], "body"
	if n, ok := strings.CutSuffix(name, ".subject"); ok {
		name, part = n, "subject"
	}
	if name == Common {
		part = "partials"
	}
	return ledger.Errorf(ledger.ErrInvalid, "template %s (%s), %s line %s: %s", name, lang, part, m[2], m[3])
}

// checkLetter refuses letters the law would not accept: the 14-day letter
// must give at least fourteen days from the day after receipt, so its
// pay-by date is 15 days or more after the letter date. (Without announced
// costs, as for a currency without a costs rule, it leaves the costs
// paragraph out: such a letter cannot lead to costs.)
func checkLetter(l *Letter) error {
	if l.Template != FourteenDay {
		return nil
	}
	if l.PayBy.IsZero() || l.Date.IsZero() || l.Date.DaysUntil(l.PayBy) < 15 {
		return ledger.Errorf(ledger.ErrInvalid, "the 14-day letter needs a pay-by date at least 15 days after the letter date %s, not %q",
			l.Date, l.PayBy.String())
	}
	return nil
}
