package camt

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/bank"
	"github.com/kredo-dev/kredo/internal/ledger"
)

const own = "NL91ABNA0417164300"

// doc wraps statement content in a camt document of the given message type
// ("053", "052", "054") and version ("02".."08").
func doc(typ, version, body string) string {
	msg, st := map[string][2]string{
		"052": {"BkToCstmrAcctRpt", "Rpt"}, "053": {"BkToCstmrStmt", "Stmt"}, "054": {"BkToCstmrDbtCdtNtfctn", "Ntfctn"},
	}[typ][0], map[string]string{"052": "Rpt", "053": "Stmt", "054": "Ntfctn"}[typ]
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.%s.001.%s">
<%s><GrpHdr><MsgId>M1</MsgId><CreDtTm>2024-03-01T10:00:00</CreDtTm></GrpHdr>
<%s><Id>S1</Id><ElctrncSeqNb>7</ElctrncSeqNb>
<Acct><Id><IBAN>%s</IBAN></Id><Ccy>EUR</Ccy></Acct>
%s
</%s></%s></Document>
`, typ, version, msg, st, own, body, st, msg)
}

func bal(code, amount, cd, date string) string {
	return fmt.Sprintf(`<Bal><Tp><CdOrPrtry><Cd>%s</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">%s</Amt><CdtDbtInd>%s</CdtDbtInd><Dt><Dt>%s</Dt></Dt></Bal>`, code, amount, cd, date)
}

func ntry(amount, cd, extra, details string) string {
	return fmt.Sprintf(`<Ntry><Amt Ccy="EUR">%s</Amt><CdtDbtInd>%s</CdtDbtInd>%s<Sts>BOOK</Sts>
<BookgDt><Dt>2024-03-01</Dt></BookgDt><ValDt><Dt>2024-03-01</Dt></ValDt><AcctSvcrRef>A1</AcctSvcrRef>
<NtryDtls>%s</NtryDtls></Ntry>`, amount, cd, extra, details)
}

func parse(t *testing.T, s string) []bank.Statement {
	t.Helper()
	sts, err := ParseBytes([]byte(s), "t.xml")
	if err != nil {
		t.Fatalf("%v\n%s", err, s)
	}
	return sts
}

func TestVersions(t *testing.T) {
	for _, typ := range []string{"052", "053", "054"} {
		for _, v := range []string{"01", "02", "03", "04", "05", "06", "07", "08", "10", "13"} {
			sts := parse(t, doc(typ, v, bal("OPBD", "10.00", "CRDT", "2024-02-29")+bal("CLBD", "15.00", "CRDT", "2024-03-01")+
				ntry("5.00", "CRDT", "", "<TxDtls><RltdPties><Dbtr><Pty><Nm>Klant</Nm></Pty></Dbtr></RltdPties></TxDtls>")))
			s := sts[0]
			if s.Format != "camt."+typ || s.Account != own || s.Number != "7" || s.ID != "S1" || len(s.Entries) != 1 ||
				s.Entries[0].Counterparty.Name != "Klant" || s.Check() != nil {
				t.Errorf("camt.%s.001.%s: %+v", typ, v, s)
			}
		}
	}
}

func TestReversalAndReturn(t *testing.T) {
	// a collected direct debit comes back: booked as a debit, flagged as a reversal
	tx := `<TxDtls><Refs><EndToEndId>INV-2024-17</EndToEndId></Refs>
<RltdPties><Dbtr><Nm>Klant B.V.</Nm></Dbtr><DbtrAcct><Id><IBAN>DE89 3704 0044 0532 0130 00</IBAN></Id></DbtrAcct>
<Cdtr><Nm>Wij</Nm></Cdtr><CdtrAcct><Id><IBAN>` + own + `</IBAN></Id></CdtrAcct></RltdPties>
<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf>
<RtrInf><Rsn><Cd>AM04</Cd></Rsn></RtrInf></TxDtls>`
	e := parse(t, doc("053", "02", ntry("120.50", "DBIT", "<RvslInd>true</RvslInd>", tx)))[0].Entries[0]
	if e.Amount != -12050 || !e.Reversal || e.ReturnCode != "AM04" || e.EndToEndID != "INV-2024-17" || e.StructuredRef != "RF18539007547034" {
		t.Errorf("entry %+v", e)
	}
	if e.Counterparty.Name != "Klant B.V." || e.Counterparty.IBAN != "DE89370400440532013000" {
		t.Errorf("counterparty %+v, want the debtor", e.Counterparty)
	}
	// without our account in the parties, a reversed debit still points at the debtor
	tx2 := strings.ReplaceAll(tx, own, "GB33BUKB20201555555555")
	e = parse(t, doc("053", "08", ntry("1.00", "DBIT", "<RvslInd>1</RvslInd>", tx2)))[0].Entries[0]
	if e.Counterparty.Name != "Klant B.V." {
		t.Errorf("reversal counterparty %+v", e.Counterparty)
	}
	// a prorietary return reason
	e = parse(t, doc("053", "02", ntry("1.00", "DBIT", "", `<TxDtls><RtrInf><Rsn><Prtry>X12</Prtry></Rsn></RtrInf></TxDtls>`)))[0].Entries[0]
	if e.ReturnCode != "X12" || e.Reversal {
		t.Errorf("proprietary return %+v", e)
	}
}

func TestBatch(t *testing.T) {
	sts := load(t, "viafintech-camt/053_valid_example.xml")
	s := sts[0]
	tx := s.Transactions()
	if len(s.Entries) != 4 || len(tx) != 5 {
		t.Fatalf("%d entries, %d transactions; want 4 and 5", len(s.Entries), len(tx))
	}
	batch := s.Entries[3]
	var sum int64
	for _, d := range batch.Details {
		sum += d.Amount
	}
	if sum != batch.Amount {
		t.Errorf("details add up to %d, the entry is %d", sum, batch.Amount)
	}
	for _, d := range tx[3:] {
		if d.BatchRef != "STZV-PmInf27122013-11:02-2" || d.BookingDate != ledger.MustDate("2013-12-27") || d.Status != bank.StatusBooked {
			t.Errorf("transaction %+v", d)
		}
	}
	if err := s.Check(); err != nil {
		t.Errorf("Check adds booked entries, not details: %v", err)
	}
	// a detail with its own credit/debit indicator and amount
	e := parse(t, doc("054", "04", ntry("7.00", "CRDT", "",
		`<Btch><PmtInfId>P1</PmtInfId></Btch>
<TxDtls><Refs><EndToEndId>E1</EndToEndId></Refs><Amt Ccy="EUR">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></TxDtls>
<TxDtls><Refs><EndToEndId>E2</EndToEndId><PmtInfId>P2</PmtInfId></Refs><Amt Ccy="EUR">3.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></TxDtls>`)))[0].Entries[0]
	if len(e.Details) != 2 || e.Details[0].Amount != 1000 || e.Details[1].Amount != -300 || e.Details[0].BatchRef != "P1" || e.Details[1].BatchRef != "P2" {
		t.Errorf("details %+v", e.Details)
	}
	if strings.Contains(e.Raw, "TxDtls") || !strings.Contains(e.Details[1].Raw, "<EndToEndId>E2</EndToEndId>") {
		t.Errorf("Raw: entry %q detail %q", e.Raw, e.Details[1].Raw)
	}
}

func TestPendingAndBalances(t *testing.T) {
	body := bal("PRCD", "100.00", "CRDT", "2024-02-29") + bal("CLAV", "999.00", "CRDT", "2024-03-01") + bal("CLBD", "90.00", "DBIT", "2024-03-01") +
		ntry("190.00", "DBIT", "", "") + strings.Replace(ntry("50.00", "CRDT", "", ""), "<Sts>BOOK</Sts>", "<Sts><Cd>PDNG</Cd></Sts>", 1)
	s := parse(t, doc("053", "08", body))[0]
	if s.Opening.Amount != 10000 || s.Closing.Amount != -9000 || s.Entries[1].Status != bank.StatusPending {
		t.Fatalf("%+v", s)
	}
	if err := s.Check(); err != nil {
		t.Errorf("pending entry counted: %v", err)
	}
	// a camt.052 without CLBD closes on its last interim booked balance
	s = parse(t, doc("052", "06", bal("OPBD", "1.00", "CRDT", "2024-03-01")+bal("ITBD", "2.00", "CRDT", "2024-03-01")+bal("ITBD", "3.00", "CRDT", "2024-03-01")+ntry("2.00", "CRDT", "", "")))[0]
	if !s.Closing.Present || s.Closing.Amount != 300 || s.Check() != nil {
		t.Errorf("camt.052 closing %+v, check %v", s.Closing, s.Check())
	}
}

func TestAmountsAndDates(t *testing.T) {
	for amount, want := range map[string]int64{"18.150": 1815, "5442.09000": 544209, "0": 0, "0.5": 50, "1234567.89": 123456789} {
		e := parse(t, doc("053", "02", ntry(amount, "CRDT", "", "")))[0].Entries[0]
		if e.Amount != want {
			t.Errorf("%s: %d, want %d", amount, e.Amount, want)
		}
	}
	e := parse(t, doc("053", "02", strings.Replace(ntry("1500", "CRDT", "", ""), `Ccy="EUR"`, `Ccy="JPY"`, 1)))[0].Entries[0]
	if e.Amount != 1500 || e.Currency != "JPY" {
		t.Errorf("JPY %+v", e)
	}
	x := strings.Replace(ntry("1.00", "CRDT", "", ""), "<Dt>2024-03-01</Dt></BookgDt>", "<DtTm>2024-03-01T23:30:00-05:00</DtTm></BookgDt>", 1)
	if e := parse(t, doc("053", "02", x))[0].Entries[0]; e.BookingDate != ledger.MustDate("2024-03-01") {
		t.Errorf("DtTm: %s", e.BookingDate)
	}
}

func TestEncodingAndEnvelope(t *testing.T) {
	latin := strings.Replace(doc("053", "02", ntry("1.00", "CRDT", "", "<TxDtls><RltdPties><Dbtr><Nm>M\xfcller GmbH</Nm></Dbtr></RltdPties></TxDtls>")),
		`encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1)
	if e := parse(t, latin)[0].Entries[0]; e.Counterparty.Name != "Müller GmbH" {
		t.Errorf("ISO-8859-1 name %q", e.Counterparty.Name)
	}
	body := strings.SplitN(doc("053", "02", ntry("1.00", "CRDT", "", "")), "\n", 2)[1]
	env := `<?xml version="1.0"?><BizMsgEnvlp><AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02"><BizMsgIdr>X</BizMsgIdr></AppHdr>` + body + `</BizMsgEnvlp>`
	if sts := parse(t, env); len(sts) != 1 || len(sts[0].Entries) != 1 {
		t.Errorf("envelope: %+v", sts)
	}
	prefixed := strings.NewReplacer("<Document xmlns=", "<c:Document xmlns:c=", "</Document>", "</c:Document>").Replace(doc("053", "02", ""))
	prefixed = strings.ReplaceAll(strings.ReplaceAll(prefixed, "<", "<c:"), "<c:/", "</c:")
	prefixed = strings.NewReplacer("<c:?xml", "<?xml", "<c:c:", "<c:", "</c:c:", "</c:").Replace(prefixed)
	if sts := parse(t, prefixed); len(sts) != 1 || sts[0].Account != own {
		t.Errorf("namespace prefix: %+v", sts)
	}
}

// TestMalformed: every malformed file names the file, the line and the
// element path, and returns no statements.
func TestMalformed(t *testing.T) {
	stmt := "Document/BkToCstmrStmt/Stmt[1]"
	good := doc("053", "02", bal("OPBD", "1.00", "CRDT", "2024-03-01")+ntry("1.00", "CRDT", "", ""))
	lineOf := func(s, sub string) int { return strings.Count(s[:strings.Index(s, sub)], "\n") + 1 }
	for _, c := range []struct {
		name, in, field, reason string
		line                    int // 0: the line of the text given in at
		at                      string
	}{
		{name: "no statement", in: string(mustRead(t, "genkgo-camt/camt053.v2.wrong.xml")), field: "Document/BkToCstmrStmt", reason: "no Stmt element", line: 9},
		{name: "truncated", in: good[:strings.Index(good, "<BookgDt>")], field: stmt + "/Ntry[1]", reason: "truncated", line: 7},
		{name: "bad amount", in: strings.Replace(good, ">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt>", ">1,00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt>", 1), field: stmt + "/Bal[1]/Amt", reason: "invalid amount", at: "1,00"},
		{name: "too many decimals", in: strings.Replace(good, `"EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>`, `"EUR">8.851</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>`, 1), field: stmt + "/Ntry[1]/Amt", reason: "more than 2 decimals", at: "8.851"},
		{name: "negative amount", in: strings.Replace(good, ">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt>", ">-1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt>", 1), field: stmt + "/Bal[1]/Amt", reason: "invalid amount", at: "-1.00"},
		{name: "missing currency", in: strings.Replace(good, `<Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>`, `<Amt>1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>`, 1), field: stmt + "/Ntry[1]/Amt", reason: "currency", at: "<Amt>1.00"},
		{name: "bad booking date", in: strings.Replace(good, "<BookgDt><Dt>2024-03-01", "<BookgDt><Dt>2024-02-30", 1), field: stmt + "/Ntry[1]/BookgDt/Dt", reason: "invalid date", at: "2024-02-30"},
		{name: "bad balance date", in: strings.Replace(good, "<Dt><Dt>2024-03-01</Dt></Dt>", "<Dt><Dt>01-03-2024</Dt></Dt>", 1), field: stmt + "/Bal[1]/Dt/Dt", reason: "invalid date", at: "01-03-2024"},
		{name: "bad indicator", in: strings.Replace(good, "<CdtDbtInd>CRDT</CdtDbtInd><Sts>", "<CdtDbtInd>CREDIT</CdtDbtInd><Sts>", 1), field: stmt + "/Ntry[1]/CdtDbtInd", reason: "want CRDT or DBIT", at: "CREDIT"},
		{name: "bad reversal", in: strings.Replace(good, "<Sts>BOOK", "<RvslInd>yes</RvslInd><Sts>BOOK", 1), field: stmt + "/Ntry[1]/RvslInd", reason: "reversal", at: "yes"},
		{name: "missing account", in: strings.Replace(good, "<Acct><Id><IBAN>"+own+"</IBAN></Id><Ccy>EUR</Ccy></Acct>", "", 1), field: stmt + "/Acct", reason: "missing account", at: "<Stmt>"},
		{name: "empty account", in: strings.Replace(good, "<IBAN>"+own+"</IBAN>", "", 1), field: stmt + "/Acct/Id", reason: "missing account identification", at: "<Acct>"},
		{name: "wrong element", in: strings.Replace(good, "camt.053", "camt.052", 1), field: "Document/BkToCstmrStmt", reason: "holds BkToCstmrAcctRpt", at: "<BkToCstmrStmt>"},
		{name: "pain.001", in: strings.Replace(good, "camt.053.001.02", "pain.001.001.03", 1), field: "Document", reason: "namespace urn:iso:std:iso:20022:tech:xsd:pain.001.001.03", at: "<Document"},
		{name: "no namespace", in: `<?xml version="1.0"?>` + "\n<Document><BkToCstmrStmt/></Document>", field: "Document", reason: "namespace none", line: 2},
		{name: "UBL invoice", in: `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>1</ID></Invoice>`, reason: "no Document element"},
		{name: "mismatched tags", in: strings.Replace(good, "</AcctSvcrRef>", "</AcctSvcRef>", 1), field: stmt + "/Ntry[1]/AcctSvcrRef", reason: "malformed XML", at: "</AcctSvcRef>"},
		{name: "element after document", in: good + "<x>", field: "x", reason: "after the Document", line: strings.Count(good, "\n") + 1},
		{name: "deep nesting", in: strings.Replace(good, "<Sts>BOOK</Sts>", strings.Repeat("<a>", 60)+strings.Repeat("</a>", 60), 1), reason: "nested deeper", at: "<a>"},
		{name: "unknown encoding", in: strings.Replace(good, "UTF-8", "EBCDIC", 1), reason: "EBCDIC", line: 1},
	} {
		sts, err := ParseBytes([]byte(c.in), "bad.xml")
		var pe *bank.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: got %v (%d statements), want a ParseError", c.name, err, len(sts))
			continue
		}
		if sts != nil {
			t.Errorf("%s: statements returned with the error", c.name)
		}
		want := c.line
		if c.at != "" {
			want = lineOf(c.in, c.at)
		}
		if pe.File != "bad.xml" || (c.field != "" && pe.Field != c.field) || !strings.Contains(pe.Reason, c.reason) ||
			(want > 0 && pe.Line != want) || (c.name != "UBL invoice" && pe.Line == 0) {
			t.Errorf("%s: got %q (line %d, field %q), want line %d field %q reason ~%q", c.name, pe.Error(), pe.Line, pe.Field, want, c.field, c.reason)
		}
		if !errors.Is(err, ledger.ErrInvalid) {
			t.Errorf("%s: not ErrInvalid", c.name)
		}
	}
}
