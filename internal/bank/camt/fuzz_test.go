package camt

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/bank"
)

// FuzzCAMT feeds the sample files and mutations of them to the parser: it
// must never panic, and returns either statements or a ParseError naming the
// file, never both.
func FuzzCAMT(f *testing.F) {
	for _, dir := range []string{"genkgo-camt", "viafintech-camt"} {
		files, _ := filepath.Glob(testdata + dir + "/*.xml")
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(doc("054", "08", ntry("1.00", "DBIT", "<RvslInd>true</RvslInd>", "<TxDtls/><TxDtls><Amt Ccy=\"EUR\">1</Amt></TxDtls>"))))
	f.Fuzz(func(t *testing.T, data []byte) {
		sts, err := ParseBytes(data, "fuzz.xml")
		if err != nil {
			var pe *bank.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.xml" || pe.Reason == "" {
				t.Fatalf("error %v is not a ParseError naming the file", err)
			}
			if sts != nil {
				t.Fatal("statements returned with an error")
			}
			return
		}
		for _, s := range sts {
			if s.Account == "" {
				t.Fatalf("statement without account: %+v", s)
			}
			_ = s.Check()
			_ = s.Transactions()
		}
	})
}

// generated builds a camt.053 statement with n entries, each with one
// transaction as Dutch banks write them.
func generated(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>B</MsgId><CreDtTm>2024-03-01T10:00:00</CreDtTm></GrpHdr>
<Stmt><Id>BENCH</Id><ElctrncSeqNb>1</ElctrncSeqNb><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-02-29</Dt></Dt></Bal>
`)
	var total int64
	for i := 0; i < n; i++ {
		cents := int64(1000 + i%99000)
		total += cents
		fmt.Fprintf(&b, `<Ntry><NtryRef>%d</NtryRef><Amt Ccy="EUR">%d.%02d</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2024-03-01</Dt></BookgDt><ValDt><Dt>2024-03-01</Dt></ValDt><AcctSvcrRef>REF%012d</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>E2E-%08d</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">%d.%02d</Amt></TxAmt></AmtDtls>
<RltdPties><Dbtr><Nm>Klant %d B.V.</Nm></Dbtr><DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct></RltdPties>
<RltdAgts><DbtrAgt><FinInstnId><BIC>COBADEFFXXX</BIC></FinInstnId></DbtrAgt></RltdAgts>
<RmtInf><Ustrd>Factuur %d</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
`, i, cents/100, cents%100, i, i, cents/100, cents%100, i, 100000+i)
	}
	fmt.Fprintf(&b, `<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">%d.%02d</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-03-01</Dt></Dt></Bal>
</Stmt></BkToCstmrStmt></Document>
`, total/100, total%100)
	return []byte(b.String())
}

func BenchmarkParseCAMT(b *testing.B) {
	const n = 100000
	data := generated(n)
	sts, err := ParseBytes(data, "bench.xml")
	if err != nil || len(sts[0].Entries) != n || sts[0].Check() != nil {
		b.Fatalf("generated file: %v", err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ParseBytes(data, "bench.xml"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
}
