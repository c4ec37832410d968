package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// TestBankSplitErrorsDutch: a Dutch credit controller who types an
// invoice, an amount or a customer number wrong in the split form reads
// what is wrong in Dutch, with the row, and nothing is allocated.
func TestBankSplitErrorsDutch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.bankLedger()
		ctx := context.Background()
		e.user("dirk", "nl", ledger.RoleController)
		c := e.client()
		c.login("dirk")
		q, err := e.svc.BankQueue(ctx, app.System, e.entityID("NL01"))
		if err != nil || len(q.Lines) != 4 {
			t.Fatalf("queue: %d lines, %v", len(q.Lines), err)
		}
		path := "/bank/transactions/" + itoa64(q.Lines[0].ID) + "/allocate"
		for _, tt := range []struct {
			name string
			form url.Values
			want string
		}{
			{"unknown invoice", url.Values{"number": {"F-2026-001", "F-2026-999"}, "amount": {"50,00", "30,00"}},
				`Regel 2: deze entiteit heeft geen factuur "F-2026-999"`},
			{"not an amount", url.Values{"number": {"F-2026-001"}, "amount": {"vijftig"}},
				`Regel 1 (F-2026-001): geen bedrag: "vijftig"`},
			{"no amount", url.Values{"number": {"F-2026-001"}, "amount": {""}},
				"Regel 1 (F-2026-001): Vul een bedrag in."},
			{"unknown customer", url.Values{"customer_number": {"K9"}},
				`Deze entiteit heeft geen klant "K9"`},
		} {
			tt.form.Set("entity", "NL01")
			res := c.post(path, tt.form)
			wantStatus(t, tt.name, res, http.StatusBadRequest)
			if got := joined(t, res.body, "#error-message"); got != tt.want {
				t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
			}
		}
		q, err = e.svc.BankQueue(ctx, app.System, e.entityID("NL01"))
		if err != nil || len(q.Lines) != 4 {
			t.Errorf("after the errors: %d lines waiting, %v; want 4", len(q.Lines), err)
		}

		// the figures and times on the page are written the Dutch way
		page := c.get("/bank?entity=NL01")
		wantStatus(t, "bank page", page, http.StatusOK)
		if got := joined(t, page.body, "#m-auto-lines"); got != "0,0%" {
			t.Errorf("automatic share %q, want 0,0%%", got)
		}
		if cells := texts(t, page.body, "#metrics-imports tr.import td"); len(cells) == 0 || !dutchMoment.MatchString(cells[0]) {
			t.Errorf("import row %q, want its time as dd-mm-yyyy hh:mm first", cells)
		}
	})
}

// dutchMoment is an instant as a Dutch page writes it.
var dutchMoment = regexp.MustCompile(`^\d\d-\d\d-\d{4} \d\d:\d\d$`)
