package web_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// runReport is the JSON of a run report, as a client reads it.
type runReport struct {
	Entity     string `json:"entity"`
	Date       string `json:"date"`
	RunID      int64  `json:"run_id"`
	Status     string `json:"status"`
	DryRun     bool   `json:"dry_run"`
	AlreadyRan bool   `json:"already_ran"`
	Customers  int    `json:"customers"`
	Messages   int    `json:"messages"`
	Levels     []struct {
		Name      string            `json:"name"`
		Customers int               `json:"customers"`
		Amounts   map[string]string `json:"amounts"`
	} `json:"levels"`
	Planned []struct {
		CustomerNumber string `json:"customer_number"`
		Level          int    `json:"level"`
		LevelName      string `json:"level_name"`
		Total          string `json:"total"`
		Costs          string `json:"costs"`
		Items          []struct {
			Number string `json:"number"`
			Amount string `json:"amount"`
		} `json:"items"`
	} `json:"planned"`
}

// TestDunningAPI checks the dunning API: a dry run reports its planned
// actions with exact amounts, a real run needs a credit manager, runs and
// messages are listed, and a held run is approved.
func TestDunningAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.dunningLedger()
		e.user("maria", "en", ledger.RoleManager)
		e.user("anna", "en", ledger.RoleController)
		c := e.client()
		mgr := map[string]string{"Authorization": "Bearer " + e.token("maria"), "Content-Type": "application/json"}
		ctl := map[string]string{"Authorization": "Bearer " + e.token("anna"), "Content-Type": "application/json"}

		res := c.do("POST", "/api/v1/dunning/runs", `{"entity":"NL01","dry_run":true}`, ctl)
		wantStatus(t, "dry run", res, http.StatusOK)
		var dry runReport
		decodeJSON(t, res, &dry)
		if !dry.DryRun || dry.Status != "preview" || dry.Customers != 3 || len(dry.Planned) != 3 || dry.Date != e.today.String() {
			t.Fatalf("dry run %+v", dry)
		}
		p := dry.Planned[0]
		if p.CustomerNumber != "K1" || p.Level != 2 || p.LevelName != "Second reminder" || p.Total != "1000.00" || p.Costs != "0.00" ||
			len(p.Items) != 1 || p.Items[0].Number != "F-1" || p.Items[0].Amount != "1000.00" {
			t.Errorf("planned %+v", p)
		}
		if l := dry.Levels[2]; l.Name != lvlFinal || l.Amounts["EUR"] != "800.00" {
			t.Errorf("level %+v", l)
		}
		if len(e.runs()) != 0 {
			t.Fatalf("a dry run made a run")
		}
		wantStatus(t, "controller runs", c.do("POST", "/api/v1/dunning/runs", `{"entity":"NL01"}`, ctl), http.StatusForbidden)
		wantStatus(t, "unknown field", c.do("POST", "/api/v1/dunning/runs", `{"entity":"NL01","dryrun":true}`, mgr), http.StatusBadRequest)
		wantStatus(t, "no entity", c.do("POST", "/api/v1/dunning/runs", `{}`, mgr), http.StatusBadRequest)
		wantStatus(t, "not json", c.do("POST", "/api/v1/dunning/runs", `{}`, map[string]string{"Authorization": mgr["Authorization"],
			"Content-Type": "text/plain"}), http.StatusUnsupportedMediaType)

		// a held run, approved through the API
		if err := e.svc.SetDunningSettings(context.Background(), app.System, e.entityID("NL01"), "06:00", true); err != nil {
			t.Fatal(err)
		}
		res = c.do("POST", "/api/v1/dunning/runs", `{"entity":"NL01","date":"`+e.today.String()+`"}`, mgr)
		wantStatus(t, "run", res, http.StatusCreated)
		var real runReport
		decodeJSON(t, res, &real)
		if real.RunID == 0 || real.Status != store.RunAwaitingApproval || real.Messages != 4 || real.Planned != nil {
			t.Errorf("run %+v", real)
		}
		res = c.do("POST", "/api/v1/dunning/runs", `{"entity":"NL01"}`, mgr)
		wantStatus(t, "again", res, http.StatusOK)
		var again runReport
		decodeJSON(t, res, &again)
		if !again.AlreadyRan || again.RunID != real.RunID {
			t.Errorf("again %+v", again)
		}

		var runs struct {
			Items []struct {
				ID     int64  `json:"id"`
				Entity string `json:"entity"`
				Status string `json:"status"`
				Levels []struct {
					Name string `json:"name"`
				} `json:"levels"`
			} `json:"items"`
			HasMore bool `json:"has_more"`
		}
		decodeJSON(t, c.do("GET", "/api/v1/dunning/runs?entity=NL01", nil, ctl), &runs)
		if len(runs.Items) != 1 || runs.Items[0].ID != real.RunID || runs.Items[0].Entity != "NL01" || len(runs.Items[0].Levels) != 3 || runs.HasMore {
			t.Errorf("runs %+v", runs)
		}

		var msgs struct {
			Items []struct {
				Channel string `json:"channel"`
				Status  string `json:"status"`
				RunID   int64  `json:"run_id"`
				To      string `json:"to"`
			} `json:"items"`
			Total int `json:"total"`
		}
		decodeJSON(t, c.do("GET", "/api/v1/messages?entity=NL01&status=held", nil, ctl), &msgs)
		if msgs.Total != 2 || msgs.Items[0].Status != "held" || msgs.Items[0].RunID != real.RunID {
			t.Errorf("held messages %+v", msgs)
		}
		approve := "/api/v1/dunning/runs/" + itoa64(real.RunID) + "/approve"
		wantStatus(t, "controller approves", c.do("POST", approve, nil, ctl), http.StatusForbidden)
		res = c.do("POST", approve, nil, mgr)
		wantStatus(t, "approve", res, http.StatusOK)
		var approved struct {
			Status     string  `json:"status"`
			ApprovedBy string  `json:"approved_by"`
			ApprovedAt *string `json:"approved_at"`
		}
		decodeJSON(t, res, &approved)
		if approved.Status != store.RunDone || approved.ApprovedBy != "maria" || approved.ApprovedAt == nil {
			t.Errorf("approved %+v", approved)
		}
		decodeJSON(t, c.do("GET", "/api/v1/messages?run="+itoa64(real.RunID)+"&channel=email", nil, ctl), &msgs)
		if msgs.Total != 2 || msgs.Items[0].Status != "pending" {
			t.Errorf("e-mails after approval %+v", msgs)
		}
		wantStatus(t, "approve twice", c.do("POST", approve, nil, mgr), http.StatusConflict)
		wantStatus(t, "bad status", c.do("GET", "/api/v1/messages?status=lost", nil, ctl), http.StatusBadRequest)
	})
}
