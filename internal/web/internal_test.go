package web

import (
	"encoding/json"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/bank/match"
	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// TestOpenAPICoversRoutes checks that the OpenAPI document and routes.go
// agree: every /api/v1 route is documented, and nothing else is.
func TestOpenAPICoversRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	routes := map[string]bool{}
	for _, rt := range (&server{}).routes() {
		method, path, ok := strings.Cut(rt.pattern, " ")
		if !ok || !strings.HasPrefix(path, "/api/v1/") {
			continue
		}
		key := strings.ToLower(method) + " " + path
		routes[key] = true
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("route %s %s is not in openapi.json", method, path)
		}
	}
	for path, ops := range doc.Paths {
		if !strings.HasPrefix(path, "/api/v1/") {
			continue
		}
		for method := range ops {
			if method != "parameters" && !routes[method+" "+path] {
				t.Errorf("openapi.json documents %s %s, which routes.go does not serve", method, path)
			}
		}
	}
}

// TestOpenAPISchemas checks that the document's $refs resolve and that
// its response schemas list exactly the JSON fields the handlers write.
func TestOpenAPISchemas(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if _, ok := schemas[strings.TrimPrefix(ref, "#/components/schemas/")]; !ok {
					t.Errorf("unresolved $ref %s", ref)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	types := map[string]any{"Entity": entityJSON{}, "Customer": customerJSON{}, "Invoice": invoiceJSON{},
		"Payment": paymentJSON{}, "Allocation": allocationJSON{}, "Contact": ledger.Contact{}, "Error": apiErrorBody{},
		"Health": healthJSON{}, "ImportReport": app.ImportReport{}, "Problem": app.Problem{},
		"Run": runJSON{}, "Level": levelJSON{}, "RunReport": runReportJSON{}, "PlannedAction": plannedJSON{},
		"PlannedItem": plannedItemJSON{}, "Message": messageJSON{}, "RunRequest": runRequest{}}
	for name, v := range types {
		props := schemas[name].(map[string]any)["properties"].(map[string]any)
		rt := reflect.TypeOf(v)
		fields := map[string]bool{}
		for i := 0; i < rt.NumField(); i++ {
			tag, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
			if tag == "" || tag == "-" {
				continue
			}
			fields[tag] = true
			if _, ok := props[tag]; !ok {
				t.Errorf("schema %s lacks field %s", name, tag)
			}
		}
		for p := range props {
			if !fields[p] {
				t.Errorf("schema %s documents %s, which the code does not write", name, p)
			}
		}
	}
	for _, k := range csvfmt.Kinds() {
		name := map[csvfmt.Kind]string{csvfmt.Entities: "EntityRecord", csvfmt.Customers: "CustomerRecord",
			csvfmt.Invoices: "InvoiceRecord", csvfmt.Payments: "PaymentRecord"}[k]
		props := schemas[name].(map[string]any)["properties"].(map[string]any)
		cols := csvfmt.Columns(k)
		if len(props) != len(cols) {
			t.Errorf("%s has %d properties, the CSV format %d columns", name, len(props), len(cols))
		}
		for _, c := range cols {
			if _, ok := props[c.Name]; !ok {
				t.Errorf("%s lacks column %s", name, c.Name)
			}
		}
	}
}

// TestTranslations checks that every key the templates use is translated
// into both languages.
func TestTranslations(t *testing.T) {
	for k, m := range messages {
		if m.en == "" || m.nl == "" {
			t.Errorf("%s lacks a translation", k)
		}
	}
	used := regexp.MustCompile(`\.T "([^"]+)"`)
	err := fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFS, path)
		if err != nil {
			return err
		}
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s uses %q, which has no translation", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	built := []string{"status.open", "status.paid", "kind.invoice", "kind.credit_note", "role.billing", "role.dunning", "role.general",
		"kindval.b2b", "kindval.consumer"}
	for _, c := range append(append([]string{}, msgChannels...), levelChannels...) {
		built = append(built, "channel."+c)
	}
	for _, st := range msgStatuses {
		built = append(built, "msgstatus."+st)
	}
	for _, st := range []string{store.RunAwaitingApproval, store.RunRunning, store.RunDone, store.RunFailed} {
		built = append(built, "runstatus."+st)
	}
	for _, name := range comms.DefaultTemplates().Names() {
		built = append(built, "tpl."+name)
	}
	for k := range noticeKeys {
		built = append(built, "notice."+k)
	}
	for _, r := range []string{match.RuleStructuredRef, match.RuleInvoiceNumber, match.RuleInvoiceNumberTypo, match.RuleInvoiceNumberAmbiguous,
		match.RuleInvoiceNumbersSum, match.RuleInvoiceNumbersSubset, match.RuleAlreadyPaid, match.RuleIBANAmount, match.RuleIBANOldestExact,
		match.RuleIBANAmountSum, match.RuleIBANOldestFirst, match.RuleIBANOnAccount, match.RuleNameAmount, match.RuleAmountUnique} {
		built = append(built, "bank.rule."+r)
	}
	for _, prefix := range built {
		if _, ok := messages[prefix]; !ok {
			t.Errorf("no translation for %s (built with printf in templates)", prefix)
		}
	}
}

func TestFormatMoney(t *testing.T) {
	const s = "\u00a0"
	tests := []struct {
		lang     string
		minor    int64
		currency string
		want     string
	}{
		{"nl", 123456, "EUR", "€" + s + "1.234,56"},
		{"en", 123456, "EUR", "EUR" + s + "1,234.56"},
		{"nl", -123456, "EUR", "€" + s + "-1.234,56"},
		{"en", -123456, "EUR", "EUR" + s + "-1,234.56"},
		{"nl", 5, "EUR", "€" + s + "0,05"},
		{"en", 0, "EUR", "EUR" + s + "0.00"},
		{"nl", 100000000, "USD", "USD" + s + "1.000.000,00"},
		{"en", 123456789012, "EUR", "EUR" + s + "1,234,567,890.12"},
		{"nl", 1234, "JPY", "JPY" + s + "1.234"},
		{"en", 1234567, "KWD", "KWD" + s + "1,234.567"},
		{"en", -99, "GBP", "GBP" + s + "-0.99"},
	}
	for _, tt := range tests {
		if got := formatMoney(tt.lang, tt.minor, tt.currency); got != tt.want {
			t.Errorf("formatMoney(%s, %d, %s) = %q, want %q", tt.lang, tt.minor, tt.currency, got, tt.want)
		}
	}
	d := ledger.MustDate("2026-11-22")
	if got := formatDate("nl", d); got != "22-11-2026" {
		t.Errorf("nl date %q", got)
	}
	if got := formatDate("en", d); got != "2026-11-22" {
		t.Errorf("en date %q", got)
	}
	if got := formatInt("nl", 1234567); got != "1.234.567" {
		t.Errorf("nl int %q", got)
	}
}

func TestPanicRecovery(t *testing.T) {
	s := &server{log: slog.New(slog.DiscardHandler)}
	h := s.logRequests(s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })))
	for _, path := range []string{"/customers", "/api/v1/customers"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), "boom") {
			t.Errorf("%s: %d %q", path, w.Code, w.Body.String())
		}
	}
}

func TestPager(t *testing.T) {
	u := mustURL(t, "/customers?q=a&page=7")
	p := newPager(u, "page", 7, 20*perPage, false)
	var got []string
	for _, l := range p.Links {
		if l.Gap {
			got = append(got, "…")
		} else if l.Current {
			got = append(got, "["+itoa(l.N)+"]")
		} else {
			got = append(got, itoa(l.N))
		}
	}
	if want := "1 … 5 6 [7] 8 9 … 20"; strings.Join(got, " ") != want {
		t.Errorf("links %q, want %q", strings.Join(got, " "), want)
	}
	if p.Prev != "/customers?page=6&q=a" || p.Next != "/customers?page=8&q=a" {
		t.Errorf("prev %q next %q", p.Prev, p.Next)
	}
	if p := newPager(u, "page", 1, 10, false); p.Prev != "" || p.Next != "" || p.Links != nil {
		t.Errorf("one page: %+v", p)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func itoa(n int) string { return strconv.Itoa(n) }
