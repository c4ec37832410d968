package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// StatementPayment is a payment a customer made, as the demo's bank
// statement is to show it.
type StatementPayment struct {
	Date           ledger.Date
	Amount         int64 // what the customer paid, minor units
	Customer       string
	CustomerNumber string
	Parent         string // the group's parent customer, "" if none
	ParentNumber   string
	Text           string // the remittance text of the ledger payment
	Items          []StatementItem
}

// StatementItem is an invoice a payment pays, and how much of it.
type StatementItem struct {
	Number     string
	PaymentRef string // the structured reference printed on it, "" if none
	Amount     int64
}

// Line kinds of a demo statement (StatementLine.Kind).
const (
	LinePayment = "payment" // a customer's payment of invoices
	LineUnknown = "unknown" // money in nobody owes the company (a deposit back, a supplier's refund)
	LineCosts   = "costs"   // bank costs: money out
	LineRefund  = "refund"  // a refund to a customer: money out
)

// StatementLine is one line a demo statement shows, with the truth about
// it: what a perfect matcher would allocate.
type StatementLine struct {
	Ref    string // the bank's reference of the line (MT940 :61:), unique in the file
	Date   ledger.Date
	Amount int64 // signed: + money in
	Kind   string
	Items  []StatementItem // the invoices the payment truly pays (payment lines)
	Mess   string          // how the payer wrote it: exact, kenmerk, typo, parent, partial, short, ...
}

// PayerIBAN returns the Dutch account a demo customer pays from: the same
// for the same entity and customer, a valid IBAN.
func PayerIBAN(entity, customerNumber string) string {
	h := splitmix64(uint64(len(entity))<<56 ^ hashString(entity+"/"+customerNumber))
	banks := []string{"INGB", "RABO", "ABNA", "SNSB", "TRIO", "KNAB", "BUNQ"}
	bank := banks[h%uint64(len(banks))]
	return makeIBAN("NL", bank+fmt.Sprintf("%010d", (h>>8)%10_000_000_000))
}

// KnownPayer reports whether Kredo is to know a demo customer's account
// already (learned from earlier statements): nine in ten customers.
func KnownPayer(entity, customerNumber string) bool {
	return splitmix64(hashString("known/"+entity+"/"+customerNumber))%10 != 0
}

func hashString(s string) uint64 {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Statements writes the payments (in date order) as one MT940 file of
// daily statements of account, ING style, with what a real statement
// carries besides: bank costs, refunds, money nobody owes. Payers write
// their payments the way people do: structured references, invoice
// numbers with and without prefix, with spaces, in lower case, with a
// typo; combined and partial payments, a few cents short (bank costs),
// paid by the parent company, or just "betaling". Opening balance 0.
func Statements(seed uint64, entity, account, currency string, pays []StatementPayment) ([]byte, []StatementLine) {
	r := rand.New(rand.NewPCG(seed, hashString("statements/"+entity)))
	var lines []StatementLine
	var entries [][2]string // :61: and :86: of each line
	var b strings.Builder
	var balance int64
	n := 0
	day := func(d ledger.Date) string { return d.Time().Format("060102") }
	header := func(d ledger.Date, num int) {
		fmt.Fprintf(&b, "{1:F01INGBNL2AXXX0000000000}{2:I940INGBNL2AXXXN}{4:\r\n:20:DEMO%s\r\n:25:%s%s\r\n:28C:%05d\r\n:60F:%s%s%s%s\r\n",
			day(d), account, currency, num, sign(balance), day(d), currency, mtAmount(abs64(balance)))
	}
	flush := func(d ledger.Date) {
		for _, e := range entries {
			b.WriteString(e[0] + "\r\n" + e[1] + "\r\n")
		}
		fmt.Fprintf(&b, ":62F:%s%s%s%s\r\n-}\r\n", sign(balance), day(d), currency, mtAmount(abs64(balance)))
		entries = entries[:0]
	}
	add := func(l StatementLine, iban, name, remi, strd string) {
		n++
		l.Ref = fmt.Sprintf("DEMO%s%05d", day(l.Date), n)
		dc := "C"
		if l.Amount < 0 {
			dc = "D"
		}
		f61 := ":61:" + day(l.Date) + day(l.Date)[2:] + dc + mtAmount(abs64(l.Amount)) + "NTRFNONREF//" + l.Ref
		f86 := ":86:"
		if iban != "" {
			f86 += "/CNTP/" + iban + "/" + bicOf(iban) + "/" + clean(strings.ToUpper(name)) + "///"
		}
		if strd != "" {
			f86 += "REMI/STRD/CUR/" + strd + "/"
		} else {
			f86 += "REMI/USTD//" + clean(remi) + "/"
		}
		entries = append(entries, [2]string{f61, f86})
		balance += l.Amount
		lines = append(lines, l)
	}
	num := 0
	for i := 0; i < len(pays); {
		d := pays[i].Date
		num++
		header(d, num)
		for ; i < len(pays) && pays[i].Date == d; i++ {
			p := pays[i]
			l, iban, name, remi, strd := messUp(r, entity, p)
			l.Date = d
			add(l, iban, name, remi, strd)
		}
		add(StatementLine{Date: d, Amount: -int64(between(r, 250, 1500)), Kind: LineCosts}, "", "", "Kosten betalingsverkeer", "")
		if chance(r, 250) {
			add(StatementLine{Date: d, Amount: int64(between(r, 1000, 90000)), Kind: LineUnknown, Mess: "unknown"},
				PayerIBAN(entity, "X"+strconv.Itoa(r.IntN(1_000_000))), "Stichting "+surnames[r.IntN(len(surnames))], "terugbetaling borg", "")
		}
		if chance(r, 150) && len(pays) > 0 {
			q := pays[r.IntN(len(pays))]
			add(StatementLine{Date: d, Amount: -int64(between(r, 500, 20000)), Kind: LineRefund},
				PayerIBAN(entity, q.CustomerNumber), q.Customer, "creditnota terugbetaling", "")
		}
		flush(d)
	}
	return []byte(b.String()), lines
}

var surnames = []string{"De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "De Boer"}

// messUp decides how the payer wrote the payment: the line, the paying
// account and name, the free text or the structured reference.
func messUp(r *rand.Rand, entity string, p StatementPayment) (l StatementLine, iban, name, remi, strd string) {
	l = StatementLine{Amount: p.Amount, Kind: LinePayment, Items: p.Items, Mess: "exact"}
	iban, name = PayerIBAN(entity, p.CustomerNumber), p.Customer
	if p.ParentNumber != "" && chance(r, 350) {
		iban, name, l.Mess = PayerIBAN(entity, p.ParentNumber), p.Parent, "parent"
	}
	if len(p.Items) == 0 {
		return l, iban, name, p.Text, ""
	}
	// the amount: now and then short by bank costs, partly paid, or a bit more
	if len(p.Items) == 1 && l.Amount == p.Items[0].Amount {
		switch pick(r, 940, 30, 20, 10) {
		case 1:
			cut := int64(between(r, 15, 300))
			if cut < l.Amount/10 {
				l.Amount -= cut
				l.Mess = "short"
				l.Items = []StatementItem{{Number: p.Items[0].Number, PaymentRef: p.Items[0].PaymentRef, Amount: p.Items[0].Amount}}
			}
		case 2:
			part := l.Amount * int64(between(r, 30, 70)) / 100
			if part > 0 {
				l.Amount = part
				l.Mess = "partial"
				l.Items = []StatementItem{{Number: p.Items[0].Number, PaymentRef: p.Items[0].PaymentRef, Amount: part}}
			}
		case 3:
			l.Amount += int64(between(r, 100, 2500))
			l.Mess = "overpaid"
		}
	}
	words := []string{"factuur", "Factuur", "fact.", "Fact nr", "invoice", "Rechnung", "ref", ""}
	word := words[r.IntN(len(words))]
	if len(p.Items) > 1 {
		nums := make([]string, len(p.Items))
		for i, it := range p.Items {
			nums[i] = mangle(r, it.Number, 40)
		}
		if len(nums) > 6 {
			return l, iban, name, p.Text, "" // a payment run: the text names the run, the amounts must add up
		}
		sep := []string{", ", " ", " + ", " en ", "/"}[r.IntN(4)]
		return l, iban, name, strings.TrimSpace(word + " " + strings.Join(nums, sep)), ""
	}
	it := p.Items[0]
	if it.PaymentRef != "" {
		switch pick(r, 600, 200, 200) {
		case 0:
			// a structured field: a Belgian OGM as its twelve digits, as
			// the banks pass it on
			return l, iban, name, "", strings.Trim(strings.ReplaceAll(it.PaymentRef, "/", ""), "+")
		case 1:
			l.Mess = "kenmerk-text"
			return l, iban, name, spaced(it.PaymentRef), ""
		}
	}
	switch pick(r, 50, 940, 10) {
	case 0:
		if l.Mess == "exact" {
			l.Mess = "generic"
		}
		return l, iban, name, []string{"betaling", "Betaling", "overboeking", "zie factuur"}[r.IntN(4)], ""
	case 2:
		l.Mess = "typo"
		return l, iban, name, strings.TrimSpace(word + " " + typo(r, it.Number)), ""
	}
	m := mangle(r, it.Number, 250)
	if m != it.Number && l.Mess == "exact" {
		l.Mess = "mangled"
	}
	return l, iban, name, strings.TrimSpace(word + " " + m + []string{"", "", " dank u", " - " + p.CustomerNumber, " klantnr " + p.CustomerNumber}[r.IntN(5)]), ""
}

// mangle writes an invoice number the way payers do, in permille cases
// not as printed: a space inside, the leading digit left out, in lower
// case with a prefix of their own.
func mangle(r *rand.Rand, num string, permille int) string {
	if !chance(r, permille) || len(num) < 6 {
		return num
	}
	switch r.IntN(3) {
	case 0:
		return num[:4] + " " + num[4:]
	case 1:
		return num[1:]
	}
	return "inv" + strings.ToLower(num)
}

// typo changes one digit of the number.
func typo(r *rand.Rand, num string) string {
	b := []byte(num)
	for tries := 0; tries < 10; tries++ {
		i := r.IntN(len(b))
		if b[i] >= '0' && b[i] <= '9' {
			b[i] = '0' + (b[i]-'0'+byte(1+r.IntN(9)))%10
			return string(b)
		}
	}
	return num
}

// spaced writes a reference in groups of four, as people copy it.
func spaced(ref string) string {
	var b strings.Builder
	for i, c := range ref {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func bicOf(iban string) string {
	if len(iban) < 8 {
		return ""
	}
	return iban[4:8] + "NL2A"
}

// clean keeps text MT940 can carry in a :86: subfield.
func clean(s string) string {
	return strings.NewReplacer("/", "-", "\r", " ", "\n", " ", ":", " ").Replace(s)
}

func sign(v int64) string {
	if v < 0 {
		return "D"
	}
	return "C"
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func mtAmount(c int64) string { return strconv.FormatInt(c/100, 10) + "," + fmt.Sprintf("%02d", c%100) }

// StatementQuality is how Kredo's matcher did on one entity's demo
// statement, judged against the truth the generator knows.
type StatementQuality struct {
	Entity     string
	File       string
	Taken      int               // ledger payments taken out to arrive by the statement instead
	Lines      int               // lines that pay invoices
	Auto       int               // of which matched automatically
	Wrong      int               // automatic matches to other invoices than the truth
	Amount     int64             // paid on those lines (entity currency)
	AutoAmount int64             // of which matched automatically
	Other      int               // lines that are not payments of invoices: money nobody owes, costs, refunds
	OtherAuto  int               // of which matched automatically (each one wrong)
	ByMess     map[string][2]int // per way of writing: lines, automatic
}

// AutoRate is the share of payment lines matched automatically, in percent.
func (q StatementQuality) AutoRate() float64 {
	if q.Lines == 0 {
		return 0
	}
	return 100 * float64(q.Auto) / float64(q.Lines)
}
