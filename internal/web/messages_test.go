package web_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
	"github.com/kredo-dev/kredo/internal/web"
)

// failOne makes the delivery of one pending message fail for good, as the
// delivery worker does after its last attempt.
func (e *env) failOne(channel string) store.Message {
	e.t.Helper()
	ctx := context.Background()
	ms, err := e.st.ClaimMessages(ctx, []string{channel}, 1)
	if err != nil || len(ms) != 1 {
		e.t.Fatalf("claim: %v %d", err, len(ms))
	}
	if err := e.st.MarkRetry(ctx, ms[0].ID, "550 mailbox unavailable", time.Now(), true); err != nil {
		e.t.Fatal(err)
	}
	return ms[0]
}

// TestMessagesPages checks the outbox list with its filters and export,
// the mail viewer with its sandboxed body, a letter's PDF and sending a
// failed message again.
func TestMessagesPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.dunningLedger()
		e.run("NL01")
		e.user("anna", "en", ledger.RoleController)
		e.user("vera", "en", ledger.RoleViewer)
		c := e.client()
		c.login("anna")

		res := c.get("/messages?entity=NL01")
		wantStatus(t, "messages", res, http.StatusOK)
		selectOne(t, res.body, "#no-mail")
		if got := nodeText(selectOne(t, res.body, "#total")); got != "4" {
			t.Errorf("total %q", got)
		}
		if got := joined(t, res.body, "table#messages tr.message td.customer a"); got != "K3|K3|K2|K1" { // newest first
			t.Errorf("customers %q", got)
		}
		if got := joined(t, res.body, "table#messages tr.message td.level"); got != "4. Final notice|4. Final notice|3. Phone call|2. Second reminder" {
			t.Errorf("levels %q", got)
		}
		if got := joined(t, res.body, "table#messages tr.message td.status"); got != "to print|to send|open task|to send" {
			t.Errorf("statuses %q", got)
		}
		res = c.get("/messages?entity=NL01&channel=letter")
		if got := joined(t, res.body, "table#messages tr.message td.channel"); got != "letter" {
			t.Errorf("letters %q", got)
		}
		wantStatus(t, "bad channel", c.get("/messages?channel=fax"), http.StatusBadRequest)

		// the export has the columns of kredo export messages
		exp := c.get("/messages.csv?entity=NL01&channel=email")
		wantStatus(t, "csv", exp, http.StatusOK)
		if ct := exp.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Errorf("csv content type %q", ct)
		}
		recs, err := csv.NewReader(strings.NewReader(string(exp.body))).ReadAll()
		if err != nil || len(recs) != 3 {
			t.Fatalf("csv: %v %d rows\n%s", err, len(recs), exp.body)
		}
		if got := strings.Join(recs[0], ","); got != "id,entity,customer_number,customer_name,run_date,level,level_name,channel,to,subject,items,currency,total,interest,costs,status,attempts,last_error,created_at,sent_at" {
			t.Errorf("csv header %s", got)
		}
		if got := strings.Join(recs[1][1:8], ","); got != "NL01,K1,Bakkerij Jansen,"+e.today.String()+",2,Second reminder,email" {
			t.Errorf("csv row %s", got)
		}
		if recs[1][10] != "F-1" || recs[1][12] != "1000.00" || recs[1][15] != "pending" {
			t.Errorf("csv row %v", recs[1])
		}

		// the mail viewer
		mail := byChannel(t, e.messages(store.MessageFilter{CustomerID: e.customerID("NL01", "K1")}), "email")
		path := "/messages/" + itoa64(mail.ID)
		res = c.get(path)
		wantStatus(t, "viewer", res, http.StatusOK)
		if got := nodeText(selectOne(t, res.body, "h1#subject")); got != mail.Subject || got == "" {
			t.Errorf("subject %q, want %q", got, mail.Subject)
		}
		if got := nodeText(selectOne(t, res.body, "#message-id")); got != mail.MessageID {
			t.Errorf("message id %q", got)
		}
		frame := selectOne(t, res.body, "iframe#body-html")
		if _, ok := attrOK(frame, "sandbox"); !ok || attr(frame, "src") != path+"/body.html" {
			t.Errorf("frame %v", frame.Attr)
		}
		if csp := res.header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-src 'self'") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("viewer CSP %q", csp)
		}
		if got := nodeText(selectOne(t, res.body, "#body-text")); !strings.Contains(got, "F-1") {
			t.Errorf("text body %q", got)
		}
		if n := len(selectAll(t, res.body, "#resend")) + len(selectAll(t, res.body, "#pdf")); n != 0 {
			t.Errorf("a pending e-mail offers resend or a PDF")
		}
		body := c.get(path + "/body.html")
		wantStatus(t, "body", body, http.StatusOK)
		csp := body.header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "style-src 'unsafe-inline'", "sandbox"} {
			if !strings.Contains(csp, want) {
				t.Errorf("body CSP %q lacks %q", csp, want)
			}
		}
		if strings.Contains(csp, "script-src") || string(body.body) != mail.BodyHTML {
			t.Errorf("body CSP %q or body differs", csp)
		}

		// a letter and its PDF
		letter := byChannel(t, e.messages(store.MessageFilter{Channel: "letter"}), "letter")
		res = c.get("/messages/" + itoa64(letter.ID))
		pdfPath := attr(selectOne(t, res.body, "a#pdf"), "href")
		if pdfPath != "/messages/"+itoa64(letter.ID)+".pdf" {
			t.Errorf("pdf link %q", pdfPath)
		}
		pdf := c.get(pdfPath)
		wantStatus(t, "pdf", pdf, http.StatusOK)
		if ct, cd := pdf.header.Get("Content-Type"), pdf.header.Get("Content-Disposition"); ct != "application/pdf" || !strings.HasPrefix(cd, "inline") {
			t.Errorf("pdf headers %q %q", ct, cd)
		}
		if !strings.HasPrefix(string(pdf.body), "%PDF") {
			t.Errorf("pdf body %q", pdf.body[:min(8, len(pdf.body))])
		}
		wantStatus(t, "pdf of an e-mail", c.get(path+".pdf"), http.StatusNotFound)
		wantStatus(t, "body of a letter", c.get("/messages/"+itoa64(letter.ID)+"/body.html"), http.StatusNotFound)
		wantStatus(t, "bad pdf id", c.get("/messages/x.pdf"), http.StatusNotFound)

		// a failed e-mail is sent again by a controller, not by a viewer
		failed := e.failOne("email")
		fpath := "/messages/" + itoa64(failed.ID)
		v := e.client()
		v.login("vera")
		if n := len(selectAll(t, v.get(fpath).body, "#resend")); n != 0 {
			t.Errorf("viewer offered resend")
		}
		wantStatus(t, "viewer resend", v.post(fpath+"/resend", nil), http.StatusForbidden)
		res = c.get(fpath)
		if got := nodeText(selectOne(t, res.body, "#last-error")); got != "550 mailbox unavailable" {
			t.Errorf("last error %q", got)
		}
		loc := location(t, c.post(fpath+"/resend", nil))
		res = c.get(loc)
		if got := nodeText(selectOne(t, res.body, "#status")); got != "to send" {
			t.Errorf("after resend: %q", got)
		}
		wantStatus(t, "resend a pending message", c.post(fpath+"/resend", nil), http.StatusConflict)

		// with a mail server there is no note
		srv := httptest.NewServer(web.NewServer(e.svc, web.Options{Version: "test", MailConfigured: true}))
		defer srv.Close()
		e.srv = srv
		m := e.client()
		m.login("anna")
		if n := len(selectAll(t, m.get("/messages").body, "#no-mail")); n != 0 {
			t.Errorf("mail configured, yet the note shows")
		}
	})
}
