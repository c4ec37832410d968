package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/bank"
	"github.com/kredo-dev/kredo/internal/bank/match"
	"github.com/kredo-dev/kredo/internal/bank/parse"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// StatementOptions control a bank statement import.
type StatementOptions struct {
	// EntityCode is the entity an account not yet known is registered to;
	// empty: the entity whose IBANs include the account, else the first
	// entity (by code) the actor may write to.
	EntityCode string
	// Tolerance, when above 0, overrides the entity's configured tolerance
	// (SetBankTolerance): the difference (minor units) that still counts as
	// full payment; see match.Options.
	Tolerance int64
}

// StatementReport tells what a bank statement import did.
type StatementReport struct {
	ImportID        int64            `json:"import_id"`
	File            string           `json:"file"`
	Formats         []string         `json:"formats,omitempty"`
	Statements      int              `json:"statements"`       // statements in the file
	KnownStatements int              `json:"known_statements"` // of which imported before
	Transactions    int              `json:"transactions"`     // booked transactions in the file
	New             int              `json:"new"`
	AlreadyBooked   int              `json:"already_booked"`
	Pending         int              `json:"pending,omitempty"` // not booked yet (camt pending entries): skipped
	AutoMatched     int              `json:"auto_matched"`
	AutoAmounts     map[string]int64 `json:"auto_amounts,omitempty"` // per currency, minor units
	Suggested       int              `json:"suggested"`
	Unmatched       int              `json:"unmatched"`
	Ignored         int              `json:"ignored"`                  // outgoing, reversals, returns
	ShortPayments   int              `json:"short_payments,omitempty"` // certain matches that left more than the tolerance open
	Committed       bool             `json:"committed"`
	Problems        []Problem        `json:"problems,omitempty"`
}

func (r *StatementReport) problem(p Problem) {
	if len(r.Problems) < maxProblems {
		r.Problems = append(r.Problems, p)
	}
}

// ImportStatement imports a bank statement file (MT940/MT942, camt.052/053/054
// or a zip of those) in one transaction: it books the transactions not
// booked before (the bank's reference, else a content hash, identifies a
// transaction per account, so a file imported twice or overlapping
// statements book each transaction once), matches each new payment in to
// the entity's open items and, when the match is certain, records a ledger
// payment (source "bank") allocated to the invoices, which lowers their open
// amounts and closes those paid in full. Suggestions wait for a person
// (state "suggested"); money in that fits nothing is "unmatched"; outgoing
// payments, reversals and returns are booked as "ignored".
//
// A file that cannot be parsed, or any statement in it whose balances do not
// add up (opening + entries ≠ closing, see bank.Statement.Check), is
// reported as a problem and nothing of the file is written: a statement
// that does not balance was read wrongly or is incomplete.
func (s *Service) ImportStatement(ctx context.Context, actor ledger.User, r io.Reader, file string, opt StatementOptions) (StatementReport, error) {
	rep := StatementReport{File: file, AutoAmounts: map[string]int64{}}
	if err := requireWrite(actor); err != nil {
		return rep, err
	}
	id, err := s.store.StartImport(ctx, "statement", file, actor.Username)
	if err != nil {
		return rep, err
	}
	rep.ImportID = id
	err = s.importStatement(ctx, actor, r, file, opt, &rep)
	rep.Committed = err == nil
	if !rep.Committed {
		rep.New, rep.AutoMatched, rep.Suggested, rep.Unmatched, rep.Ignored = 0, 0, 0, 0, 0
		clear(rep.AutoAmounts)
	}
	status, err := s.finishImport(ctx, store.ImportRun{ID: id, Inserted: rep.New, Unchanged: rep.AlreadyBooked,
		Rejected: len(rep.Problems)}, err)
	if err != nil {
		return rep, fmt.Errorf("import statement %s: %w", file, err)
	}
	s.log.Info("import statement", "file", file, "user", actor.Username, "status", status, "statements", rep.Statements,
		"new", rep.New, "already_booked", rep.AlreadyBooked, "auto", rep.AutoMatched, "suggested", rep.Suggested, "unmatched", rep.Unmatched)
	return rep, nil
}

// matchState is the matcher of one entity within an import.
type matchState struct {
	entity ledger.Entity
	ix     *match.Index  // set when ready is closed, unless err is
	ready  chan struct{} // closed when ix is built (in the background, see matcher)
	err    error         // why ix could not be built
	tol    int64         // the tolerance for short payments (minor units)
	// learned are the IBANs learned since the last batch was written
	// (see matchAll); the matching goroutine's alone
	learned map[string]int64
	// refs are the payment references taken in the entity (looked up for
	// every new line before anything is written, see statement) and given
	// by this import since (see paymentRefs); the writing goroutine's alone
	refs map[string]bool
}

func (s *Service) importStatement(ctx context.Context, actor ledger.User, r io.Reader, file string, opt StatementOptions, rep *StatementReport) error {
	entities, err := s.store.Entities(ctx, actor.Scope())
	if err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		ctx, cancel := context.WithCancel(tx.Context())
		defer cancel()
		im := &statementImport{s: s, tx: tx, ctx: ctx, actor: actor, file: file, opt: opt, rep: rep, entities: entities,
			states: map[int64]*matchState{}, booked: map[int64]map[string]bool{}}
		if e, ok := im.likelyEntity(); ok {
			// its open items are read and indexed while the file is parsed
			if _, err := im.matcher(e.ID); err != nil {
				return err
			}
		}
		sts, err := parse.Parse(r, file)
		if err != nil {
			var pe *bank.ParseError
			if errors.As(err, &pe) {
				rep.problem(Problem{File: pe.File, Row: pe.Line, Field: pe.Field, Reason: pe.Reason})
				return errRejected
			}
			return err
		}
		rep.Statements = len(sts)
		for _, st := range sts {
			if err := st.Check(); err != nil {
				rep.problem(Problem{File: file, Field: "balance", Reason: err.Error()})
			}
			if !slices.Contains(rep.Formats, st.Format) {
				rep.Formats = append(rep.Formats, st.Format)
			}
			if st.Account == "" {
				rep.problem(Problem{File: file, Field: "account", Reason: fmt.Sprintf("statement %s names no account", st.ID)})
			}
		}
		if len(rep.Problems) > 0 {
			return errRejected
		}
		var work []statementWork
		for _, st := range sts {
			w, ok, err := im.statement(st)
			if err != nil {
				return err
			}
			if ok && len(w.txs) > 0 {
				work = append(work, w)
			}
		}
		if len(rep.Problems) > 0 {
			return errRejected // nothing is written: skip the matching
		}
		return im.matchAndWrite(work)
	})
}

// statementImport is the state of one statement import transaction.
type statementImport struct {
	s        *Service
	tx       *store.Tx
	ctx      context.Context // the transaction's, cancelled when it ends
	actor    ledger.User
	file     string
	opt      StatementOptions
	rep      *StatementReport
	entities []ledger.Entity
	states   map[int64]*matchState // entity id -> its matcher
	// booked are the keys this import books, per account: a transaction
	// in two statements of the file is booked once (the database knows
	// only what was booked before the import)
	booked map[int64]map[string]bool
}

// account finds or registers the statement's account.
func (im *statementImport) account(st bank.Statement) (store.BankAccount, bool, error) {
	acc, ok, err := im.tx.BankAccount(st.Account)
	if err != nil {
		return acc, false, err
	}
	if ok {
		e, granted := im.entityByID(acc.EntityID)
		switch {
		case !granted:
			im.rep.problem(Problem{File: im.file, Field: "account", Value: st.Account,
				Reason: fmt.Sprintf("account %s belongs to an entity not granted to you", st.Account)})
			return acc, false, nil
		case im.opt.EntityCode != "" && e.Code != im.opt.EntityCode:
			im.rep.problem(Problem{File: im.file, Field: "account", Value: st.Account,
				Reason: fmt.Sprintf("account %s is registered to entity %s, not %s", st.Account, e.Code, im.opt.EntityCode)})
			return acc, false, nil
		}
		return acc, true, nil
	}
	e, found := im.entityFor(st.Account)
	if !found {
		reason := "no entity to register the account to (or none granted to you); import entities first"
		if im.opt.EntityCode != "" {
			reason = fmt.Sprintf("unknown entity %q (or not granted to you)", im.opt.EntityCode)
		}
		im.rep.problem(Problem{File: im.file, Field: "entity", Value: im.opt.EntityCode, Reason: reason})
		return acc, false, nil
	}
	acc, err = im.tx.RegisterBankAccount(e.ID, st.Account)
	return acc, err == nil, err
}

func (im *statementImport) entityByID(id int64) (ledger.Entity, bool) {
	for _, e := range im.entities {
		if e.ID == id {
			return e, true
		}
	}
	return ledger.Entity{}, false
}

func (im *statementImport) entityByCode(code string) (ledger.Entity, bool) {
	for _, e := range im.entities {
		if e.Code == code {
			return e, true
		}
	}
	return ledger.Entity{}, false
}

// likelyEntity returns the entity the file's accounts belong to when it
// is known before the file is read: the one named, else the only one the
// actor may write to (an account of another entity is a problem then).
func (im *statementImport) likelyEntity() (ledger.Entity, bool) {
	if im.opt.EntityCode != "" {
		return im.entityByCode(im.opt.EntityCode)
	}
	if len(im.entities) == 1 {
		return im.entities[0], true
	}
	return ledger.Entity{}, false
}

// entityFor picks the entity a new account is registered to: the one named,
// else the one whose IBANs include the account, else the first by code.
func (im *statementImport) entityFor(account string) (ledger.Entity, bool) {
	if im.opt.EntityCode != "" {
		return im.entityByCode(im.opt.EntityCode)
	}
	for _, e := range im.entities {
		for _, iban := range e.IBANs {
			if normIBAN(iban) == account {
				return e, true
			}
		}
	}
	if len(im.entities) == 0 {
		return ledger.Entity{}, false
	}
	return im.entities[0], true
}

// matcher returns the entity's matcher, built once per import from its
// open items and known IBANs.
func (im *statementImport) matcher(entityID int64) (*matchState, error) {
	if ms, ok := im.states[entityID]; ok {
		return ms, nil
	}
	e, _ := im.entityByID(entityID)
	tol := im.opt.Tolerance
	if tol <= 0 {
		var err error
		if tol, err = im.tx.BankTolerance(entityID); err != nil {
			return nil, err
		}
	}
	ms := &matchState{entity: e, ready: make(chan struct{}), tol: tol, learned: map[string]int64{}, refs: map[string]bool{}}
	// the open items are read on another connection (see
	// store.Store.OpenItems) and the index built while this transaction
	// records the statements and looks up their booked keys; nothing waits
	// for it when the import stops before matching (im.ctx is cancelled)
	go func() {
		defer close(ms.ready)
		items, err := im.s.store.OpenItems(im.ctx, entityID)
		if err != nil {
			ms.err = err
			return
		}
		ibans, err := im.s.store.CustomerIBANs(im.ctx, entityID)
		if err != nil {
			ms.err = err
			return
		}
		ms.ix = match.NewIndex(items, match.Known{IBANs: ibans})
	}()
	im.states[entityID] = ms
	return ms, nil
}

// statementWork is a statement's new transactions, to be matched and
// booked on its account.
type statementWork struct {
	ms     *matchState
	acc    store.BankAccount
	stmtID int64
	txs    []bank.Entry
	keys   []string
}

// statement records a statement and returns its transactions not booked
// yet; ok is false when its account cannot be used (a problem reported).
func (im *statementImport) statement(st bank.Statement) (w statementWork, ok bool, err error) {
	acc, ok, err := im.account(st)
	if err != nil || !ok {
		return w, false, err
	}
	row := store.StatementRow{AccountID: acc.ID, Format: st.Format, Number: st.Number, StatementID: st.ID, Currency: st.Currency, File: im.file}
	if st.Opening.Present {
		row.OpeningDate, row.OpeningAmount = st.Opening.Date, &st.Opening.Amount
	}
	if st.Closing.Present {
		row.ClosingDate, row.ClosingAmount = st.Closing.Date, &st.Closing.Amount
	}
	stmtID, existed, err := im.tx.InsertStatement(row)
	if err != nil {
		return w, false, err
	}
	if existed {
		im.rep.KnownStatements++
	}
	var txs []bank.Entry
	for _, e := range st.Transactions() {
		if !e.Booked() {
			im.rep.Pending++
			continue
		}
		if e.Currency == "" {
			e.Currency = st.Currency
		}
		txs = append(txs, e)
	}
	keys := EntryKeys(txs)
	booked, err := im.tx.BookedEntryKeys(acc.ID, keys)
	if err != nil {
		return w, false, err
	}
	im.rep.Transactions += len(txs)
	ms, err := im.matcher(acc.EntityID)
	if err != nil {
		return w, false, err
	}
	mine := im.booked[acc.ID]
	if mine == nil {
		mine = map[string]bool{}
		im.booked[acc.ID] = mine
	}
	w = statementWork{ms: ms, acc: acc, stmtID: stmtID, txs: make([]bank.Entry, 0, len(txs)), keys: make([]string, 0, len(txs))}
	for i, e := range txs {
		if booked[keys[i]] || mine[keys[i]] {
			im.rep.AlreadyBooked++
			continue
		}
		mine[keys[i]] = true
		w.txs, w.keys = append(w.txs, e), append(w.keys, keys[i])
		im.rep.New++
	}
	// the references a payment of these lines may get, looked up now: on
	// PostgreSQL a look-up in the payments table while this import fills
	// it is planned for the empty table it was (a scan per reference)
	var cands []string
	for i, e := range w.txs {
		cands = append(cands, bankPaymentRefs(w.keys[i], e.EndToEndID)...)
	}
	taken, err := im.tx.TakenPaymentRefs(ms.entity.ID, cands)
	if err != nil {
		return w, false, err
	}
	for r := range taken {
		ms.refs[r] = true
	}
	return w, true, nil
}

// flushLines is how many matched transactions of one entity are written
// together (at most; an entity's last lines go when they are matched).
const flushLines = 5000

// batch is matched transactions of one entity waiting to be written, with
// the IBANs their matches taught.
type batch struct {
	ms      *matchState
	ps      []pending
	learned map[string]int64
}

// matchAndWrite matches the statements' new transactions in order and
// writes them in batches: one goroutine matches (in memory: the index
// learns each automatic match at once, so a later line sees the items'
// new open amounts) while this one writes the previous batch in the
// transaction, so the database's work and the matching overlap. The
// matching never touches the database; the writing never touches the
// index.
func (im *statementImport) matchAndWrite(work []statementWork) error {
	batches := make(chan batch, 1)
	stop := make(chan struct{})
	done := make(chan struct{})
	var matchErr error
	go func() {
		defer close(done)
		defer close(batches)
		matchErr = im.matchAll(work, batches, stop)
	}()
	var err error
	for b := range batches {
		if err != nil {
			continue
		}
		if err = im.flush(b); err != nil {
			close(stop)
		}
	}
	<-done
	if err == nil {
		err = matchErr
	}
	return err
}

// matchAll matches the work's transactions and sends them in batches,
// until the work is done or stop is closed.
func (im *statementImport) matchAll(work []statementWork, batches chan<- batch, stop <-chan struct{}) error {
	var cur batch
	send := func() bool {
		if len(cur.ps) == 0 {
			return true
		}
		cur.learned, cur.ms.learned = cur.ms.learned, map[string]int64{}
		select {
		case batches <- cur:
			cur = batch{}
			return true
		case <-stop:
			return false
		}
	}
	for _, w := range work {
		if cur.ms != w.ms && !send() {
			return nil
		}
		select {
		case <-w.ms.ready:
		case <-stop: // the writing failed: no need to wait for this index
			return nil
		}
		if w.ms.err != nil {
			return w.ms.err
		}
		for i, e := range w.txs {
			if cur.ps == nil {
				// a pending line is large: growing the batch by append
				// copied it about as often as matching it took
				cur.ms, cur.ps = w.ms, make([]pending, 0, flushLines)
			}
			cur.ps = append(cur.ps, im.book(w.ms, w.acc, w.stmtID, w.keys[i], e))
			if len(cur.ps) >= flushLines && !send() {
				return nil
			}
		}
	}
	send()
	return nil
}

// pending is a transaction matched and waiting to be written with the
// rest of its statement, and what its match leaves to do once written.
type pending struct {
	b         store.BankBooking
	key       string
	entry     bank.Entry
	date      ledger.Date
	writeOffs []match.Allocation // short within tolerance: written off once the line has an id
	short     int64              // left open beyond tolerance: a payment difference
	shortCust int64
	shortInvs []int64
}

// book matches one new transaction: a certain match gets its payment
// (allocated to the items) and the index learns what it paid, so later
// lines of the statement see the items' new open amounts; the writing is
// left to flush.
func (im *statementImport) book(ms *matchState, acc store.BankAccount, stmtID int64, key string, e bank.Entry) pending {
	line := match.FromEntry(e)
	res := ms.ix.Match(line, match.Options{Tolerance: ms.tol})
	bt := store.BankTransaction{ImportID: im.rep.ImportID, StatementID: stmtID, AccountID: acc.ID, EntryKey: key, Amount: e.Amount, Currency: e.Currency,
		BookingDate: e.BookingDate, ValueDate: e.ValueDate, CounterpartyName: e.Counterparty.Name, CounterpartyIBAN: e.Counterparty.IBAN,
		Remittance: e.Remittance, StructuredRef: e.StructuredRef, EndToEndID: e.EndToEndID, ReturnCode: e.ReturnCode, Kind: res.Kind}
	p := pending{key: key, entry: e, date: line.Date}
	switch {
	case res.Kind != match.KindIncoming:
		bt.State = store.MatchIgnored
		im.rep.Ignored++
	case res.Auto != nil && len(res.Auto.Allocations) > 0:
		a := *res.Auto
		// a short payment within tolerance is accepted by the matcher as
		// paying the items in full; the ledger never allocates more than
		// was paid, so the allocations are capped at the payment and the
		// rest is written off (an adjustment) once the line is booked
		full := a.Allocations
		a.Allocations = capAllocations(full, e.Amount)
		p.writeOffs = uncapped(full, a.Allocations)
		bt.State, bt.Rule, bt.Confidence, bt.Difference = store.MatchAuto, a.Rule, a.Confidence, a.Difference
		bt.Suggestion = suggestionJSON(a)
		p.b.Payment = im.payment(ms, e, line, a)
		ms.ix.Apply(a.Allocations)
		ms.ix.Apply(p.writeOffs)
		bt.Note = im.note(ms, e.Currency, a)
		if short, cust, invs := shortOpen(ms.ix, a); short > ms.tol {
			p.short, p.shortCust, p.shortInvs = short, cust, invs
		}
		im.learn(ms, e, a)
		im.rep.AutoMatched++
		im.rep.AutoAmounts[e.Currency] += e.Amount
	case len(res.Suggestions) > 0:
		b := res.Suggestions[0]
		bt.State, bt.Rule, bt.Confidence, bt.Difference = store.MatchSuggested, b.Rule, b.Confidence, b.Difference
		bt.Suggestion = suggestionJSON(b)
		im.rep.Suggested++
	default:
		bt.State = store.MatchUnmatched
		im.rep.Unmatched++
	}
	p.b.Tx = bt
	return p
}

// flush writes a batch of matched transactions in bulk: payment
// references picked, payments, allocations and transactions written, the
// IBANs learned recorded; then the write-offs and payment differences,
// which need the rows' ids.
func (im *statementImport) flush(b batch) error {
	ms, ps := b.ms, b.ps
	if err := im.paymentRefs(ms, ps); err != nil {
		return err
	}
	bs := make([]store.BankBooking, len(ps))
	for k := range ps {
		bs[k] = ps[k].b
	}
	ids, err := im.tx.BookBank(bs)
	if err != nil {
		return err
	}
	if len(b.learned) > 0 {
		if err := im.tx.LearnIBANs(ms.entity.ID, b.learned); err != nil {
			return err
		}
	}
	for k := range ps {
		p := &ps[k]
		if len(p.writeOffs) > 0 {
			if err := im.writeOff(ms, ids[k], p.entry, p.date, p.writeOffs); err != nil {
				return err
			}
		}
		if p.short > 0 {
			if err := im.shortPayment(ms, p.b.Payment.ID, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// capAllocations lowers allocations, last first, so they add up to at most
// paid.
func capAllocations(as []match.Allocation, paid int64) []match.Allocation {
	var sum int64
	for _, a := range as {
		sum += a.Amount
	}
	out := append([]match.Allocation(nil), as...)
	for i := len(out) - 1; i >= 0 && sum > paid; i-- {
		cut := min(sum-paid, out[i].Amount)
		out[i].Amount -= cut
		sum -= cut
	}
	kept := out[:0]
	for _, a := range out {
		if a.Amount != 0 {
			kept = append(kept, a)
		}
	}
	return kept
}

// payment returns the ledger payment of an automatic match; its
// reference is picked when the statement is written (paymentRefs).
func (im *statementImport) payment(ms *matchState, e bank.Entry, l match.Line, a match.Suggestion) *ledger.Payment {
	p := &ledger.Payment{EntityID: ms.entity.ID, CustomerID: a.CustomerID, Date: l.Date, Currency: e.Currency,
		Amount: e.Amount, Description: paymentDescription(e.Counterparty.Name, e.Remittance), Source: "bank"}
	for _, al := range a.Allocations {
		p.Allocations = append(p.Allocations, ledger.Allocation{InvoiceID: al.InvoiceID, InvoiceNumber: al.Number, Amount: al.Amount})
	}
	return p
}

// paymentRefs gives each payment of the batch a reference not yet taken
// in the entity (see bankPaymentRefs and matchState.refs).
func (im *statementImport) paymentRefs(ms *matchState, ps []pending) error {
	for k := range ps {
		p := ps[k].b.Payment
		if p == nil {
			continue
		}
		// the first candidates were looked up before anything was
		// written (statement); a numbered one is looked up now
		ref, err := pickPaymentRef(ps[k].key, ps[k].entry.EndToEndID, func(r string, numbered bool) (bool, error) {
			if ms.refs[r] || !numbered {
				return ms.refs[r], nil
			}
			_, inDB, err := im.tx.PaymentKey(ms.entity.ID, r)
			return inDB, err
		})
		if err != nil {
			return err
		}
		p.Reference = ref
		ms.refs[ref] = true
	}
	return nil
}

// paymentDescription is the description of a payment from the bank: the
// payer and the remittance text.
func paymentDescription(payer, remittance string) string {
	desc := strings.TrimSpace(strings.Join([]string{payer, remittance}, ": "))
	return strings.Trim(desc, ": ")
}

// insertBankPayment records the ledger payment of a bank transaction under
// a reference not yet taken in the entity: the payer's end-to-end id, else
// "BANK-" and the transaction's key (numbered when taken).
func insertBankPayment(tx *store.Tx, p ledger.Payment, key, endToEnd string) (int64, error) {
	ref, err := pickPaymentRef(key, endToEnd, func(r string, _ bool) (bool, error) {
		_, taken, err := tx.PaymentKey(p.EntityID, r)
		return taken, err
	})
	if err != nil {
		return 0, err
	}
	p.Reference = ref
	return tx.InsertPayment(p, paymentHash(p))
}

// pickPaymentRef returns the first reference a payment from a bank
// transaction may get (bankPaymentRefs, then "BANK-" and the key numbered
// -2, -3..) that taken does not report taken in the entity; numbered says
// which kind taken is asked about.
func pickPaymentRef(key, endToEnd string, taken func(ref string, numbered bool) (bool, error)) (string, error) {
	for _, r := range bankPaymentRefs(key, endToEnd) {
		t, err := taken(r, false)
		if err != nil || !t {
			return r, err
		}
	}
	for n := 2; ; n++ {
		r := "BANK-" + shortKey(key) + "-" + strconv.Itoa(n)
		t, err := taken(r, true)
		if err != nil || !t {
			return r, err
		}
	}
}

// bankPaymentRefs are the references a payment from a bank transaction
// may get, best first: the payer's end-to-end id, else "BANK-" and the
// transaction's key (numbered -2, -3.. when both are taken).
func bankPaymentRefs(key, endToEnd string) []string {
	if endToEnd != "" {
		return []string{endToEnd, "BANK-" + shortKey(key)}
	}
	return []string{"BANK-" + shortKey(key)}
}

// note says, for people, what an automatic match leaves to do.
func (im *statementImport) note(ms *matchState, cur string, a match.Suggestion) string {
	var ns []string
	for _, al := range a.Allocations {
		if open, ok := ms.ix.Open(al.InvoiceID); ok && open != 0 {
			ns = append(ns, fmt.Sprintf("partial payment: %s %s remains open on %s (payment difference)", cur, ledger.FormatAmount(open, cur), al.Number))
		}
	}
	switch {
	case a.Difference < 0:
		ns = append(ns, fmt.Sprintf("short payment of %s %s within tolerance: written off", cur, ledger.FormatAmount(-a.Difference, cur)))
	case a.Difference > 0:
		ns = append(ns, fmt.Sprintf("overpaid %s %s: left unallocated on the payment (credit on account)", cur, ledger.FormatAmount(a.Difference, cur)))
	}
	return strings.Join(ns, "; ")
}

// learn remembers the payer's IBAN for the customer when the payment named
// the items itself (a reference or number) and the IBAN is not known yet:
// the next payment from that account without a reference can then be
// matched by account and amount.
// The index learns at once; the database when the statement is written.
func (im *statementImport) learn(ms *matchState, e bank.Entry, a match.Suggestion) {
	iban := normIBAN(e.Counterparty.IBAN)
	if iban == "" || a.CustomerID == 0 {
		return
	}
	switch a.Rule {
	case match.RuleStructuredRef, match.RuleInvoiceNumber, match.RuleInvoiceNumbersSum:
	default:
		return
	}
	if _, known := ms.ix.Payer(iban); known {
		// an IBAN known keeps its customer (as store.LearnIBANs does):
		// one payment for another customer does not move the account
		return
	}
	ms.learned[iban] = a.CustomerID
	ms.ix.Learn(iban, a.CustomerID)
}

func suggestionJSON(s match.Suggestion) string {
	b, err := json.Marshal(s)
	if err != nil {
		return ""
	}
	return string(b)
}

// EntryKeys returns the key that identifies each transaction on its
// account: "ref:" and the bank's reference when there is one, else "h:" and
// a hash of booking date, value date, amount, currency, counterparty IBAN,
// remittance, end-to-end id and the transaction's index among identical
// ones in the statement. A reference repeated within the statement gets
// "#2", "#3".. so that no transaction is lost.
func EntryKeys(txs []bank.Entry) []string {
	keys := make([]string, len(txs))
	seen := map[string]int{}
	for i, e := range txs {
		var k string
		if ref := strings.TrimSpace(e.EntryRef); ref != "" && !strings.EqualFold(ref, "NONREF") {
			k = "ref:" + ref
		} else {
			k = "h:" + contentHash(e)
		}
		seen[k]++
		if n := seen[k]; n > 1 {
			k += "#" + strconv.Itoa(n)
		}
		keys[i] = k
	}
	return keys
}

func contentHash(e bank.Entry) string {
	h := sha256.New()
	for _, f := range []string{e.BookingDate.String(), e.ValueDate.String(), strconv.FormatInt(e.Amount, 10), e.Currency,
		normIBAN(e.Counterparty.IBAN), e.Remittance, e.EndToEndID} {
		h.Write([]byte(f))
		h.Write([]byte{0x1f})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// shortKey is the part of an entry key a payment reference carries.
func shortKey(key string) string {
	k := key
	if rest, ok := strings.CutPrefix(k, "h:"); ok {
		k = rest[:min(12, len(rest))]
	} else {
		k = strings.TrimPrefix(k, "ref:")
		if len(k) > 40 {
			k = k[:40]
		}
	}
	return k
}

// normIBAN is the form a payer's account is stored, learned and hashed in:
// upper case, spaces removed. It is not bank.NormalizeIBAN, on purpose:
// that returns "" for what is not an IBAN, and a payer's account from a
// bank that gives a domestic account number is worth learning too. It must
// never change: the content hash of a transaction without the bank's
// reference (contentHash) includes it, and a changed hash would book a
// re-imported statement twice.
func normIBAN(s string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
}
