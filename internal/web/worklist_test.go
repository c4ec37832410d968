package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// A worklist that was never made, or not today, says so instead of
// showing an empty or old list as today's.
func TestWorklistSaysWhenItWasMade(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV("entities", "code,name,currency\nNL01,Groothandel BV,EUR\n")
		e.user("anna", "en", ledger.RoleController)
		c := e.client()
		c.login("anna")
		if body := string(c.get("/worklist").body); !strings.Contains(body, `id="stale"`) || !strings.Contains(body, "has not been made yet") {
			t.Fatalf("a worklist never made does not say so")
		}
		if _, err := e.svc.RefreshWorklist(context.Background(), app.System, "NL01", e.today.AddDays(-1)); err != nil {
			t.Fatal(err)
		}
		if body := string(c.get("/worklist").body); !strings.Contains(body, "This list was made on "+e.day(-1)) {
			t.Fatalf("yesterday's worklist does not say so")
		}
		if _, err := e.svc.RefreshWorklist(context.Background(), app.System, "NL01", e.today); err != nil {
			t.Fatal(err)
		}
		if body := string(c.get("/worklist").body); strings.Contains(body, `id="stale"`) {
			t.Fatalf("today's worklist is called stale")
		}
		// the view of every entity is as old as its oldest list: one never made
		e.importCSV("entities", "code,name,currency\nBE01,Groothandel NV,EUR\n")
		if body := string(c.get("/worklist").body); !strings.Contains(body, "has not been made yet") {
			t.Fatalf("a worklist of all entities, one never made, does not say so")
		}
		if body := string(c.get("/worklist?entity=NL01").body); strings.Contains(body, `id="stale"`) {
			t.Fatalf("NL01's worklist of today is called stale")
		}
		if _, err := e.svc.RefreshWorklist(context.Background(), app.System, "BE01", e.today.AddDays(-2)); err != nil {
			t.Fatal(err)
		}
		if body := string(c.get("/worklist").body); !strings.Contains(body, "This list was made on "+e.day(-2)) {
			t.Fatalf("a worklist of all entities does not give the oldest day")
		}
	})
}
