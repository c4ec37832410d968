package comms

import (
	"bufio"
	"fmt"
	"strings"
)

// labels are the short texts of a language that the code places itself:
// table headings, totals, the letter's reference block, country names and
// the legal phrases chosen by the sender's country. They live next to the
// templates in templates/LANG/labels.txt as "key = value" lines.
type labels struct {
	m map[string]string
}

// parseLabels reads a labels file.
func parseLabels(name, src string) (*labels, error) {
	l := &labels{m: map[string]string{}}
	sc := bufio.NewScanner(strings.NewReader(src))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want key = value", name, n)
		}
		l.m[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return l, sc.Err()
}

// get returns the label for key, or the key itself so a missing label is
// visible rather than blank.
func (l *labels) get(key string) string {
	if v, ok := l.m[key]; ok {
		return v
	}
	return key
}

// first returns the first of the keys that has a label, else "".
func (l *labels) first(keys ...string) string {
	for _, k := range keys {
		if v, ok := l.m[k]; ok {
			return v
		}
	}
	return ""
}

// law returns the legal phrase for what ("interest" or "costs") in the
// sender's country for the kind of customer (b2b, consumer), falling back
// to the country's phrase for any customer, then to the generic phrase.
func (l *labels) law(what, country, kind string) string {
	what = "law." + what
	return l.first(what+"."+country+"."+kind, what+"."+country, what+"."+kind, what)
}

// coc returns the label of the sender's company registration number.
func (l *labels) coc(country string) string {
	return l.first("coc."+country, "coc")
}

// country returns the name of a country for the last line of an address.
func (l *labels) country(code string) string {
	if v := l.first("country." + code); v != "" {
		return v
	}
	return code
}
