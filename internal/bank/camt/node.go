package camt

import (
	"encoding/xml"
	"strings"
)

// node is one element of a small subtree (a Bal, an Ntry, an Acct), read
// whole; the statement around it is streamed.
type node struct {
	name     string // local name
	attrs    []xml.Attr
	text     string // trimmed character data
	children []*node
	line     int
}

// maxDepth bounds the nesting of one subtree; camt needs about 12.
const maxDepth = 40

// child returns the first child with the given local name, or nil.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// all returns the children with the given local name.
func (n *node) all(name string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

// at follows a path of child names.
func (n *node) at(path ...string) *node {
	for _, p := range path {
		n = n.child(p)
	}
	return n
}

// str returns the text at a path of child names, or "".
func (n *node) str(path ...string) string {
	if c := n.at(path...); c != nil {
		return c.text
	}
	return ""
}

// attr returns the value of an attribute by local name.
func (n *node) attr(name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// excerpt writes the subtree as compact XML for people to read, leaving out
// the children named in skip and stopping near max bytes.
func (n *node) excerpt(max int, skip ...string) string {
	var b strings.Builder
	b.Grow(1024)
	n.write(&b, max, skip)
	if b.Len() > max {
		return b.String()[:max] + "…"
	}
	return b.String()
}

func (n *node) write(b *strings.Builder, max int, skip []string) {
	if b.Len() > max {
		return
	}
	b.WriteString("<" + n.name)
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local != "xmlns" {
			b.WriteString(" " + a.Name.Local + `="`)
			xml.EscapeText(b, []byte(a.Value)) //nolint:errcheck // a Builder does not fail
			b.WriteString(`"`)
		}
	}
	b.WriteString(">")
	xml.EscapeText(b, []byte(n.text)) //nolint:errcheck
	for _, c := range n.children {
		if !contains(skip, c.name) {
			c.write(b, max, nil)
		}
	}
	b.WriteString("</" + n.name + ">")
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}
