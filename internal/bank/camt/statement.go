package camt

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/kredo-dev/kredo/internal/bank"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// statement streams one Stmt/Rpt/Ntfctn: each child is read as a small tree
// and turned into fields, balances or entries.
func (p *parser) statement(start xml.Name, base string) (bank.Statement, error) {
	st := bank.Statement{Format: p.format, Source: p.file}
	var (
		opbd, prcd, clbd, itbd bank.Balance
		acctCcy, seq, lseq     string
		haveAcct               bool
		nBal, nEntry           int
		startLine              = p.line()
	)
	for {
		t, err := p.token(base)
		if err != nil {
			return st, err
		}
		if ee, ok := t.(xml.EndElement); ok {
			if err := p.end(start, ee, base); err != nil {
				return st, err
			}
			break
		}
		se, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		name := se.Name.Local
		path := base + "/" + name
		switch name {
		case "Bal":
			nBal++
			path = fmt.Sprintf("%s/Bal[%d]", base, nBal)
		case "Ntry":
			nEntry++
			path = fmt.Sprintf("%s/Ntry[%d]", base, nEntry)
		case "Id", "ElctrncSeqNb", "LglSeqNb", "Acct":
		default:
			if err := p.skip(se.Name, path); err != nil {
				return st, err
			}
			continue
		}
		n, err := p.read(se, path)
		if err != nil {
			return st, err
		}
		switch name {
		case "Id":
			st.ID = n.text
		case "ElctrncSeqNb":
			seq = n.text
		case "LglSeqNb":
			lseq = n.text
		case "Acct":
			haveAcct = true
			if st.Account, err = p.account(n, path); err != nil {
				return st, err
			}
			acctCcy = n.str("Ccy")
		case "Bal":
			typ, b, err := p.balance(n, path)
			if err != nil {
				return st, err
			}
			switch {
			case typ == "OPBD" && !opbd.Present:
				opbd = b
			case typ == "PRCD" && !prcd.Present:
				prcd = b
			case typ == "CLBD" && !clbd.Present:
				clbd = b
			case typ == "ITBD":
				itbd = b
			}
		case "Ntry":
			e, err := p.entry(n, path, st.Account)
			if err != nil {
				return st, err
			}
			st.Entries = append(st.Entries, e)
		}
	}
	if !haveAcct {
		return st, p.fail(startLine, base+"/Acct", "missing account")
	}
	st.Number = seq
	if st.Number == "" {
		st.Number = lseq
	}
	if st.Number == "" {
		st.Number = st.ID
	}
	st.Opening = opbd
	if !st.Opening.Present {
		st.Opening = prcd
	}
	st.Closing = clbd
	if !st.Closing.Present && p.format == bank.FormatCAMT052 {
		st.Closing = itbd
	}
	switch {
	case acctCcy != "":
		st.Currency = acctCcy
	case st.Opening.Present:
		st.Currency = st.Opening.Currency
	case st.Closing.Present:
		st.Currency = st.Closing.Currency
	case len(st.Entries) > 0:
		st.Currency = st.Entries[0].Currency
	}
	return st, nil
}

// account reads Acct/Id: IBAN, Othr/Id, or (version 1) PrtryAcct/Id, BBAN,
// UPIC.
func (p *parser) account(n *node, path string) (string, error) {
	id := n.child("Id")
	for _, c := range [][]string{{"IBAN"}, {"Othr", "Id"}, {"PrtryAcct", "Id"}, {"BBAN"}, {"UPIC"}} {
		if v := strings.TrimSpace(id.str(c...)); v != "" {
			if iban := bank.NormalizeIBAN(v); iban != "" {
				return iban, nil
			}
			if c[0] == "IBAN" {
				return strings.ToUpper(strings.Join(strings.Fields(v), "")), nil
			}
			return v, nil
		}
	}
	return "", p.fail(n.line, path+"/Id", "missing account identification (IBAN or Othr/Id)")
}

// balance reads a Bal: its type code, signed amount and date.
func (p *parser) balance(n *node, path string) (string, bank.Balance, error) {
	tp := n.child("Tp")
	typ := tp.str("CdOrPrtry", "Cd")
	for _, alt := range [][]string{{"CdOrPrtry", "Prtry"}, {"Cd"}, {"Prtry"}} {
		if typ == "" {
			typ = tp.str(alt...)
		}
	}
	amt, cur, err := p.amount(n.child("Amt"), path+"/Amt", n.line)
	if err != nil {
		return "", bank.Balance{}, err
	}
	sign, err := p.sign(n.child("CdtDbtInd"), path+"/CdtDbtInd", n.line)
	if err != nil {
		return "", bank.Balance{}, err
	}
	d, err := p.date(n.child("Dt"), path+"/Dt")
	if err != nil {
		return "", bank.Balance{}, err
	}
	if d.IsZero() {
		return "", bank.Balance{}, p.fail(n.line, path+"/Dt", "missing balance date")
	}
	return typ, bank.Balance{Date: d, Amount: sign * amt, Currency: cur, Present: true}, nil
}

// amount reads an amount element with its Ccy attribute.
func (p *parser) amount(n *node, path string, parentLine int) (int64, string, error) {
	if n == nil {
		return 0, "", p.fail(parentLine, path, "missing amount")
	}
	cur := n.attr("Ccy")
	if len(cur) != 3 || strings.ToUpper(cur) != cur || strings.ContainsAny(cur, "0123456789 ") {
		return 0, "", p.fail(n.line, path, "invalid or missing currency %q in the Ccy attribute", cur)
	}
	s := n.text
	dot := strings.IndexByte(s, '.')
	ok := s != "" && len(s) <= 30 && dot != 0 && dot != len(s)-1
	for i := 0; i < len(s) && ok; i++ {
		ok = s[i] >= '0' && s[i] <= '9' || i == dot
	}
	if !ok {
		return 0, "", p.fail(n.line, path, "invalid amount %q, want digits with a decimal point", s)
	}
	v, err := ledger.ParseAmount(s, cur, ledger.DecimalPoint)
	if err != nil {
		return 0, "", p.fail(n.line, path, "%v", err)
	}
	return v, cur, nil
}

// sign reads CdtDbtInd: +1 for CRDT, -1 for DBIT.
func (p *parser) sign(n *node, path string, parentLine int) (int64, error) {
	switch n.str() {
	case "CRDT":
		return 1, nil
	case "DBIT":
		return -1, nil
	case "":
		return 0, p.fail(parentLine, path, "missing credit/debit indicator")
	}
	return 0, p.fail(n.line, path, "invalid credit/debit indicator %q, want CRDT or DBIT", n.text)
}

// date reads a DateAndDateTimeChoice (Dt or DtTm); nil gives the zero date.
func (p *parser) date(n *node, path string) (ledger.Date, error) {
	if n == nil {
		return ledger.Date{}, nil
	}
	s, sub := n.str("Dt"), "/Dt"
	if s == "" {
		s, sub = n.str("DtTm"), "/DtTm"
	}
	if s == "" {
		return ledger.Date{}, p.fail(n.line, path, "missing Dt or DtTm")
	}
	d, err := ledger.ParseDate(s[:min(10, len(s))])
	if err == nil && len(s) > 10 && !strings.ContainsRune("T+-Z", rune(s[10])) {
		err = fmt.Errorf("invalid date %q", s)
	}
	if err != nil {
		return ledger.Date{}, p.fail(n.line, path+sub, "invalid date %q, want YYYY-MM-DD or a date-time", s)
	}
	return d, nil
}
