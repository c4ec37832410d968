package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/store"
)

// dunningLedger imports two entities. In NL01 today's run gives
// K1 a second reminder (e-mail), K2 (no e-mail) a phone call and K3 a
// final notice (e-mail and letter); K4 is not due for a reminder yet.
// BE02 has one overdue customer, B1.
func (e *env) dunningLedger() {
	e.t.Helper()
	e.importCSV("entities", "code,name,currency,city,country\nNL01,Groothandel BV,EUR,Utrecht,NL\nBE02,Geheim BV,EUR,Gent,BE\n")
	e.importCSV("customers", "entity,number,name,kind,email,language,address_line,postal_code,city,phone\n"+
		"NL01,K1,Bakkerij Jansen,b2b,boekhouding@jansen.example,nl,Dorpsstraat 1,1234 AB,Ede,\n"+
		"NL01,K2,Garage Smit,b2b,,nl,Weg 3,3456 CD,Ede,+31 30 1234567\n"+
		"NL01,K3,Drukkerij Vos,b2b,admin@vos.example,en,Markt 5,5678 EF,Ede,\n"+
		"NL01,K4,Nieuw BV,b2b,info@nieuw.example,nl,,,,\n"+
		"BE02,B1,Geheime Klant,b2b,geheim@example.com,nl,Straat 1,9000,Gent,\n")
	e.importCSV("invoices", "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
		"NL01,K1,F-1,"+e.day(-55)+","+e.day(-25)+",EUR,1000.00\n"+
		"NL01,K2,F-2,"+e.day(-65)+","+e.day(-35)+",EUR,300.00\n"+
		"NL01,K3,F-3,"+e.day(-80)+","+e.day(-50)+",EUR,800.00\n"+
		"NL01,K4,F-4,"+e.day(-33)+","+e.day(-3)+",EUR,50.00\n"+
		"BE02,B1,FB-1,"+e.day(-55)+","+e.day(-25)+",EUR,2000.00\n")
}

// The levels and customers of today's run of NL01.
const (
	lvlSecond = "Standard (business): Second reminder"
	lvlPhone  = "Standard (business): Phone call"
	lvlFinal  = "Standard (business): Final notice"
)

// entityID returns an entity's id.
func (e *env) entityID(code string) int64 {
	e.t.Helper()
	es, err := e.svc.Entities(context.Background(), app.System)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, x := range es {
		if x.Code == code {
			return x.ID
		}
	}
	e.t.Fatalf("no entity %s", code)
	return 0
}

// runs lists every run as the system.
func (e *env) runs() []store.Run {
	e.t.Helper()
	rs, err := e.svc.Runs(context.Background(), app.System, 100)
	if err != nil {
		e.t.Fatal(err)
	}
	return rs
}

// messages lists the messages matching f as the system.
func (e *env) messages(f store.MessageFilter) []store.Message {
	e.t.Helper()
	f.Limit = 1000
	ms, _, err := e.svc.Messages(context.Background(), app.System, f)
	if err != nil {
		e.t.Fatal(err)
	}
	return ms
}

// run makes today's run of an entity as the system.
func (e *env) run(entity string) app.RunReport {
	e.t.Helper()
	rep, err := e.svc.RunDunning(context.Background(), app.System, app.RunOptions{EntityCode: entity})
	if err != nil {
		e.t.Fatalf("run %s: %v", entity, err)
	}
	return rep
}

// post sends a form with the session's CSRF token.
func (c *client) post(path string, form url.Values) response {
	c.e.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf", c.csrf)
	return c.do("POST", path, form, nil)
}

// location returns the path a redirect points to.
func location(t *testing.T, res response) string {
	t.Helper()
	if res.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303\n%s", res.status, truncate(res.body))
	}
	return res.header.Get("Location")
}

// idFrom reads the numeric id after prefix in a path ("/dunning/runs/7?…").
func idFrom(t *testing.T, path, prefix string) int64 {
	t.Helper()
	rest, ok := strings.CutPrefix(path, prefix)
	if !ok {
		t.Fatalf("path %q does not start with %q", path, prefix)
	}
	rest, _, _ = strings.Cut(rest, "?")
	id, err := strconv.ParseInt(rest, 10, 64)
	if err != nil {
		t.Fatalf("path %q: %v", path, err)
	}
	return id
}

// byChannel returns the first message of a channel.
func byChannel(t *testing.T, ms []store.Message, channel string) store.Message {
	t.Helper()
	for _, m := range ms {
		if m.Channel == channel {
			return m
		}
	}
	t.Fatalf("no %s message among %d", channel, len(ms))
	return store.Message{}
}

// joined is the texts of sel joined with |.
func joined(t *testing.T, body []byte, sel string) string {
	t.Helper()
	return strings.Join(texts(t, body, sel), "|")
}

func itoa(n int) string     { return strconv.Itoa(n) }
func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// named returns the only element of tag whose name attribute is name (the
// selector helper cannot match names with dots).
func named(t *testing.T, body []byte, tag, name string) *html.Node {
	t.Helper()
	var out []*html.Node
	for _, n := range selectAll(t, body, tag) {
		if attr(n, "name") == name {
			out = append(out, n)
		}
	}
	if len(out) != 1 {
		t.Fatalf("%s[name=%s]: %d matches, want 1", tag, name, len(out))
	}
	return out[0]
}
