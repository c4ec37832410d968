package comms

import (
	"strings"
)

// The markup of an executed body. The template functions emit these
// control characters; data never contains them (newData cleans every
// string), so a customer named "**x**" or "{{items}}" stays text.
const (
	blockMark = '\x01' // followed by a block kind, alone on its line
	boldOn    = '\x02'
	boldOff   = '\x03'
	linkOn    = '\x04'
	linkOff   = '\x05'
	tie       = '\x06' // a space that does not break (inside an IBAN)
)

// Block kinds.
const (
	paragraph   = 'p'
	itemsBlock  = 'I' // the items with totals
	planBlock   = 'P' // the instalments of a payment plan
	itemsMarker = "\n\n\x01I\n\n"
	planMarker  = "\n\n\x01P\n\n"
)

// block is a paragraph (its lines, with inline markers) or a table.
type block struct {
	kind  byte
	lines []string
}

// splitBlocks cuts an executed body into blocks: blank lines separate
// paragraphs, a single newline is a line break, each line is trimmed, and
// the table markers stand alone.
func splitBlocks(body string) []block {
	blocks := make([]block, 0, 12)
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, block{kind: paragraph, lines: cur})
			cur = nil
		}
	}
	for len(body) > 0 {
		line := body
		if i := strings.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = ""
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			flush()
		case len(line) == 2 && line[0] == blockMark:
			flush()
			blocks = append(blocks, block{kind: line[1]})
		default:
			cur = append(cur, tidy(line))
		}
	}
	flush()
	return blocks
}

// span is a run of inline text with one style.
type span struct {
	text string
	bold bool
	link bool // text is the URL
}

// spans cuts a line into styled runs. A tie stays in the text; each
// output decides what it becomes.
func spans(line string, out []span) []span {
	bold, link := false, false
	start := 0
	emit := func(end int) {
		if end > start {
			out = append(out, span{text: line[start:end], bold: bold, link: link})
		}
	}
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case boldOn, boldOff, linkOn, linkOff:
			emit(i)
			start = i + 1
			switch line[i] {
			case boldOn:
				bold = true
			case boldOff:
				bold = false
			case linkOn:
				link = true
			case linkOff:
				link = false
			}
		}
	}
	emit(len(line))
	return out
}

// plain removes the inline markers (a tie becomes a space): the subject,
// which is text only.
func plain(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 }) < 0 {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == tie || r == '\n' || r == '\t' || r == ' ' || r == '\r':
			space = true
			continue
		case r < 0x20:
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// tidy drops the period that follows data ending in one, so "B.V." at the
// end of a sentence does not read "B.V..". An ellipsis stays; links are
// left alone.
func tidy(line string) string {
	if !strings.Contains(line, "..") && !strings.Contains(line, ".\x03.") {
		return line
	}
	b := make([]byte, 0, len(line))
	inLink := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch c {
		case linkOn:
			inLink = true
		case linkOff:
			inLink = false
		}
		if c == '.' && !inLink {
			// the previous two visible characters, skipping inline markers
			p1, p2 := prevVisible(b, len(b)), byte(0)
			if p1 >= 0 {
				p2v := prevVisible(b, p1)
				if p2v >= 0 {
					p2 = b[p2v]
				}
			}
			next := byte(0)
			if i+1 < len(line) {
				next = line[i+1]
			}
			if p1 >= 0 && b[p1] == '.' && p2 != '.' && next != '.' {
				continue
			}
		}
		b = append(b, c)
	}
	return string(b)
}

// prevVisible returns the index of the last byte before end that is not a
// bold marker, or -1.
func prevVisible(b []byte, end int) int {
	for i := end - 1; i >= 0; i-- {
		if b[i] != boldOn && b[i] != boldOff {
			return i
		}
	}
	return -1
}
