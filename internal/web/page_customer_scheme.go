package web

import (
	"net/http"
	"strconv"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// handleCustomerScheme gives a customer its own dunning scheme, or with
// scheme=0 returns it to the rules (credit managers and admins), and
// shows the customer's dunning section again.
func (s *server) handleCustomerScheme() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		scheme, err := strconv.ParseInt(r.PostFormValue("scheme"), 10, 64)
		if err != nil || scheme < 0 {
			s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "choose a scheme, or the rules"))
			return
		}
		if err := s.svc.SetCustomerScheme(r.Context(), userFrom(r), id, scheme); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, withDone(customerURL(id), "scheme")+"#dunning", http.StatusSeeOther)
	})
}
