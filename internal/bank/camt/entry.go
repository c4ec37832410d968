package camt

import (
	"fmt"
	"strings"

	"github.com/kredo-dev/kredo/internal/bank"
)

// rawMax bounds the XML excerpt kept in Entry.Raw.
const rawMax = 4000

// entry reads one Ntry.
func (p *parser) entry(n *node, path, own string) (bank.Entry, error) {
	var e bank.Entry
	amt, cur, err := p.amount(n.child("Amt"), path+"/Amt", n.line)
	if err != nil {
		return e, err
	}
	sign, err := p.sign(n.child("CdtDbtInd"), path+"/CdtDbtInd", n.line)
	if err != nil {
		return e, err
	}
	e.Amount, e.Currency = sign*amt, cur
	switch v := n.str("RvslInd"); v {
	case "true", "1":
		e.Reversal = true
	case "false", "0", "":
	default:
		return e, p.fail(n.child("RvslInd").line, path+"/RvslInd", "invalid reversal indicator %q, want true or false", v)
	}
	e.Status = n.str("Sts")
	if e.Status == "" {
		e.Status = n.str("Sts", "Cd")
	}
	if e.Status == "" {
		e.Status = n.str("Sts", "Prtry")
	}
	if e.BookingDate, err = p.date(n.child("BookgDt"), path+"/BookgDt"); err != nil {
		return e, err
	}
	if e.ValueDate, err = p.date(n.child("ValDt"), path+"/ValDt"); err != nil {
		return e, err
	}
	e.EntryRef = n.str("AcctSvcrRef")
	if e.EntryRef == "" {
		e.EntryRef = n.str("NtryRef")
	}
	e.BankTxCode = txCode(n.child("BkTxCd"))

	var txs []*node
	batch := n.str("Btch", "PmtInfId") // version 1 puts Btch on the entry
	for _, d := range n.all("NtryDtls") {
		txs = append(txs, d.all("TxDtls")...)
		if batch == "" {
			batch = d.str("Btch", "PmtInfId")
		}
	}
	moneyIn := (sign > 0) != e.Reversal
	info := strings.TrimSpace(n.str("AddtlNtryInf"))
	switch len(txs) {
	case 0:
		e.Remittance = info
		e.BatchRef = batch
		e.Raw = n.excerpt(rawMax)
	case 1:
		if err := p.transaction(&e, txs[0], moneyIn, own); err != nil {
			return e, err
		}
		if e.Remittance == "" {
			e.Remittance = info
		}
		e.Raw = n.excerpt(rawMax)
	default:
		e.Remittance = info
		e.BatchRef = batch
		e.Raw = n.excerpt(rawMax, "NtryDtls")
		e.Details = make([]bank.Entry, 0, len(txs))
		for i, tx := range txs {
			tpath := fmt.Sprintf("%s/NtryDtls/TxDtls[%d]", path, i+1)
			d := bank.Entry{Currency: e.Currency, BookingDate: e.BookingDate, ValueDate: e.ValueDate,
				Status: e.Status, Reversal: e.Reversal, BankTxCode: e.BankTxCode}
			amtNode := tx.child("Amt")
			if amtNode == nil {
				amtNode = tx.at("AmtDtls", "TxAmt", "Amt")
			}
			dsign := sign
			if amtNode != nil {
				a, c, err := p.amount(amtNode, tpath+"/Amt", tx.line)
				if err != nil {
					return e, err
				}
				if tx.child("CdtDbtInd") != nil {
					if dsign, err = p.sign(tx.child("CdtDbtInd"), tpath+"/CdtDbtInd", tx.line); err != nil {
						return e, err
					}
				}
				d.Amount, d.Currency = dsign*a, c
			}
			if err := p.transaction(&d, tx, (dsign > 0) != e.Reversal, own); err != nil {
				return e, err
			}
			d.EntryRef = tx.str("Refs", "AcctSvcrRef")
			if d.BatchRef = tx.str("Refs", "PmtInfId"); d.BatchRef == "" {
				d.BatchRef = batch
			}
			if d.BatchRef == "" {
				d.BatchRef = e.EntryRef
			}
			d.Raw = tx.excerpt(rawMax)
			e.Details = append(e.Details, d)
		}
	}
	return e, nil
}

// transaction reads a TxDtls into e: references, parties, remittance,
// return reason.
func (p *parser) transaction(e *bank.Entry, tx *node, moneyIn bool, own string) error {
	if id := tx.str("Refs", "EndToEndId"); !strings.EqualFold(id, "NOTPROVIDED") {
		e.EndToEndID = id
	}
	if e.BankTxCode == "" {
		e.BankTxCode = txCode(tx.child("BkTxCd"))
	}
	if e.EntryRef == "" {
		e.EntryRef = tx.str("Refs", "AcctSvcrRef")
	}
	rp, ag := tx.child("RltdPties"), tx.child("RltdAgts")
	dbtr := party(rp, "Dbtr", "DbtrAcct", ag.at("DbtrAgt", "FinInstnId"))
	cdtr := party(rp, "Cdtr", "CdtrAcct", ag.at("CdtrAgt", "FinInstnId"))
	useDebtor := moneyIn
	ownC, ownD := holds(cdtr, own), holds(dbtr, own)
	switch {
	case ownC && !ownD:
		useDebtor = true
	case ownD && !ownC:
		useDebtor = false
	}
	if useDebtor {
		e.Counterparty = dbtr
		e.Ultimate.Name = name(rp.child("UltmtDbtr"))
	} else {
		e.Counterparty = cdtr
		e.Ultimate.Name = name(rp.child("UltmtCdtr"))
	}
	var texts []string
	rmt := tx.child("RmtInf")
	for _, u := range rmt.all("Ustrd") {
		if t := strings.TrimSpace(u.text); t != "" {
			texts = append(texts, t)
		}
	}
	for _, s := range rmt.all("Strd") {
		if ref := strings.TrimSpace(s.str("CdtrRefInf", "Ref")); ref != "" && e.StructuredRef == "" {
			e.StructuredRef = ref
		}
		for _, d := range s.all("RfrdDocInf") {
			if nb := strings.TrimSpace(d.str("Nb")); nb != "" {
				texts = append(texts, nb)
			}
		}
		for _, a := range s.all("AddtlRmtInf") {
			if t := strings.TrimSpace(a.text); t != "" {
				texts = append(texts, t)
			}
		}
	}
	e.Remittance = strings.Join(strings.Fields(strings.Join(texts, " ")), " ")
	rtr := tx.child("RtrInf")
	if e.ReturnCode = rtr.str("Rsn", "Cd"); e.ReturnCode == "" {
		e.ReturnCode = rtr.str("Rsn", "Prtry")
	}
	return nil
}

// holds reports whether the party's account is the statement's account.
func holds(p bank.Party, own string) bool {
	return own != "" && (p.IBAN == own || p.Account == own)
}

// party reads Dbtr/Cdtr (name directly, under Pty as of version 8, or a
// financial institution under Agt), its account and its agent's BIC.
func party(rp *node, who, acct string, agent *node) bank.Party {
	var pt bank.Party
	pt.Name = name(rp.child(who))
	id := rp.at(acct, "Id")
	if v := strings.TrimSpace(id.str("IBAN")); v != "" {
		if pt.IBAN = bank.NormalizeIBAN(v); pt.IBAN == "" {
			pt.IBAN = strings.ToUpper(strings.Join(strings.Fields(v), ""))
		}
	} else if v := strings.TrimSpace(id.str("Othr", "Id")); v != "" {
		if pt.IBAN = bank.NormalizeIBAN(v); pt.IBAN == "" {
			pt.Account = v
		}
	}
	for _, b := range []string{"BIC", "BICFI"} {
		if v := agent.str(b); v != "" && pt.BIC == "" {
			pt.BIC = v
		}
	}
	return pt
}

// name reads the name of a party element in any version.
func name(n *node) string {
	for _, path := range [][]string{{"Nm"}, {"Pty", "Nm"}, {"Agt", "FinInstnId", "Nm"}} {
		if v := strings.TrimSpace(n.str(path...)); v != "" {
			return strings.Join(strings.Fields(v), " ")
		}
	}
	return ""
}

// txCode reads BkTxCd: "Domain/Family/SubFamily", else the proprietary code.
func txCode(n *node) string {
	if d := n.child("Domn"); d != nil && d.str("Cd") != "" {
		parts := []string{d.str("Cd")}
		if f := d.str("Fmly", "Cd"); f != "" {
			parts = append(parts, f)
			if s := d.str("Fmly", "SubFmlyCd"); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "/")
	}
	return n.str("Prtry", "Cd")
}
