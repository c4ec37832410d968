package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// schemeByName returns a stored scheme of an entity.
func (e *env) schemeByName(entity, name string) (store.SchemeRecord, bool) {
	e.t.Helper()
	rs, err := e.svc.Schemes(context.Background(), app.System, e.entityID(entity))
	if err != nil {
		e.t.Fatal(err)
	}
	for _, r := range rs {
		if r.Scheme.Name == name {
			return r, true
		}
	}
	return store.SchemeRecord{}, false
}

// schemeForm is a posted scheme editor with the given level rows, each
// "name;offset;min;channels(+);template".
func schemeForm(name string, levels ...string) url.Values {
	f := url.Values{"entity": {"NL01"}, "name": {name}, "priority": {"30"}, "match_segment": {"bouw"}, "min_gap_days": {"4"}}
	f.Set("levels", itoa(len(levels)+1)) // and one empty row
	for i, l := range levels {
		p := "l" + itoa(i) + "."
		parts := strings.Split(l, ";")
		f.Set(p+"name", parts[0])
		f.Set(p+"offset", parts[1])
		f.Set(p+"min", parts[2])
		for _, c := range strings.Split(parts[3], "+") {
			f.Add(p+"channel", c)
		}
		f.Set(p+"template", parts[4])
	}
	return f
}

// TestSchemeEditor checks the schemes list and the editor: a Dutch
// manager saves a scheme with a minimum amount typed as 12,50, a scheme
// with levels out of order comes back with the error and the input kept,
// and "add levels" adds empty rows. Others may not edit.
func TestSchemeEditor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.dunningLedger()
		e.user("maria", "nl", ledger.RoleManager)
		e.user("anna", "en", ledger.RoleController)
		c := e.client()
		c.login("maria")

		res := c.get("/dunning/schemes?entity=NL01")
		wantStatus(t, "schemes", res, http.StatusOK)
		if got := joined(t, res.body, "section.scheme .scheme-name"); got != "Consumers|High risk (business)|Standard (business)" {
			t.Errorf("schemes in order: %q", got)
		}
		if got := joined(t, res.body, "section.scheme dd.rule"); !strings.Contains(got, "Soort klant = consument") ||
			!strings.Contains(got, "Risicoklasse = high") || !strings.Contains(got, "elke klant die geen ander schema selecteert") {
			t.Errorf("rules %q", got)
		}
		std := selectAll(t, res.body, "section.scheme")[2]
		if got := htmlText(find(std, "tr.scheme-level td.min")...); got[1] != "€"+nbsp+"5,00" || got[2] != "€"+nbsp+"25,00" {
			t.Errorf("minimum amounts %q", got)
		}

		// a new scheme, amount with a decimal comma
		res = c.get("/dunning/schemes/new?entity=NL01")
		wantStatus(t, "new", res, http.StatusOK)
		if n := len(selectAll(t, res.body, "form#scheme-form tr.level-row")); n != 3 {
			t.Errorf("new scheme form has %d level rows", n)
		}
		f := schemeForm("Bouw", "Herinnering;10;12,50;email;friendly", "Bellen;20;1.250,00;phone;", "Aanmaning;30;;email+letter;final")
		f.Set("l2.costs", "1")
		loc := location(t, c.post("/dunning/schemes", f))
		if !strings.HasPrefix(loc, "/dunning/schemes?entity=NL01") {
			t.Errorf("redirect %q", loc)
		}
		rec, ok := e.schemeByName("NL01", "Bouw")
		if !ok {
			t.Fatal("scheme Bouw not saved")
		}
		ls := rec.Scheme.Levels
		if len(ls) != 3 || ls[0].MinAmount != 1250 || ls[1].MinAmount != 125000 || ls[2].MinAmount != 0 || !ls[2].AddCosts ||
			ls[0].Template != "friendly" || strings.Join(ls[2].Channels, ",") != "email,letter" || rec.MatchSegment != "bouw" ||
			rec.Priority != 30 || rec.Scheme.MinGapDays != 4 {
			t.Errorf("saved %+v", rec)
		}
		res = c.get(loc)
		if got := joined(t, res.body, "section.scheme .scheme-name"); got != "Consumers|High risk (business)|Bouw|Standard (business)" {
			t.Errorf("after saving: %q", got)
		}

		// the editor shows the amounts the Dutch way; levels out of order are refused
		edit := "/dunning/schemes/" + itoa64(rec.ID) + "/edit?entity=NL01"
		res = c.get(edit)
		wantStatus(t, "edit", res, http.StatusOK)
		if v := attr(named(t, res.body, "input", "l0.min"), "value"); v != "12,50" {
			t.Errorf("amount in the editor %q", v)
		}
		bad := schemeForm("Bouw", "Herinnering;20;12,50;email;friendly", "Bellen;10;7,5;phone;")
		res = c.post("/dunning/schemes/"+itoa64(rec.ID), bad)
		wantStatus(t, "out of order", res, http.StatusUnprocessableEntity)
		if got := nodeText(selectOne(t, res.body, "#errors")); !strings.Contains(got, "must come later") {
			t.Errorf("error %q", got)
		}
		for name, want := range map[string]string{"l0.name": "Herinnering", "l0.offset": "20", "l0.min": "12,50", "l1.offset": "10", "l1.min": "7,5", "name": "Bouw"} {
			if got := attr(named(t, res.body, "input", name), "value"); got != want {
				t.Errorf("kept %s = %q, want %q", name, got, want)
			}
		}
		for _, n := range selectAll(t, res.body, "input[value=phone]") {
			if _, ok := attrOK(n, "checked"); attr(n, "name") == "l1.channel" && !ok {
				t.Errorf("channel not kept")
			}
		}
		if rec2, _ := e.schemeByName("NL01", "Bouw"); rec2.Scheme.Levels[0].OffsetDays != 10 {
			t.Errorf("a refused scheme was saved")
		}
		// a bad amount is named
		res = c.post("/dunning/schemes/"+itoa64(rec.ID), schemeForm("Bouw", "Herinnering;10;12,5x;email;"))
		wantStatus(t, "bad amount", res, http.StatusUnprocessableEntity)
		if got := nodeText(selectOne(t, res.body, "#errors")); !strings.Contains(got, "Stap 1, Minimumbedrag: geen bedrag: \"12,5x\"") {
			t.Errorf("amount error %q", got)
		}
		// add levels keeps the input and adds three empty rows
		more := schemeForm("Bouw", "Herinnering;10;12,50;email;friendly")
		more.Set("add", "1")
		res = c.post("/dunning/schemes/"+itoa64(rec.ID), more)
		wantStatus(t, "add levels", res, http.StatusOK)
		if n := len(selectAll(t, res.body, "tr.level-row")); n != 4 {
			t.Errorf("after add: %d rows", n)
		}
		// the default scheme stays the default until another one is
		stdRec, _ := e.schemeByName("NL01", "Standard (business)")
		keep := schemeForm("Standard (business)", "Herinnering;7;5,00;email;friendly")
		res = c.post("/dunning/schemes/"+itoa64(stdRec.ID), keep)
		wantStatus(t, "unset default", res, http.StatusUnprocessableEntity)
		if got := nodeText(selectOne(t, res.body, "#errors")); !strings.Contains(got, "standaardschema nodig") {
			t.Errorf("default error %q", got)
		}
		keep.Set("is_default", "1")
		location(t, c.post("/dunning/schemes/"+itoa64(stdRec.ID), keep))
		if stdRec, _ = e.schemeByName("NL01", "Standard (business)"); len(stdRec.Scheme.Levels) != 1 || !stdRec.IsDefault {
			t.Errorf("default scheme after saving: %+v", stdRec)
		}
		// a new scheme may not take an existing name
		res = c.post("/dunning/schemes", schemeForm("Bouw", "X;5;;email;"))
		wantStatus(t, "name taken", res, http.StatusUnprocessableEntity)

		// a controller reads the schemes but may not edit them
		a := e.client()
		a.login("anna")
		res = a.get("/dunning/schemes?entity=NL01")
		wantStatus(t, "controller schemes", res, http.StatusOK)
		if n := len(selectAll(t, res.body, "a.edit")) + len(selectAll(t, res.body, "#new-scheme")); n != 0 {
			t.Errorf("controller sees %d edit links", n)
		}
		wantStatus(t, "controller new", a.get("/dunning/schemes/new?entity=NL01"), http.StatusForbidden)
		wantStatus(t, "controller edit", a.get(edit), http.StatusForbidden)
		wantStatus(t, "controller save", a.post("/dunning/schemes/"+itoa64(rec.ID), schemeForm("Bouw", "X;5;;email;")), http.StatusForbidden)
		if rec3, _ := e.schemeByName("NL01", "Bouw"); len(rec3.Scheme.Levels) != 3 || rec3.Scheme.Levels[0].Name != "Herinnering" {
			t.Errorf("the controller changed the scheme: %+v", rec3.Scheme.Levels)
		}
	})
}
