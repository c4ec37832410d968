package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// statusActive is the list filter for disputes not resolved or rejected.
const statusActive = "active"

// handleAPIDisputes lists disputes, the most urgent (earliest due date)
// first: ?entity=&customer_id=&status=&reason=&queue=&assignee=&overdue=
// &limit=&offset=.
func (s *server) handleAPIDisputes() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := s.disputeFilter(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		list, total, err := s.svc.Disputes(r.Context(), userFrom(r), f)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		today := s.svc.Today()
		out := listJSON[disputeJSON]{Items: []disputeJSON{}, Total: &total, Limit: f.Limit, Offset: f.Offset,
			HasMore: f.Offset+len(list) < total}
		for _, d := range list {
			out.Items = append(out.Items, toDisputeJSON(d, today))
		}
		s.encode(w, http.StatusOK, out)
	})
}

// disputeFilter reads the list's query parameters.
func (s *server) disputeFilter(r *http.Request) (store.DisputeFilter, error) {
	var f store.DisputeFilter
	e, err := s.apiEntity(r)
	if err != nil {
		return f, err
	}
	f.EntityID = e.ID
	if f.Limit, f.Offset, err = paging(r); err != nil {
		return f, err
	}
	if f.CustomerID, err = queryID(r, "customer_id"); err != nil {
		return f, err
	}
	q := r.URL.Query()
	switch st := q.Get("status"); {
	case st == statusActive:
		f.OpenOnly = true
	case st != "" && !disputes.Status(st).Valid():
		return f, ledger.Errorf(ledger.ErrInvalid, "status must be one of %s or %s", statusList(), statusActive)
	default:
		f.Status = disputes.Status(st)
	}
	if f.Reason = q.Get("reason"); f.Reason != "" {
		reasons, err := s.svc.DisputeReasons(r.Context())
		if err != nil {
			return f, err
		}
		if !slices.ContainsFunc(reasons, func(rs disputes.Reason) bool { return rs.Code == f.Reason }) {
			return f, ledger.Errorf(ledger.ErrInvalid, "reason: unknown reason code %q", f.Reason)
		}
	}
	if qu := q.Get("queue"); qu != "" {
		f.Queues = []string{qu}
	}
	f.Assignee = q.Get("assignee")
	switch q.Get("overdue") {
	case "", "false", "0":
	case "true", "1":
		f.OverdueOn = s.svc.Today()
	default:
		return f, ledger.Errorf(ledger.ErrInvalid, "overdue must be true or false")
	}
	return f, nil
}

func statusList() string {
	names := make([]string, len(disputes.Statuses))
	for i, st := range disputes.Statuses {
		names[i] = string(st)
	}
	return strings.Join(names, ", ")
}

// disputeRequest is the body of POST /api/v1/disputes.
type disputeRequest struct {
	CustomerID     int64                   `json:"customer_id"`
	Entity         string                  `json:"entity"`
	CustomerNumber string                  `json:"customer_number"`
	Invoices       []disputeInvoiceRequest `json:"invoices"`
	Reason         string                  `json:"reason"`
	Description    string                  `json:"description"`
}

// disputeInvoiceRequest names one invoice of a new dispute, by id or by
// number, and the part of it disputed (absent: all that is open).
type disputeInvoiceRequest struct {
	InvoiceID int64       `json:"invoice_id"`
	Number    string      `json:"number"`
	Amount    decimalText `json:"amount"`
}

// handleAPIOpenDispute opens a dispute (controllers and up; source "api"):
// 201 with the dispute, routed, with its due date and history.
func (s *server) handleAPIOpenDispute() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req disputeRequest
		if err := decodeBody(w, r, maxDisputeBody, &req); err != nil {
			s.apiError(w, r, err)
			return
		}
		u := userFrom(r)
		nd, err := s.newDispute(r, u, req)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		id, err := s.svc.OpenDispute(r.Context(), u, nd)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		s.writeDispute(w, r, http.StatusCreated, id)
	})
}

// newDispute resolves the request's customer and invoices into the app's
// terms; every error names the field at fault.
func (s *server) newDispute(r *http.Request, u ledger.User, req disputeRequest) (app.NewDispute, error) {
	ctx := r.Context()
	nd := app.NewDispute{Reason: strings.TrimSpace(req.Reason), Description: req.Description, Source: store.DisputeAPI}
	var c ledger.Customer
	var err error
	switch {
	case req.CustomerID != 0 && (req.Entity != "" || req.CustomerNumber != ""):
		return nd, ledger.Errorf(ledger.ErrInvalid, "customer_id: name the customer by customer_id or by entity and customer_number, not both")
	case req.CustomerID < 0:
		return nd, ledger.Errorf(ledger.ErrInvalid, "customer_id: must be a positive number")
	case req.CustomerID != 0:
		if c, err = s.svc.Customer(ctx, u, req.CustomerID); errors.Is(err, ledger.ErrNotFound) {
			return nd, ledger.Errorf(ledger.ErrInvalid, "customer_id: no customer %d", req.CustomerID)
		} else if err != nil {
			return nd, err
		}
	case req.Entity == "" || req.CustomerNumber == "":
		return nd, ledger.Errorf(ledger.ErrInvalid, "customer_id, or entity and customer_number, is required")
	default:
		es, err := s.svc.Entities(ctx, u)
		if err != nil {
			return nd, err
		}
		e, err := pickEntity(es, req.Entity)
		if err != nil {
			return nd, ledger.Errorf(ledger.ErrInvalid, "entity: unknown entity %q", req.Entity)
		}
		if c, err = s.svc.CustomerByNumber(ctx, u, e.ID, req.CustomerNumber); errors.Is(err, ledger.ErrNotFound) {
			return nd, ledger.Errorf(ledger.ErrInvalid, "customer_number: no customer %s in %s", req.CustomerNumber, e.Code)
		} else if err != nil {
			return nd, err
		}
	}
	nd.CustomerID = c.ID
	if nd.Reason == "" {
		return nd, ledger.Errorf(ledger.ErrInvalid, "reason is required")
	}
	if len(req.Invoices) == 0 {
		return nd, ledger.Errorf(ledger.ErrInvalid, "invoices: a dispute needs at least one invoice")
	}
	for i, ir := range req.Invoices {
		field := fmt.Sprintf("invoices[%d]", i)
		inv, err := s.disputedInvoice(r, u, c, ir, field)
		if err != nil {
			return nd, err
		}
		di := app.DisputedInvoice{InvoiceID: inv.ID}
		if ir.Amount != "" {
			if di.Amount, err = ir.Amount.amount(field+".amount", inv.Currency); err != nil {
				return nd, err
			}
			if di.Amount <= 0 {
				return nd, ledger.Errorf(ledger.ErrInvalid, "%s.amount: must be more than 0 (leave it out to dispute all that is open)", field)
			}
		}
		nd.Invoices = append(nd.Invoices, di)
	}
	return nd, nil
}

// disputedInvoice finds an invoice of the customer by id or number.
func (s *server) disputedInvoice(r *http.Request, u ledger.User, c ledger.Customer, ir disputeInvoiceRequest, field string) (ledger.Invoice, error) {
	switch {
	case ir.InvoiceID != 0 && ir.Number != "":
		return ledger.Invoice{}, ledger.Errorf(ledger.ErrInvalid, "%s: name the invoice by invoice_id or by number, not both", field)
	case ir.InvoiceID != 0:
		inv, err := s.svc.Invoice(r.Context(), u, ir.InvoiceID)
		if errors.Is(err, ledger.ErrNotFound) || (err == nil && inv.CustomerID != c.ID) {
			return inv, ledger.Errorf(ledger.ErrInvalid, "%s.invoice_id: invoice %d is not one of customer %s's", field, ir.InvoiceID, c.Number)
		}
		return inv, err
	case ir.Number != "":
		invs, _, err := s.svc.Invoices(r.Context(), u, ledger.InvoiceFilter{EntityID: c.EntityID, CustomerID: c.ID,
			Number: ir.Number, Kind: ledger.InvoiceKindInvoice, Limit: 1})
		if err != nil {
			return ledger.Invoice{}, err
		}
		if len(invs) == 0 {
			return ledger.Invoice{}, ledger.Errorf(ledger.ErrInvalid, "%s.number: customer %s has no invoice %s", field, c.Number, ir.Number)
		}
		return invs[0], nil
	}
	return ledger.Invoice{}, ledger.Errorf(ledger.ErrInvalid, "%s: invoice_id or number is required", field)
}

// writeDispute answers with a dispute and its history, as the user sees it.
func (s *server) writeDispute(w http.ResponseWriter, r *http.Request, status int, id int64) {
	dd, err := s.svc.Dispute(r.Context(), userFrom(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.encode(w, status, toDisputeDetailJSON(dd, s.svc.Today()))
}
