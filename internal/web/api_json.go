package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// encode writes v as JSON with status.
func (s *server) encode(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		s.log.Warn("encode json", "err", err)
	}
}

// listJSON is the envelope of every API list. Total is omitted where the
// app does not count (payments); has_more tells whether a next page exists.
type listJSON[T any] struct {
	Items   []T  `json:"items"`
	Total   *int `json:"total,omitempty"`
	Limit   int  `json:"limit"`
	Offset  int  `json:"offset"`
	HasMore bool `json:"has_more"`
}

// API paging limits.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// paging reads the limit and offset query parameters.
func paging(r *http.Request) (limit, offset int, err error) {
	q := r.URL.Query()
	limit, offset = defaultLimit, 0
	if v := q.Get("limit"); v != "" {
		limit, err = strconv.Atoi(v)
		if err != nil || limit < 1 || limit > maxLimit {
			return 0, 0, ledger.Errorf(ledger.ErrInvalid, "limit must be a number from 1 to %d", maxLimit)
		}
	}
	if v := q.Get("offset"); v != "" {
		offset, err = strconv.Atoi(v)
		if err != nil || offset < 0 {
			return 0, 0, ledger.Errorf(ledger.ErrInvalid, "offset must be a number of 0 or more")
		}
	}
	return limit, offset, nil
}

// queryID reads an optional positive id query parameter (0 when absent).
func queryID(r *http.Request, name string) (int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, ledger.Errorf(ledger.ErrInvalid, "%s must be a positive number", name)
	}
	return id, nil
}

// queryDate reads an optional YYYY-MM-DD query parameter.
func queryDate(r *http.Request, name string) (ledger.Date, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return ledger.Date{}, nil
	}
	d, err := ledger.ParseDate(v)
	if err != nil {
		return d, ledger.Errorf(ledger.ErrInvalid, "%s must be a date YYYY-MM-DD", name)
	}
	return d, nil
}

// queryStatus reads an optional invoice status (open or paid).
func queryStatus(r *http.Request) (string, error) {
	switch v := r.URL.Query().Get("status"); v {
	case "", ledger.StatusOpen, ledger.StatusPaid:
		return v, nil
	default:
		return "", ledger.Errorf(ledger.ErrInvalid, "status must be open or paid")
	}
}

// entityJSON is an entity in the API.
type entityJSON struct {
	ID          int64    `json:"id"`
	Code        string   `json:"code"`
	Name        string   `json:"name"`
	Currency    string   `json:"currency"`
	IBANs       []string `json:"ibans"`
	AddressLine string   `json:"address_line"`
	PostalCode  string   `json:"postal_code"`
	City        string   `json:"city"`
	Country     string   `json:"country"`
	VATNumber   string   `json:"vat_number"`
	CoCNumber   string   `json:"coc_number"`
	Email       string   `json:"email"`
	Phone       string   `json:"phone"`
	Website     string   `json:"website"`
}

func toEntityJSON(e ledger.Entity) entityJSON {
	ibans := e.IBANs
	if ibans == nil {
		ibans = []string{}
	}
	return entityJSON{ID: e.ID, Code: e.Code, Name: e.Name, Currency: e.Currency, IBANs: ibans, AddressLine: e.AddressLine,
		PostalCode: e.PostalCode, City: e.City, Country: e.Country, VATNumber: e.VATNumber, CoCNumber: e.CoCNumber,
		Email: e.Email, Phone: e.Phone, Website: e.Website}
}

// customerJSON is a customer in the API.
type customerJSON struct {
	ID             int64            `json:"id"`
	Entity         string           `json:"entity"`
	Number         string           `json:"number"`
	Name           string           `json:"name"`
	Kind           string           `json:"kind"`
	CoCNumber      string           `json:"coc_number"`
	VATNumber      string           `json:"vat_number"`
	AddressLine    string           `json:"address_line"`
	PostalCode     string           `json:"postal_code"`
	City           string           `json:"city"`
	Country        string           `json:"country"`
	Email          string           `json:"email"`
	Phone          string           `json:"phone"`
	Language       string           `json:"language"`
	Segment        string           `json:"segment"`
	Region         string           `json:"region"`
	RiskClass      string           `json:"risk_class"`
	AccountManager string           `json:"account_manager"`
	Controller     string           `json:"controller"`
	ParentNumber   string           `json:"parent_number"`
	PaymentTerms   int              `json:"payment_terms"`
	Currency       string           `json:"currency"`
	CreditLimit    string           `json:"credit_limit"`
	Contacts       []ledger.Contact `json:"contacts"`
	UpdatedAt      time.Time        `json:"updated_at"`
}

func toCustomerJSON(c ledger.Customer) customerJSON {
	limit := ""
	if c.CreditLimit != 0 {
		limit = ledger.FormatAmount(c.CreditLimit, c.Currency)
	}
	contacts := c.Contacts
	if contacts == nil {
		contacts = []ledger.Contact{}
	}
	return customerJSON{ID: c.ID, Entity: c.EntityCode, Number: c.Number, Name: c.Name, Kind: c.Kind, CoCNumber: c.CoCNumber,
		VATNumber: c.VATNumber, AddressLine: c.AddressLine, PostalCode: c.PostalCode, City: c.City, Country: c.Country,
		Email: c.Email, Phone: c.Phone, Language: c.Language, Segment: c.Segment, Region: c.Region, RiskClass: c.RiskClass,
		AccountManager: c.AccountManager, Controller: c.Controller, ParentNumber: c.ParentNumber,
		PaymentTerms: c.PaymentTerms, Currency: c.Currency, CreditLimit: limit, Contacts: contacts, UpdatedAt: c.UpdatedAt}
}

// invoiceJSON is an invoice or credit note in the API; amounts are exact
// decimal strings in currency, signed (a credit note is negative).
type invoiceJSON struct {
	ID             int64       `json:"id"`
	Entity         string      `json:"entity"`
	CustomerID     int64       `json:"customer_id"`
	CustomerNumber string      `json:"customer_number"`
	Type           string      `json:"type"`
	Number         string      `json:"number"`
	InvoiceDate    ledger.Date `json:"invoice_date"`
	DueDate        ledger.Date `json:"due_date"`
	Currency       string      `json:"currency"`
	Amount         string      `json:"amount"`
	OpenAmount     string      `json:"open_amount"`
	Status         string      `json:"status"`
	DaysOverdue    int         `json:"days_overdue"`
	PaymentRef     string      `json:"payment_reference"`
	ProductGroup   string      `json:"product_group"`
	PONumber       string      `json:"po_number"`
	Description    string      `json:"description"`
	Source         string      `json:"source"`
	UpdatedAt      time.Time   `json:"updated_at"`
}

func toInvoiceJSON(i ledger.Invoice, today ledger.Date) invoiceJSON {
	days := 0
	if overdue(i, today) {
		days = i.DaysOverdue(today)
	}
	return invoiceJSON{ID: i.ID, Entity: i.EntityCode, CustomerID: i.CustomerID, CustomerNumber: i.CustomerNumber,
		Type: i.Kind, Number: i.Number, InvoiceDate: i.InvoiceDate, DueDate: i.DueDate, Currency: i.Currency,
		Amount: ledger.FormatAmount(i.Amount, i.Currency), OpenAmount: ledger.FormatAmount(i.OpenAmount, i.Currency),
		Status: i.Status, DaysOverdue: days, PaymentRef: i.PaymentRef, ProductGroup: i.ProductGroup, PONumber: i.PONumber,
		Description: i.Description, Source: i.Source, UpdatedAt: i.UpdatedAt}
}

// paymentJSON is a payment with its allocations in the API.
type paymentJSON struct {
	ID             int64            `json:"id"`
	Entity         string           `json:"entity"`
	Reference      string           `json:"reference"`
	CustomerID     int64            `json:"customer_id"`
	CustomerNumber string           `json:"customer_number"`
	Date           ledger.Date      `json:"date"`
	Currency       string           `json:"currency"`
	Amount         string           `json:"amount"`
	Unallocated    string           `json:"unallocated"`
	Description    string           `json:"description"`
	Allocations    []allocationJSON `json:"allocations"`
	Source         string           `json:"source"`
	UpdatedAt      time.Time        `json:"updated_at"`
}

// allocationJSON is the part of a payment allocated to one invoice.
type allocationJSON struct {
	InvoiceID     int64  `json:"invoice_id"`
	InvoiceNumber string `json:"invoice_number"`
	Amount        string `json:"amount"`
}

func toPaymentJSON(p ledger.Payment) paymentJSON {
	out := paymentJSON{ID: p.ID, Entity: p.EntityCode, Reference: p.Reference, CustomerID: p.CustomerID,
		CustomerNumber: p.CustomerNumber, Date: p.Date, Currency: p.Currency, Amount: ledger.FormatAmount(p.Amount, p.Currency),
		Unallocated: ledger.FormatAmount(p.Unallocated(), p.Currency), Description: p.Description,
		Allocations: []allocationJSON{}, Source: p.Source, UpdatedAt: p.UpdatedAt}
	for _, a := range p.Allocations {
		out.Allocations = append(out.Allocations, allocationJSON{InvoiceID: a.InvoiceID, InvoiceNumber: a.InvoiceNumber,
			Amount: ledger.FormatAmount(a.Amount, p.Currency)})
	}
	return out
}

// decodeBody reads a JSON request body of at most limit bytes into v,
// refusing unknown fields, with an error that names the field at fault.
func decodeBody(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	if err := requireContentType(r, "application/json"); err != nil {
		return err
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("one JSON object only")
	}
	var tooBig *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &tooBig):
		return err
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return ledger.Errorf(ledger.ErrInvalid, "%s: must be %s, not %s", typeErr.Field, jsonKind(typeErr.Type), typeErr.Value)
	}
	return ledger.Errorf(ledger.ErrInvalid, "the body must be a JSON object: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// jsonKind names a Go type as JSON does.
func jsonKind(t reflect.Type) string {
	if t == reflect.TypeFor[decimalText]() {
		return "a decimal string or number"
	}
	switch k := t.Kind().String(); k {
	case "int", "int64", "int32", "uint", "uint64":
		return "an integer"
	case "string":
		return "a string"
	case "slice":
		return "an array"
	case "struct", "map":
		return "an object"
	case "bool":
		return "true or false"
	}
	return fmt.Sprintf("a %s", t.Kind())
}
