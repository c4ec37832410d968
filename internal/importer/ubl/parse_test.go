package ubl

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// testdata is the project's UBL sample folder (see its SOURCES.md).
const testdata = "../../../testdata/ubl"

const (
	peppolBIS3 = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
	nlcius     = "urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0"
	inv        = ledger.InvoiceKindInvoice
	cn         = ledger.InvoiceKindCreditNote
)

// sample holds the values read by hand from one sample file.
type sample struct {
	file                          string
	kind, profile, number         string
	issue, due, currency          string
	payable, taxIncl              int64
	payRef, po                    string
	buyerName, buyerVAT, buyerKvK string
	sellerName, sellerVAT         string
	ibans                         []string
}

var samples = []sample{
	{"peppol-bis-3-examples/base-example.xml", inv, peppolBIS3, "Snippet1", "2017-11-13", "2017-12-01", "EUR",
		165625, 165625, "Snippet1", "", "BuyerTradingName AS", "SE4598375937", "39937423947",
		"SupplierTradingName Ltd.", "GB1232434", []string{"IBAN32423940"}},
	{"peppol-bis-3-examples/Allowance-example.xml", inv, peppolBIS3, "Snippet1", "2017-11-13", "2017-12-01", "EUR",
		612500, 712500, "Snippet1", "", "BuyerTradingName AS", "SE4598375937", "39937423947",
		"SupplierTradingName Ltd.", "GB1232434", []string{"IBAN32423940"}},
	{"peppol-bis-3-examples/Vat-category-S.xml", inv, peppolBIS3, "Snippet1", "2017-11-13", "2017-12-01", "EUR",
		855000, 855000, "Snippet1", "", "BuyerTradingName AS", "SE4598375937", "39937423947",
		"SupplierTradingName Ltd.", "GB1232434", []string{"IBAN32423940"}},
	{"peppol-bis-3-examples/base-creditnote-correction.xml", cn, peppolBIS3, "Snippet1", "2017-11-13", "", "EUR",
		-165625, -165625, "Snippet1", "", "BuyerTradingName AS", "SE4598375937", "39937423947",
		"SupplierTradingName Ltd.", "GB1232434", []string{"IBAN32423940"}},
	// an Invoice with negative totals keeps its sign
	{"peppol-bis-3-examples/base-negative-inv-correction.xml", inv, peppolBIS3, "Correction1", "2017-11-13", "2017-12-01", "EUR",
		-165625, -165625, "Snippet1", "", "BuyerTradingName AS", "SE4598375937", "39937423947",
		"SupplierTradingName Ltd.", "GB1232434", []string{"IBAN32423940"}},
	// OrderReference/ID "NA": no purchase order, only a sales order
	{"peppol-bis-3-examples/sales-order-example.xml", inv, peppolBIS3, "Snippet1", "2017-11-13", "2017-12-01", "EUR",
		165625, 165625, "Snippet1", "", "BuyerTradingName AS", "SE4598375937", "39937423947",
		"SupplierTradingName Ltd.", "GB1232434", []string{"IBAN32423940"}},
	// buyer without PartyName: the registration name is the name
	{"peppol-bis-3-examples/vat-category-E.xml", inv, peppolBIS3, "Vat-Z", "2018-08-30", "", "GBP",
		120000, 120000, "", "", "The Buyercompany", "", "",
		"The Sellercompany Incorporated", "GB928741974", []string{"SE1212341234123412"}},
	{"peppol-bis-3-examples/vat-category-O.xml", inv, peppolBIS3, "Vat-O", "2018-08-30", "", "SEK",
		320000, 320000, "", "", "The Buyercompany", "", "",
		"The Sellercompany Incorporated", "", []string{"SE1212341234123412"}},
	{"peppol-bis-3-examples/vat-category-Z.xml", inv, peppolBIS3, "Vat-Z", "2018-08-30", "", "GBP",
		120000, 120000, "", "", "The Buyercompany", "", "",
		"The Sellercompany Incorporated", "GB928741974", []string{"SE1212341234123412"}},
	{"si-ubl-2.0/SI-UBL-2.0_ok_minimal.xml", inv, nlcius, "12115118", "2015-01-09", "2015-01-09", "EUR",
		24200, 24200, "Deb. 10202 / Fact. 12115118", "47806", "Ontvanger", "", "11111111",
		"SimplerInvoicing", "NL1111.11.111.B.01", []string{"NL11BANK1111111111"}},
	// 1728.70 - 1000 prepaid + 0.30 rounding = 729
	{"si-ubl-2.0/SI-UBL-2.0_ok_full.xml", inv, nlcius, "TOSL108", "2009-12-15", "", "EUR",
		72900, 172870, "Payref1", "123", "Buyercompany ltd", "BE54321", "87654321",
		"Salescompany ltd.", "NL12345678", []string{"NLING34434343434"}},
	// CreditNote: due date from PaymentMeans/PaymentDueDate, two accounts
	{"si-ubl-2.0/SI-UBL-2.0_BR-NL-8_ok_381.xml", cn, nlcius, "12115118", "2015-01-09", "2015-01-23", "EUR",
		-22700, -22700, "Deb. 10202 / Fact. 12115118", "47806", "Ontvanger", "", "11111111",
		"SimplerInvoicing", "NL1111.11.111.B.01", []string{"NL11BANK1111111111", "NL11BANK1111111112"}},
	{"si-ubl-2.0/SI-UBL-2.0_BR-NL-11_ok_negative_payment.xml", inv, nlcius, "12115118", "2015-01-09", "2015-01-09", "EUR",
		-12100, -12100, "", "47806", "Ontvanger", "", "11111111",
		"SimplerInvoicing", "NL1111.11.111.B.01", nil},
	{"en16931/ubl-tc434-creditnote1.xml", cn, peppolBIS3, "018304 / 28865", "2019-09-23", "", "EUR",
		-10011, -10011, "010676609538", "", "My Customer Company S.A.", "BE0000000295", "0000000295",
		"My Supplier Company N.V.", "BE0000000196", []string{"BE91000000143476"}},
	// SBDH envelope, cbc as default namespace, dates with a "Z" zone, only PaymentDueDate
	{"phax-peppol-commons-sbdh/good.xml", inv,
		"urn:www.cenbii.eu:transaction:biicoretrdm010:ver1.0:#urn:www.peppol.eu:bis:peppol4a:ver1.0",
		"orderNumber", "2011-08-22", "2011-08-22", "EUR",
		515708, 515708, "", "", "CustomerName", "customerVATIN", "",
		"MasterDataName", "masterdataVATIN", []string{"MASTERDATAIBAN"}},
	{"constructed/sbdh-base-creditnote-correction.xml", cn, peppolBIS3, "Snippet1", "2017-11-13", "", "EUR",
		-165625, -165625, "Snippet1", "", "BuyerTradingName AS", "SE4598375937", "39937423947",
		"SupplierTradingName Ltd.", "GB1232434", []string{"IBAN32423940"}},
}

func readSample(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testdata, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseSample(t *testing.T, rel string) Document {
	t.Helper()
	d, err := Parse(bytes.NewReader(readSample(t, rel)), filepath.Base(rel))
	if err != nil {
		t.Fatalf("Parse(%s): %v", rel, err)
	}
	return d
}

func TestParseSamples(t *testing.T) {
	for _, s := range samples {
		t.Run(s.file, func(t *testing.T) {
			d := parseSample(t, s.file)
			got := sample{s.file, d.Kind, d.Profile, d.Number, d.IssueDate.String(), d.DueDate.String(), d.Currency,
				d.Payable, d.TaxInclusive, d.PaymentRef, d.PONumber, d.Buyer.Name, d.Buyer.VATNumber, d.Buyer.CoCNumber,
				d.Seller.Name, d.Seller.VATNumber, d.PayeeIBANs}
			if !reflect.DeepEqual(got, s) {
				t.Errorf("got  %+v\nwant %+v", got, s)
			}
		})
	}
}

// TestSamplesCovered makes sure every sample file has a row in the table.
func TestSamplesCovered(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(testdata, "*", "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	listed := map[string]bool{}
	for _, s := range samples {
		listed[s.file] = true
	}
	for _, f := range files {
		rel, _ := filepath.Rel(testdata, f)
		if !listed[filepath.ToSlash(rel)] {
			t.Errorf("%s has no expected values in samples", rel)
		}
	}
}

func TestParseDetails(t *testing.T) {
	d := parseSample(t, "peppol-bis-3-examples/base-example.xml")
	wantBuyer := Party{
		Name: "BuyerTradingName AS", LegalName: "Buyer Official Name",
		EndpointID: "FR23342", EndpointScheme: "0002",
		IDs:       []PartyID{{ID: "FR23342", Scheme: "0002"}},
		VATNumber: "SE4598375937", CoCNumber: "39937423947", CoCScheme: "0183",
		Street: "Hovedgatan 32", AdditionalStreet: "Po box 878", PostalCode: "456 34", City: "Stockholm", Country: "SE",
		ContactName: "Lisa Johnson", Email: "lj@buyer.se", Phone: "23434234",
	}
	if !reflect.DeepEqual(d.Buyer, wantBuyer) {
		t.Errorf("buyer\n got %+v\nwant %+v", d.Buyer, wantBuyer)
	}
	if d.Seller.EndpointID != "9482348239847239874" || d.Seller.EndpointScheme != "0088" ||
		d.Seller.LegalName != "SupplierOfficialName Ltd" || d.Seller.City != "London" || d.Seller.Country != "GB" {
		t.Errorf("seller %+v", d.Seller)
	}
	if d.TypeCode != "380" || d.Process != "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0" ||
		d.BuyerReference != "0150abc" || d.Note != "" || d.PaymentTermNote != "Payment within 10 days, 2% discount" {
		t.Errorf("header %+v", d)
	}

	d = parseSample(t, "peppol-bis-3-examples/sales-order-example.xml")
	if d.PONumber != "" || d.SalesOrderID != "123456" {
		t.Errorf("sales order: PONumber %q SalesOrderID %q", d.PONumber, d.SalesOrderID)
	}

	d = parseSample(t, "si-ubl-2.0/SI-UBL-2.0_BR-NL-8_ok_381.xml")
	if d.TypeCode != "381" || !reflect.DeepEqual(d.BillingRefs, []string{"46568"}) || d.BuyerReference != "47806" ||
		!strings.HasPrefix(d.Note, "Alle leveringen zijn franco.") || !strings.HasSuffix(d.Note, "##Delivery terms") ||
		d.PaymentTermNote != "Credit note" || d.Seller.CoCNumber != "SITEST00000" || d.Seller.CoCScheme != "0106" ||
		!reflect.DeepEqual(d.Buyer.IDs, []PartyID{{ID: "10202"}}) {
		t.Errorf("SI-UBL credit note %+v", d)
	}

	d = parseSample(t, "phax-peppol-commons-sbdh/good.xml")
	if d.Seller.Street != "My street 121/4" || d.Seller.Phone != "+43/1/1234567" || d.Seller.Email != "ich@example.org" {
		t.Errorf("SBDH seller %+v", d.Seller)
	}
}

// base returns the Peppol base example, for variations.
func base(t testing.TB) string {
	return string(readSample(t, "peppol-bis-3-examples/base-example.xml"))
}

func TestParseVariants(t *testing.T) {
	b := base(t)
	cases := []struct {
		name string
		in   string
		kind string
		pay  int64
		date string
	}{
		{"byte order mark", "\uFEFF" + b, inv, 165625, "2017-11-13"},
		{"zone offset on date", strings.Replace(b, "<cbc:IssueDate>2017-11-13<", "<cbc:IssueDate>2017-11-13+01:00<", 1), inv, 165625, "2017-11-13"},
		{"trailing zeros", strings.ReplaceAll(b, ">1656.25<", ">1656.2500<"), inv, 165625, "2017-11-13"},
		{"type code 381 in Invoice syntax", strings.Replace(b, ">380<", ">381<", 1), cn, -165625, "2017-11-13"},
		{"comments and processing instructions", "<!-- before -->\n" + b + "\n<!-- after -->\n", inv, 165625, "2017-11-13"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Parse(strings.NewReader(c.in), "variant.xml")
			if err != nil {
				t.Fatal(err)
			}
			if d.Kind != c.kind || d.Payable != c.pay || d.IssueDate.String() != c.date {
				t.Errorf("got kind %s payable %d date %s", d.Kind, d.Payable, d.IssueDate)
			}
		})
	}
}

func TestParseSingleByteEncodings(t *testing.T) {
	b := base(t)
	for _, c := range []struct{ label, raw, want string }{
		{"ISO-8859-1", "S\xf6derberg AS", "Söderberg AS"},
		{"windows-1252", "Euro \x80 AS", "Euro € AS"},
		{"ISO-8859-15", "Euro \xa4 AS", "Euro € AS"},
	} {
		in := strings.Replace(b, `encoding="UTF-8"`, `encoding="`+c.label+`"`, 1)
		in = strings.Replace(in, "BuyerTradingName AS", c.raw, 1)
		d, err := Parse(strings.NewReader(in), "latin.xml")
		if err != nil {
			t.Fatalf("%s: %v", c.label, err)
		}
		if d.Buyer.Name != c.want {
			t.Errorf("%s: buyer name %q, want %q", c.label, d.Buyer.Name, c.want)
		}
	}
}
