package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// disputeOut is the JSON of a dispute as a client reads it.
type disputeOut struct {
	ID              int64   `json:"id"`
	Entity          string  `json:"entity"`
	CustomerID      int64   `json:"customer_id"`
	CustomerNumber  string  `json:"customer_number"`
	Reason          string  `json:"reason"`
	Description     string  `json:"description"`
	Currency        string  `json:"currency"`
	Amount          string  `json:"amount"`
	Status          string  `json:"status"`
	Queue           string  `json:"queue"`
	Opened          string  `json:"opened"`
	DueDate         string  `json:"due_date"`
	Overdue         bool    `json:"overdue"`
	Source          string  `json:"source"`
	OpenedBy        string  `json:"opened_by"`
	Resolution      string  `json:"resolution"`
	ResolvedAmount  *string `json:"resolved_amount"`
	ResolvedOn      *string `json:"resolved_on"`
	ResolutionRef   string  `json:"resolution_ref"`
	PendingWriteOff *string `json:"pending_write_off"`
	Invoices        []struct {
		InvoiceID  int64  `json:"invoice_id"`
		Number     string `json:"number"`
		Disputed   string `json:"disputed"`
		OpenAmount string `json:"open_amount"`
	} `json:"invoices"`
	History []struct {
		User string `json:"user"`
		Kind string `json:"kind"`
		From string `json:"from"`
		To   string `json:"to"`
		Note string `json:"note"`
	} `json:"history"`
	Attachments []struct{} `json:"attachments"`
}

// disputeList is the JSON of a page of disputes.
type disputeList struct {
	Items   []disputeOut `json:"items"`
	Total   int          `json:"total"`
	Limit   int          `json:"limit"`
	Offset  int          `json:"offset"`
	HasMore bool         `json:"has_more"`
}

// lastEvent is the newest history entry's kind, from, to and note.
func (d disputeOut) lastEvent() string {
	if len(d.History) == 0 {
		return ""
	}
	h := d.History[len(d.History)-1]
	return strings.Join([]string{h.User, h.Kind, h.From, h.To, h.Note}, "|")
}

// disputeLedger imports NL01 with customers K1 and K2 and BE01 with B1,
// their invoices and a credit note of K2's.
func (e *env) disputeLedger() {
	e.importCSV("entities", "code,name,currency\nNL01,Kredo Nederland BV,EUR\nBE01,Kredo België NV,EUR\n")
	e.importCSV("customers", "entity,number,name,language\nNL01,K1,Bakker BV,nl\nNL01,K2,Visser BV,nl\nBE01,B1,Janssens NV,nl\n")
	e.importCSV("invoices", "entity,customer_number,number,type,invoice_date,due_date,currency,amount\n"+
		"NL01,K1,F1,invoice,"+e.day(-50)+","+e.day(-20)+",EUR,1000.00\n"+
		"NL01,K1,F2,invoice,"+e.day(-20)+","+e.day(10)+",EUR,300.00\n"+
		"NL01,K2,F9,invoice,"+e.day(-40)+","+e.day(-10)+",EUR,200.00\n"+
		"NL01,K2,CN-2,credit_note,"+e.day(-1)+","+e.day(-1)+",EUR,-50.50\n"+
		"BE01,B1,BF1,invoice,"+e.day(-40)+","+e.day(-10)+",EUR,500.00\n")
}

// invoiceID returns the id of an invoice by its number.
func (e *env) invoiceID(number string) int64 {
	e.t.Helper()
	invs, _, err := e.svc.Invoices(context.Background(), app.System, ledger.InvoiceFilter{Number: number, Limit: 1})
	if err != nil || len(invs) != 1 {
		e.t.Fatalf("invoice %s: %v %v", number, invs, err)
	}
	return invs[0].ID
}

// TestDisputesAPI opens, lists, reads, moves, comments on and resolves
// disputes over HTTP with bearer tokens: every resolution kind, entity
// scope (another entity's dispute does not exist), roles (a viewer reads
// but does not write) and errors that name the field at fault.
func TestDisputesAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		e.disputeLedger()
		e.user("anna", "en", ledger.RoleController, "NL01")
		e.user("vera", "en", ledger.RoleViewer, "NL01")
		e.user("maria", "en", ledger.RoleManager)
		c := e.client()
		hdr := func(user string) map[string]string {
			return map[string]string{"Authorization": "Bearer " + e.token(user), "Content-Type": "application/json"}
		}
		anna, vera, maria := hdr("anna"), hdr("vera"), hdr("maria")
		k1, k2, b1 := e.customerID("NL01", "K1"), e.customerID("NL01", "K2"), e.customerID("BE01", "B1")
		f1, f9, bf1 := e.invoiceID("F1"), e.invoiceID("F9"), e.invoiceID("BF1")

		// open: customer by id, one invoice by id with a part, one by number whole
		res := c.do("POST", "/api/v1/disputes", fmt.Sprintf(`{"customer_id":%d,"reason":"wrong_price",
			"description":"Price per crate should be 9.50","invoices":[{"invoice_id":%d,"amount":"400.00"},{"number":"F2"}]}`, k1, f1), anna)
		wantStatus(t, "open by id", res, http.StatusCreated)
		var d1 disputeOut
		decodeJSON(t, res, &d1)
		if d1.Entity != "NL01" || d1.CustomerNumber != "K1" || d1.Amount != "700.00" || d1.Currency != "EUR" || d1.Status != "open" ||
			d1.Source != "api" || d1.OpenedBy != "anna" || d1.Queue != "sales" || d1.Opened != e.today.String() ||
			d1.DueDate <= e.today.String() || d1.Overdue || d1.ResolvedAmount != nil || d1.Attachments == nil {
			t.Errorf("opened dispute %+v", d1)
		}
		if len(d1.Invoices) != 2 || d1.Invoices[0].Number != "F1" || d1.Invoices[0].Disputed != "400.00" ||
			d1.Invoices[0].OpenAmount != "1000.00" || d1.Invoices[1].Number != "F2" || d1.Invoices[1].Disputed != "300.00" {
			t.Errorf("disputed invoices %+v", d1.Invoices)
		}
		if len(d1.History) != 1 || d1.History[0].Kind != "opened" || d1.History[0].User != "anna" || d1.History[0].To != "sales" {
			t.Errorf("history of a new dispute %+v", d1.History)
		}

		// open: customer by entity and number, the amount as a JSON number
		res = c.do("POST", "/api/v1/disputes", `{"entity":"NL01","customer_number":"K2","reason":"quality",
			"invoices":[{"number":"F9","amount":50.5}]}`, anna)
		wantStatus(t, "open by number", res, http.StatusCreated)
		var d2 disputeOut
		decodeJSON(t, res, &d2)
		if d2.CustomerID != k2 || d2.Amount != "50.50" || d2.Reason != "quality" || d2.Queue != "quality" {
			t.Errorf("dispute by numbers %+v", d2)
		}

		// another entity's dispute, opened by the system
		d3, err := e.svc.OpenDispute(ctx, app.System, app.NewDispute{CustomerID: b1, Reason: "other",
			Invoices: []app.DisputedInvoice{{InvoiceID: bf1}}})
		if err != nil {
			t.Fatal(err)
		}
		// an overdue one: opened 30 days ago, due 5 days ago
		var d4 int64
		if err := st.Tx(ctx, func(tx *store.Tx) error {
			d4, err = tx.InsertDispute(store.Dispute{EntityID: e.entityID("NL01"), CustomerID: k1, Reason: "other", Currency: "EUR",
				Amount: 60000, Status: disputes.Open, Priority: disputes.Normal, Queue: "disputes", Opened: e.today.AddDays(-30),
				Due: e.today.AddDays(-5), Source: store.DisputeManual, OpenedBy: "anna", Items: []store.DisputeItem{{InvoiceID: f1, Amount: 60000}}})
			return err
		}); err != nil {
			t.Fatal(err)
		}

		// bad input: nothing is opened, and the error names the field
		for _, tt := range []struct {
			name, body string
			hdr        map[string]string
			status     int
			want       string
		}{
			{"no customer", `{"reason":"quality","invoices":[{"number":"F9"}]}`, anna, 400, "customer_id"},
			{"customer twice", fmt.Sprintf(`{"customer_id":%d,"entity":"NL01","customer_number":"K2","reason":"quality","invoices":[{"number":"F9"}]}`, k2), anna, 400, "customer_id"},
			{"unknown customer number", `{"entity":"NL01","customer_number":"K7","reason":"quality","invoices":[{"number":"F9"}]}`, anna, 400, "customer_number"},
			{"entity not granted", `{"entity":"BE01","customer_number":"B1","reason":"quality","invoices":[{"number":"BF1"}]}`, anna, 400, "entity"},
			{"customer of another entity", fmt.Sprintf(`{"customer_id":%d,"reason":"quality","invoices":[{"invoice_id":%d}]}`, b1, bf1), anna, 400, "customer_id"},
			{"unknown invoice number", `{"entity":"NL01","customer_number":"K2","reason":"quality","invoices":[{"number":"F1"}]}`, anna, 400, "invoices[0].number"},
			{"another customer's invoice", fmt.Sprintf(`{"customer_id":%d,"reason":"quality","invoices":[{"number":"F2"},{"invoice_id":%d}]}`, k1, f9), anna, 400, "invoices[1].invoice_id"},
			{"invoice named neither way", fmt.Sprintf(`{"customer_id":%d,"reason":"quality","invoices":[{"amount":"1.00"}]}`, k1), anna, 400, "invoices[0]: invoice_id or number"},
			{"bad amount", `{"entity":"NL01","customer_number":"K2","reason":"quality","invoices":[{"number":"F9","amount":"12,3x"}]}`, anna, 400, "invoices[0].amount"},
			{"zero amount", `{"entity":"NL01","customer_number":"K2","reason":"quality","invoices":[{"number":"F9","amount":"0"}]}`, anna, 400, "invoices[0].amount"},
			{"amount not a string or number", `{"entity":"NL01","customer_number":"K2","reason":"quality","invoices":[{"number":"F9","amount":true}]}`, anna, 400, "invoices.amount: must be a decimal string or number, not bool"},
			{"more than open", `{"entity":"NL01","customer_number":"K2","reason":"quality","invoices":[{"number":"F9","amount":"200.01"}]}`, anna, 400, "disputed amount of F9"},
			{"credit note", `{"entity":"NL01","customer_number":"K2","reason":"quality","invoices":[{"invoice_id":` + fmt.Sprint(e.invoiceID("CN-2")) + `}]}`, anna, 400, "CN-2"},
			{"no invoices", `{"entity":"NL01","customer_number":"K2","reason":"quality","invoices":[]}`, anna, 400, "invoices"},
			{"no reason", `{"entity":"NL01","customer_number":"K2","invoices":[{"number":"F9"}]}`, anna, 400, "reason is required"},
			{"unknown reason", `{"entity":"NL01","customer_number":"K2","reason":"weather","invoices":[{"number":"F9"}]}`, anna, 400, `unknown reason "weather"`},
			{"unknown field", `{"entity":"NL01","customer_number":"K2","reason":"quality","invoices":[{"number":"F9"}],"prio":"high"}`, anna, 400, `unknown field "prio"`},
			{"wrong type", `{"entity":"NL01","customer_number":"K2","reason":"quality","invoices":"F9"}`, anna, 400, "invoices: must be an array"},
			{"not json", `reason=quality`, anna, 400, "JSON object"},
			{"viewer", `{"entity":"NL01","customer_number":"K2","reason":"quality","invoices":[{"number":"F9"}]}`, vera, 403, ""},
			{"text/plain", `{}`, map[string]string{"Authorization": anna["Authorization"], "Content-Type": "text/plain"}, 415, "Content-Type"},
		} {
			res := c.do("POST", "/api/v1/disputes", tt.body, tt.hdr)
			wantStatus(t, tt.name, res, tt.status)
			var body struct{ Error string }
			decodeJSON(t, res, &body)
			if !strings.Contains(body.Error, tt.want) || body.Error == "" {
				t.Errorf("%s: error %q, want it to name %q", tt.name, body.Error, tt.want)
			}
		}

		// lists: anna sees NL01's three, the overdue one first; maria all four
		list := func(user map[string]string, query string) disputeList {
			t.Helper()
			res := c.do("GET", "/api/v1/disputes"+query, nil, user)
			wantStatus(t, "list "+query, res, http.StatusOK)
			var l disputeList
			decodeJSON(t, res, &l)
			return l
		}
		ids := func(l disputeList) []int64 {
			var out []int64
			for _, d := range l.Items {
				out = append(out, d.ID)
			}
			return out
		}
		for _, tt := range []struct {
			user  map[string]string
			query string
			want  []int64
		}{
			{anna, "", []int64{d4, d1.ID, d2.ID}},
			{vera, "", []int64{d4, d1.ID, d2.ID}},
			{maria, "", []int64{d4, d1.ID, d3, d2.ID}}, // d1 and d3 are due the same day
			{maria, "?entity=BE01", []int64{d3}},
			{anna, "?overdue=true", []int64{d4}},
			{anna, "?reason=quality", []int64{d2.ID}},
			{anna, "?queue=sales", []int64{d1.ID}},
			{anna, fmt.Sprintf("?customer_id=%d", k1), []int64{d4, d1.ID}},
			{anna, "?status=open", []int64{d4, d1.ID, d2.ID}},
			{anna, "?status=resolved", nil},
			{anna, "?assignee=anna", nil},
			{anna, fmt.Sprintf("?customer_id=%d", b1), nil},
		} {
			if got := ids(list(tt.user, tt.query)); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("list %s: %v, want %v", tt.query, got, tt.want)
			}
		}
		if l := list(anna, "?limit=2&offset=1"); l.Total != 3 || len(l.Items) != 2 || l.HasMore || l.Items[0].ID != d1.ID {
			t.Errorf("second page: %+v", l)
		}
		if l := list(anna, "?limit=1"); l.Total != 3 || len(l.Items) != 1 || !l.HasMore || !l.Items[0].Overdue || l.Items[0].Invoices[0].Disputed != "600.00" {
			t.Errorf("first page: %+v", l)
		}
		for q, want := range map[string]string{"?entity=BE01": "BE01", "?status=closed": "status", "?overdue=yes": "overdue",
			"?reason=weather": "reason", "?limit=0": "limit", "?customer_id=x": "customer_id"} {
			res := c.do("GET", "/api/v1/disputes"+q, nil, anna)
			wantStatus(t, "list "+q, res, http.StatusBadRequest)
			if !strings.Contains(string(res.body), want) {
				t.Errorf("list %s: %s does not name %s", q, res.body, want)
			}
		}

		// one dispute: another entity's does not exist for anna
		get := func(user map[string]string, id int64) disputeOut {
			t.Helper()
			res := c.do("GET", fmt.Sprintf("/api/v1/disputes/%d", id), nil, user)
			wantStatus(t, "get", res, http.StatusOK)
			var d disputeOut
			decodeJSON(t, res, &d)
			return d
		}
		if d := get(vera, d1.ID); d.ID != d1.ID || len(d.History) != 1 || len(d.Invoices) != 2 {
			t.Errorf("get %+v", d)
		}
		for _, path := range []string{fmt.Sprintf("/api/v1/disputes/%d", d3), "/api/v1/disputes/999999", "/api/v1/disputes/abc"} {
			wantStatus(t, path, c.do("GET", path, nil, anna), http.StatusNotFound)
		}

		// writes on one dispute: path, user, body, status and what the error names
		post := func(what string, id int64, action string, user map[string]string, body string, status int, want string) disputeOut {
			t.Helper()
			res := c.do("POST", fmt.Sprintf("/api/v1/disputes/%d/%s", id, action), body, user)
			wantStatus(t, what, res, status)
			var d disputeOut
			decodeJSON(t, res, &d)
			if status >= 400 {
				var body struct{ Error string }
				decodeJSON(t, res, &body)
				if !strings.Contains(body.Error, want) {
					t.Errorf("%s: error %q, want it to name %q", what, body.Error, want)
				}
			}
			return d
		}

		// status
		d := post("to in progress", d1.ID, "status", anna, `{"status":"in_progress","note":"asked sales"}`, 200, "")
		if d.Status != "in_progress" || d.lastEvent() != "anna|status|open|in_progress|asked sales" {
			t.Errorf("after status change: %s, %s", d.Status, d.lastEvent())
		}
		post("same status", d1.ID, "status", anna, `{"status":"in_progress"}`, 400, "already in_progress")
		post("no status", d1.ID, "status", anna, `{"note":"x"}`, 400, "status is required")
		post("unknown status", d1.ID, "status", anna, `{"status":"done"}`, 400, "status: must be one of")
		post("final status", d1.ID, "status", anna, `{"status":"resolved"}`, 400, "/resolve")
		post("status by viewer", d1.ID, "status", vera, `{"status":"waiting_customer"}`, 403, "")
		post("status elsewhere", d3, "status", anna, `{"status":"in_progress"}`, 404, "")

		// comments
		d = post("comment", d1.ID, "comments", anna, `{"text":"Buyer agrees on 250.00"}`, 201, "")
		if d.lastEvent() != "anna|comment|||Buyer agrees on 250.00" || len(d.History) != 3 {
			t.Errorf("after comment: %s (%d entries)", d.lastEvent(), len(d.History))
		}
		post("empty comment", d1.ID, "comments", anna, `{"text":"  "}`, 400, "text is required")
		post("comment field", d1.ID, "comments", anna, `{"comment":"x"}`, 400, `unknown field "comment"`)
		post("comment by viewer", d1.ID, "comments", vera, `{"text":"x"}`, 403, "")
		post("comment elsewhere", d3, "comments", anna, `{"text":"x"}`, 404, "")

		// resolve: errors first, nothing closes
		post("no resolution", d1.ID, "resolve", anna, `{}`, 400, "resolution is required")
		post("unknown resolution", d1.ID, "resolve", anna, `{"resolution":"refund"}`, 400, "resolution: must be one of credit_note")
		post("credit note unnamed", d1.ID, "resolve", anna, `{"resolution":"credit_note"}`, 400, "credit_note")
		post("credit note not imported", d1.ID, "resolve", anna, `{"resolution":"credit_note","credit_note":"CN-404"}`, 400, "CN-404")
		post("rejected with amount", d1.ID, "resolve", anna, `{"resolution":"rejected","amount":"1.00"}`, 400, "amount")
		post("bad amount", d1.ID, "resolve", anna, `{"resolution":"write_off","amount":"1.234"}`, 400, "amount")
		post("above disputed", d1.ID, "resolve", anna, `{"resolution":"write_off","amount":"700.01"}`, 400, "amount")
		post("resolve by viewer", d1.ID, "resolve", vera, `{"resolution":"rejected"}`, 403, "")
		post("resolve elsewhere", d3, "resolve", anna, `{"resolution":"rejected"}`, 404, "")
		if d := get(anna, d1.ID); d.Status != "in_progress" || d.ResolvedAmount != nil {
			t.Fatalf("a refused resolution changed the dispute: %+v", d)
		}

		// a partial pending credit: 250.00 of 700.00 credited on the invoices
		d = post("credit pending", d1.ID, "resolve", anna, `{"resolution":"credit_pending","amount":"250.00","note":"agreed"}`, 200, "")
		if d.Status != "resolved" || d.Resolution != "credit_pending" || d.ResolvedAmount == nil || *d.ResolvedAmount != "250.00" ||
			d.ResolvedOn == nil || *d.ResolvedOn != e.today.String() || d.History[len(d.History)-1].Kind != "resolved" {
			t.Errorf("after credit: %+v", d)
		}
		open := d.Invoices[0].OpenAmount + " " + d.Invoices[1].OpenAmount
		if open != "750.00 300.00" && open != "1000.00 50.00" {
			t.Errorf("open after a credit of 250.00 on F1 (1000.00) and F2 (300.00): %s", open)
		}
		post("resolved again", d1.ID, "resolve", anna, `{"resolution":"rejected"}`, 400, "resolved already")
		post("status after resolve", d1.ID, "status", anna, `{"status":"in_progress"}`, 400, "resolved")

		// the ERP's credit note settles K2's dispute
		d = post("credit note", d2.ID, "resolve", anna, `{"resolution":"credit_note","credit_note":"CN-2"}`, 200, "")
		if d.Status != "resolved" || d.Resolution != "credit_note" || d.ResolutionRef != "CN-2" || *d.ResolvedAmount != "50.50" {
			t.Errorf("after credit note: %+v", d)
		}

		// a controller's write-off above the threshold (500.00) waits for approval
		d = post("write-off", d4, "resolve", anna, `{"resolution":"write_off","amount":600}`, 202, "")
		if d.Status != "open" || d.PendingWriteOff == nil || *d.PendingWriteOff != "600.00" || d.ResolvedAmount != nil ||
			!strings.HasPrefix(d.lastEvent(), "anna|write_off_requested|") {
			t.Errorf("after write-off request: %+v %s", d, d.lastEvent())
		}
		// a credit manager's write-off needs no approval
		d = post("write-off by manager", d4, "resolve", maria, `{"resolution":"write_off"}`, 200, "")
		if d.Status != "resolved" || d.Resolution != "write_off" || *d.ResolvedAmount != "600.00" || d.PendingWriteOff != nil {
			t.Errorf("after write-off: %+v", d)
		}

		// a rejection: nothing credited, the customer is told
		d = post("reject", d3, "resolve", maria, `{"resolution":"rejected","note":"delivered as ordered"}`, 200, "")
		if d.Status != "rejected" || d.Resolution != "rejected" || *d.ResolvedAmount != "0.00" || d.Invoices[0].OpenAmount != "500.00" {
			t.Errorf("after rejection: %+v", d)
		}
		notices := 0
		for _, m := range e.messages(store.MessageFilter{CustomerID: b1}) {
			if strings.Contains(m.Template, "dispute_rejected") {
				notices++
			}
		}
		if notices != 1 {
			t.Errorf("rejection notices to B1: %d, want 1", notices)
		}
		if l := list(anna, "?status=active"); l.Total != 0 {
			t.Errorf("active disputes after resolving all: %+v", ids(l))
		}
		if l := list(anna, "?status=resolved"); l.Total != 3 {
			t.Errorf("resolved disputes: %v", ids(l))
		}
	})
}
