package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// bankURL is the bank page of the entity with a notice.
func bankURL(code, done string) string {
	return withDone("/bank?entity="+url.QueryEscape(code), done)
}

// bankAction reads the posted entity and the transaction id of a decision
// and, on success, sends the browser back to the queue with a notice.
func (s *server) bankAction(done string, fn func(r *http.Request, e ledger.Entity, id int64) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e, err := s.formEntity(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if err := fn(r, e, id); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, bankURL(e.Code, done), http.StatusSeeOther)
	})
}

// handleBankAllocate applies a person's allocation of a queued payment: a
// suggestion accepted (item=invoice:amount fields, exact minor units), a
// split typed by hand (number and amount fields, in pairs), or nothing
// named: the payment as unallocated cash on the customer (customer id or
// customer_number). learn=1 remembers the payer's IBAN for the customer.
func (s *server) handleBankAllocate() http.Handler {
	return s.bankAction("allocated", func(r *http.Request, e ledger.Entity, id int64) error {
		u := userFrom(r)
		d := app.BankDecision{LearnIBAN: r.PostFormValue("learn") != ""}
		for _, v := range r.PostForm["item"] {
			inv, amt, ok := strings.Cut(v, ":")
			iid, err1 := strconv.ParseInt(inv, 10, 64)
			a, err2 := strconv.ParseInt(amt, 10, 64)
			if !ok || err1 != nil || err2 != nil {
				return ledger.Errorf(ledger.ErrInvalid, "item %q is not invoice:amount", v)
			}
			d.Items = append(d.Items, app.ItemAmount{InvoiceID: iid, Amount: a})
		}
		numbers, amounts := r.PostForm["number"], r.PostForm["amount"]
		p := s.newPage(r, "", "") // what was typed wrong is said in the user's language
		for i, n := range numbers {
			n = strings.TrimSpace(n)
			typed := ""
			if i < len(amounts) {
				typed = amounts[i]
			}
			if n == "" && strings.TrimSpace(typed) == "" {
				continue
			}
			invs, _, err := s.svc.Invoices(r.Context(), u, ledger.InvoiceFilter{EntityID: e.ID, Number: n, Limit: 2})
			if err != nil {
				return err
			}
			if len(invs) != 1 {
				return ledger.Errorf(ledger.ErrInvalid, "%s %d: %s %q", p.T("bank.row"), i+1, p.T("bank.err_invoice"), n)
			}
			a, err := parseFormAmount(p.Lang, typed, invs[0].Currency)
			if err != nil {
				return ledger.Errorf(ledger.ErrInvalid, "%s %d (%s): %s", p.T("bank.row"), i+1, n, amountError(p, typed, err))
			}
			d.Items = append(d.Items, app.ItemAmount{InvoiceID: invs[0].ID, Amount: a})
		}
		cid, err := strconv.ParseInt(r.PostFormValue("customer"), 10, 64)
		if err == nil {
			d.CustomerID = cid
		}
		if num := strings.TrimSpace(r.PostFormValue("customer_number")); num != "" {
			c, err := s.svc.CustomerByNumber(r.Context(), u, e.ID, num)
			if errors.Is(err, ledger.ErrNotFound) {
				return ledger.Errorf(ledger.ErrInvalid, "%s %q", p.T("bank.err_customer"), num)
			}
			if err != nil {
				return err
			}
			d.CustomerID = c.ID
		}
		return s.svc.AllocateBankTransaction(r.Context(), u, id, d)
	})
}

// handleBankIgnore sets a queued payment aside (not a customer's payment).
func (s *server) handleBankIgnore() http.Handler {
	return s.bankAction("ignored", func(r *http.Request, _ ledger.Entity, id int64) error {
		return s.svc.IgnoreBankTransaction(r.Context(), userFrom(r), id, r.PostFormValue("reason"))
	})
}

// handleBankReopen undoes a match (or a line set aside): it waits in the
// queue again.
func (s *server) handleBankReopen() http.Handler {
	return s.bankAction("reopened", func(r *http.Request, _ ledger.Entity, id int64) error {
		return s.svc.ReopenBankTransaction(r.Context(), userFrom(r), id)
	})
}

// handleBankTolerance sets the entity's tolerance for short payments.
func (s *server) handleBankTolerance() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e, err := s.formEntity(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		p := s.newPage(r, "", "")
		tol, err := parseFormAmount(p.Lang, r.PostFormValue("tolerance"), e.Currency)
		if err != nil {
			s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "%s", amountError(p, r.PostFormValue("tolerance"), err)))
			return
		}
		if err := s.svc.SetBankTolerance(r.Context(), userFrom(r), e.ID, tol); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, bankURL(e.Code, "tolerance"), http.StatusSeeOther)
	})
}
