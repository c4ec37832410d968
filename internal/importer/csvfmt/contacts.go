package csvfmt

import (
	"fmt"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// contactRoles maps accepted role names (folded by normName) to ledger roles.
var contactRoles = map[string]string{
	"billing": ledger.RoleBilling, "facturatie": ledger.RoleBilling, "factuur": ledger.RoleBilling, "invoice": ledger.RoleBilling,
	"dunning": ledger.RoleDunning, "aanmaning": ledger.RoleDunning, "herinnering": ledger.RoleDunning, "incasso": ledger.RoleDunning, "collections": ledger.RoleDunning,
	"general": ledger.RoleGeneral, "algemeen": ledger.RoleGeneral,
}

// EncodeContacts writes contacts in the one-cell encoding of the contacts
// column: name|role|email|phone|language per contact, contacts separated by
// ";", trailing empty fields left out, and a backslash before any \, | or ;
// inside a value.
func EncodeContacts(cs []ledger.Contact) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(';')
		}
		f := [5]string{c.Name, c.Role, c.Email, c.Phone, c.Language}
		n := len(f)
		for n > 1 && f[n-1] == "" {
			n--
		}
		for j, v := range f[:n] {
			if j > 0 {
				b.WriteByte('|')
			}
			for k := 0; k < len(v); k++ {
				if v[k] == '\\' || v[k] == '|' || v[k] == ';' {
					b.WriteByte('\\')
				}
				b.WriteByte(v[k])
			}
		}
	}
	return b.String()
}

// DecodeContacts parses the contacts column (see EncodeContacts). Values are
// trimmed; an empty role means general; roles and languages are validated
// (Dutch role names such as aanmaning are accepted). It returns nil for "".
func DecodeContacts(s string) ([]ledger.Contact, error) {
	var (
		out    []ledger.Contact
		fields []string
		cur    strings.Builder
	)
	flush := func() {
		fields = append(fields, strings.TrimSpace(cur.String()))
		cur.Reset()
	}
	end := func() error {
		flush()
		defer func() { fields = fields[:0] }()
		if len(fields) > 5 {
			return fmt.Errorf("contact %d has %d fields, want at most 5: name|role|email|phone|language", len(out)+1, len(fields))
		}
		var f [5]string
		copy(f[:], fields)
		if f == [5]string{} {
			return nil // empty, e.g. after a trailing ;
		}
		c := ledger.Contact{Name: f[0], Role: ledger.RoleGeneral, Email: f[2], Phone: f[3]}
		n := len(out) + 1
		if f[0] == "" && f[2] == "" {
			return fmt.Errorf("contact %d has neither a name nor an e-mail address", n)
		}
		if f[1] != "" {
			r, ok := contactRoles[normName(f[1])]
			if !ok {
				return fmt.Errorf("contact %d: invalid role %q, want billing, dunning or general", n, f[1])
			}
			c.Role = r
		}
		if err := checkEmails(f[2]); err != nil {
			return fmt.Errorf("contact %d: %v", n, err)
		}
		if f[4] != "" {
			l, ok := languages[normName(f[4])]
			if !ok {
				return fmt.Errorf("contact %d: invalid language %q, want nl, en, de or fr", n, f[4])
			}
			c.Language = l
		}
		out = append(out, c)
		return nil
	}
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case '\\':
			if i+1 == len(s) {
				return out, fmt.Errorf(`contacts end in a lone \ (write \\ for a backslash)`)
			}
			i++
			cur.WriteByte(s[i])
		case '|':
			flush()
		case ';':
			if err := end(); err != nil {
				return out, err
			}
		default:
			cur.WriteByte(ch)
		}
	}
	if err := end(); err != nil {
		return out, err
	}
	return out, nil
}
