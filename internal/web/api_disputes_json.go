package web

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// disputeJSON is a dispute in the API; amounts are exact decimal strings
// in its currency.
type disputeJSON struct {
	ID              int64                `json:"id"`
	Entity          string               `json:"entity"`
	CustomerID      int64                `json:"customer_id"`
	CustomerNumber  string               `json:"customer_number"`
	CustomerName    string               `json:"customer_name"`
	Reason          string               `json:"reason"`
	Description     string               `json:"description"`
	Currency        string               `json:"currency"`
	Amount          string               `json:"amount"`
	Status          string               `json:"status"`
	Priority        string               `json:"priority"`
	Queue           string               `json:"queue"`
	Assignee        string               `json:"assignee"`
	ProductGroup    string               `json:"product_group"`
	Opened          ledger.Date          `json:"opened"`
	DueDate         ledger.Date          `json:"due_date"`
	Overdue         bool                 `json:"overdue"`
	EscalatedOn     *ledger.Date         `json:"escalated_on"`
	Source          string               `json:"source"`
	OpenedBy        string               `json:"opened_by"`
	Resolution      string               `json:"resolution"`
	ResolvedAmount  *string              `json:"resolved_amount"`
	ResolvedOn      *ledger.Date         `json:"resolved_on"`
	ResolutionRef   string               `json:"resolution_ref"`
	PendingWriteOff *string              `json:"pending_write_off"`
	PendingBy       string               `json:"pending_by"`
	Invoices        []disputeInvoiceJSON `json:"invoices"`
	CreatedAt       time.Time            `json:"created_at"`
	UpdatedAt       time.Time            `json:"updated_at"`
}

// disputeInvoiceJSON is one disputed invoice and the part of it disputed.
type disputeInvoiceJSON struct {
	InvoiceID  int64       `json:"invoice_id"`
	Number     string      `json:"number"`
	DueDate    ledger.Date `json:"due_date"`
	Disputed   string      `json:"disputed"`
	OpenAmount string      `json:"open_amount"`
}

// disputeDetailJSON is one dispute with its history and attachments.
type disputeDetailJSON struct {
	disputeJSON
	History     []disputeEventJSON      `json:"history"`
	Attachments []disputeAttachmentJSON `json:"attachments"`
}

// disputeEventJSON is one entry of a dispute's history, oldest first.
type disputeEventJSON struct {
	ID   int64     `json:"id"`
	User string    `json:"user"`
	Kind string    `json:"kind"`
	From string    `json:"from"`
	To   string    `json:"to"`
	Note string    `json:"note"`
	At   time.Time `json:"at"`
}

// disputeAttachmentJSON describes a file kept with a dispute (not its data).
type disputeAttachmentJSON struct {
	ID          int64     `json:"id"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	User        string    `json:"user"`
	CreatedAt   time.Time `json:"created_at"`
}

func optDate(d ledger.Date) *ledger.Date {
	if d.IsZero() {
		return nil
	}
	return &d
}

func toDisputeJSON(d store.Dispute, today ledger.Date) disputeJSON {
	f := func(v int64) string { return ledger.FormatAmount(v, d.Currency) }
	out := disputeJSON{ID: d.ID, Entity: d.EntityCode, CustomerID: d.CustomerID, CustomerNumber: d.CustomerNumber,
		CustomerName: d.CustomerName, Reason: d.Reason, Description: d.Description, Currency: d.Currency, Amount: f(d.Amount),
		Status: string(d.Status), Priority: string(d.Priority), Queue: d.Queue, Assignee: d.Assignee, ProductGroup: d.ProductGroup,
		Opened: d.Opened, DueDate: d.Due, Overdue: disputes.Overdue(d.Status, d.Due, today), EscalatedOn: optDate(d.EscalatedOn),
		Source: d.Source, OpenedBy: d.OpenedBy, Resolution: d.Resolution, ResolvedOn: optDate(d.Resolved),
		ResolutionRef: d.ResolutionRef, PendingBy: d.PendingBy, Invoices: []disputeInvoiceJSON{}, CreatedAt: d.CreatedAt,
		UpdatedAt: d.UpdatedAt}
	if d.Status.Final() {
		a := f(d.ResolvedAmount)
		out.ResolvedAmount = &a
	}
	if d.PendingAmount != 0 {
		a := f(d.PendingAmount)
		out.PendingWriteOff = &a
	}
	for _, it := range d.Items {
		out.Invoices = append(out.Invoices, disputeInvoiceJSON{InvoiceID: it.InvoiceID, Number: it.Number, DueDate: it.DueDate,
			Disputed: f(it.Amount), OpenAmount: f(it.Open)})
	}
	return out
}

func toDisputeDetailJSON(dd app.DisputeDetail, today ledger.Date) disputeDetailJSON {
	out := disputeDetailJSON{disputeJSON: toDisputeJSON(dd.Dispute, today), History: []disputeEventJSON{},
		Attachments: []disputeAttachmentJSON{}}
	for _, e := range dd.Events {
		out.History = append(out.History, disputeEventJSON{ID: e.ID, User: e.User, Kind: e.Kind, From: e.From, To: e.To, Note: e.Note,
			At: e.CreatedAt})
	}
	for _, a := range dd.Attachments {
		out.Attachments = append(out.Attachments, disputeAttachmentJSON{ID: a.ID, Filename: a.Filename, ContentType: a.ContentType,
			Size: a.Size, User: a.User, CreatedAt: a.CreatedAt})
	}
	return out
}

// decimalText is an amount in a request: a JSON string ("12.50") or
// number (12.50), kept as its exact text; money is never a float.
type decimalText string

func (d *decimalText) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*d = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*d = decimalText(strings.TrimSpace(s))
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			// a type error: the decoder adds the field's path, decodeBody names it
			return &json.UnmarshalTypeError{Value: jsonValueKind(b), Type: reflect.TypeFor[decimalText]()}
		}
		*d = decimalText(n)
	}
	return nil
}

// amount parses the text into minor units of currency; field names it in
// the error.
func (d decimalText) amount(field, currency string) (int64, error) {
	v, err := ledger.ParseAmount(string(d), currency, ledger.DecimalPoint)
	if err != nil {
		return 0, ledger.Errorf(ledger.ErrInvalid, "%s: %q is not an amount in %s (write it as 1234.50)", field, string(d), currency)
	}
	return v, nil
}

// maxDisputeBody caps the body of a dispute request.
const maxDisputeBody = 256 << 10

// jsonValueKind names the kind of a JSON value that is not a string or
// number, as encoding/json's type errors do.
func jsonValueKind(b []byte) string {
	switch b[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	}
	return "value"
}
