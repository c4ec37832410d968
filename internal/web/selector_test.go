package web_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A tiny CSS selector engine for tests: compound selectors of a tag, #id,
// .class and [attr=value] parts, joined by spaces (descendant).

type simpleSel struct {
	tag     string
	id      string
	classes []string
	attrs   []attrSel
}

// attrSel is [key] (present) or [key=value].
type attrSel struct {
	key, val string
	hasVal   bool
}

func parseSelector(s string) []simpleSel {
	var out []simpleSel
	for _, part := range strings.Fields(s) {
		var sel simpleSel
		for part != "" {
			i := strings.IndexAny(part[1:], "#.[") + 1
			if i == 0 {
				i = len(part)
			}
			tok := part[:i]
			part = part[i:]
			switch tok[0] {
			case '#':
				sel.id = tok[1:]
			case '.':
				sel.classes = append(sel.classes, tok[1:])
			case '[':
				k, v, hasVal := strings.Cut(strings.TrimSuffix(tok[1:], "]"), "=")
				sel.attrs = append(sel.attrs, attrSel{k, strings.Trim(v, `"'`), hasVal})
			default:
				sel.tag = tok
			}
		}
		out = append(out, sel)
	}
	return out
}

func (s simpleSel) match(n *html.Node) bool {
	if n.Type != html.ElementNode || (s.tag != "" && n.Data != s.tag) || (s.id != "" && attr(n, "id") != s.id) {
		return false
	}
	for _, c := range s.classes {
		if !hasClass(n, c) {
			return false
		}
	}
	for _, a := range s.attrs {
		v, ok := attrOK(n, a.key)
		if !ok || a.hasVal && v != a.val {
			return false
		}
	}
	return true
}

// selectAll parses body as HTML and returns the elements matching sel, in
// document order.
func selectAll(t *testing.T, body []byte, sel string) []*html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse html: %v", err)
	}
	return find(doc, sel)
}

// find returns the descendants of root matching sel.
func find(root *html.Node, sel string) []*html.Node {
	sels := parseSelector(sel)
	var out []*html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			d := depth
			if d < len(sels) && sels[d].match(c) {
				d++
				if d == len(sels) {
					out = append(out, c)
					d-- // nested matches of the last part count too
				}
			}
			walk(c, d)
		}
	}
	walk(root, 0)
	return out
}

// selectOne returns the only element matching sel, failing otherwise.
func selectOne(t *testing.T, body []byte, sel string) *html.Node {
	t.Helper()
	ns := selectAll(t, body, sel)
	if len(ns) != 1 {
		t.Fatalf("selector %q: %d matches, want 1\n%s", sel, len(ns), truncate(body))
	}
	return ns[0]
}

// texts returns the text of every element matching sel.
func texts(t *testing.T, body []byte, sel string) []string {
	t.Helper()
	return htmlText(selectAll(t, body, sel)...)
}

func truncate(b []byte) string {
	if len(b) > 3000 {
		return string(b[:3000]) + "…"
	}
	return string(b)
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// nodeText is the text content of n with runs of ASCII whitespace collapsed
// (a non-breaking space is kept).
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.FieldsFunc(b.String(), func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r'
	}), " ")
}

func TestSelector(t *testing.T) {
	body := []byte(`<div id="a"><table class="list x"><tr class="r"><td class="n">1</td></tr><tr class="r late"><td class="n">2</td></tr></table>
		<input name="csrf" value="v"></div>`)
	if got := texts(t, body, "#a table.list tr.r td.n"); strings.Join(got, ",") != "1,2" {
		t.Errorf("descendant: %v", got)
	}
	if got := texts(t, body, "tr.r.late"); strings.Join(got, ",") != "2" {
		t.Errorf("two classes: %v", got)
	}
	if v := attr(selectOne(t, body, "input[name=csrf]"), "value"); v != "v" {
		t.Errorf("attribute: %q", v)
	}
}
