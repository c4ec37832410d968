package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Payment behaviour profiles.
const (
	profPrompt        = iota // pays at or before the due date
	profRegular              // a few days late
	profChronic              // 20-60 days late
	profDeteriorating        // starts on time, pays later every month
	profStopper              // stops paying some months before Today
	numProfiles
)

// profileNames name the profiles in tests and reports.
var profileNames = [numProfiles]string{"prompt", "regular", "chronic", "deteriorating", "stopper"}

// Payment styles: one transfer per invoice, or weekly or monthly payment runs.
const (
	styleSingle = iota
	styleWeekly
	styleMonthly
)

// Structured payment references a customer's invoices carry.
const (
	refNone = iota
	refRF
	refKenmerk
	refOGM
)

// Group roles.
const (
	roleSingle = iota
	roleParent
	roleSub
)

// custInfo is what the document phase needs to know about a customer; it is
// all the generator keeps per customer (about 100 bytes).
type custInfo struct {
	number   string
	lang     string
	segment  int8
	consumer bool
	profile  int8
	style    int8
	runDay   int8 // weekday (weekly) or day of month (monthly)
	ref      int8
	poFormat int8
	poShare  int16 // permille of invoices with a PO number
	terms    int16
	drift    int16 // deteriorating: extra days late at Today
	start    int32 // first and last day the customer is invoiced
	end      int32
	stop     int32 // stopper: payments intended on or after this day never come
	median   int64 // median invoice amount, minor units
	freq     int64 // invoices per 1000 months
	weight   int64 // freq × active days: its share of the invoice volume
}

// segment mix, invoice frequency and amount factors (permille) per segment.
var (
	segmentMix  = []int{300, 250, 200, 180, 70}
	segmentFreq = [numSegments]int64{1200, 1600, 600, 1000, 500, 1000}
	segmentAmt  = [numSegments]int64{800, 500, 1800, 1500, 1200, 1000}
)

// profileMix is the share of each profile per segment (permille).
var profileMix = [numSegments][]int{
	segRetail:      {320, 400, 140, 110, 30},
	segHoreca:      {200, 350, 250, 120, 80},
	segBouw:        {250, 400, 180, 140, 30},
	segIndustrie:   {380, 400, 100, 100, 20},
	segOverheid:    {200, 400, 350, 50, 0},
	segParticulier: {500, 350, 100, 0, 50},
}

// controllers and account managers per region.
var (
	controllerOf = map[string]string{"Randstad": "anna", "West": "anna", "Noord": "bram", "Oost": "bram",
		"Export": "bram", "Zuid": "carla", "Vlaanderen": "daan", "Wallonië": "eline", "Brussel": "eline"}
	managerOf = map[string]string{"Randstad": "jeroen", "West": "kim", "Noord": "lars", "Oost": "lars",
		"Export": "lars", "Zuid": "mila", "Vlaanderen": "nina", "Wallonië": "olivier", "Brussel": "olivier",
		"London": "paul", "South": "paul", "Midlands": "rachel", "North": "rachel", "Scotland": "rachel", "Wales": "rachel"}
)

// groupState carries a group's parent to its subsidiaries.
type groupState struct {
	stem   string
	loc    int
	parent ledger.Customer
	info   custInfo
}

// makeCustomer draws one customer of entity es. role and g describe its place
// in a group; g is filled in when role is roleParent.
func (gen *generator) makeCustomer(r *rand.Rand, es *entitySpec, number string, consumer bool, role int, g *groupState) (ledger.Customer, custInfo) {
	li := es.locales[pick(r, es.weights...)]
	if role == roleSub {
		li = g.loc
	}
	L := locales[li]
	ct := &L.cities[min(r.IntN(len(L.cities)), r.IntN(len(L.cities)))] // bigger (earlier) cities more often
	lang := L.lang
	if L.altLang != "" && chance(r, L.altPermille) {
		lang = L.altLang
	}
	seg := segParticulier
	if !consumer {
		seg = pick(r, segmentMix...)
		if role == roleSub && chance(r, 600) {
			seg = int(g.info.segment)
		}
	}
	c := ledger.Customer{
		EntityCode: es.entity.Code, Number: number, Country: L.country, Language: lang,
		Segment: segmentNames[seg], Region: ct.region, City: ct.name, Currency: es.entity.Currency,
		Kind: ledger.KindB2B,
	}
	c.AddressLine = street(r, L)
	c.PostalCode = postalCode(r, L, ct)
	c.Phone = phone(r, L, ct)
	info := custInfo{number: number, lang: lang, segment: int8(seg), consumer: consumer}

	surname := L.surnames[r.IntN(len(L.surnames))]
	first := L.firstNames[r.IntN(len(L.firstNames))]
	var stem string // the name without legal form, for the mail domain
	switch {
	case consumer:
		c.Kind = ledger.KindConsumer
		c.Name = first + " " + surname
		mail := slug(first) + "." + strings.ReplaceAll(slug(surname), "-", "")
		if chance(r, 400) {
			mail += strconv.Itoa(between(r, 10, 99))
		}
		c.Email = mail + "@" + [...]string{"example.com", "example.net", "example.org"}[r.IntN(3)]
		c.Contacts = []ledger.Contact{
			{Name: c.Name, Role: ledger.RoleBilling, Email: c.Email, Language: lang},
			{Name: c.Name, Role: ledger.RoleDunning, Email: c.Email, Phone: c.Phone, Language: lang},
		}
	default:
		if role == roleParent {
			g.stem = capitalize(surname)
		}
		for try := 0; ; try++ { // avoid duplicate names within the entity
			switch role {
			case roleParent:
				stem = fill(L.groupParent[r.IntN(len(L.groupParent))], g.stem, ct.name, "")
			case roleSub:
				stem = fill(L.groupSub[r.IntN(len(L.groupSub))], g.stem, ct.name, "")
			default:
				tpl := L.templates[seg][r.IntN(len(L.templates[seg]))]
				stem = fill(tpl, L.surnames[r.IntN(len(L.surnames))], ct.name, L.nouns[r.IntN(len(L.nouns))])
			}
			if !gen.names[stem] || try == 4 {
				break
			}
			if try == 3 && !strings.Contains(stem, ct.name) {
				stem += " " + ct.name // "Bakkerij Jansen Tilburg", as firms distinguish branches
				if !gen.names[stem] {
					break
				}
			}
		}
		gen.names[stem] = true
		c.Name = stem
		if seg != segOverheid {
			if lf := L.legal[pick(r, L.legalW...)]; lf != "" {
				c.Name += " " + lf
			}
		}
		domain := slug(stem) + ".example"
		c.Email = L.mailboxes[r.IntN(len(L.mailboxes))] + "@" + domain
		cs := L.surnames[r.IntN(len(L.surnames))]
		cf := L.firstNames[r.IntN(len(L.firstNames))]
		c.Contacts = []ledger.Contact{
			{Name: L.billingName, Role: ledger.RoleBilling, Email: c.Email, Language: lang},
			{Name: cf + " " + cs, Role: ledger.RoleDunning, Email: slug(cf[:1]) + "." + strings.ReplaceAll(slug(cs), "-", "") + "@" + domain,
				Phone: phone(r, L, ct), Language: lang},
		}
		if chance(r, 300) {
			c.Contacts = append(c.Contacts, ledger.Contact{Name: first + " " + surname + " (" + L.contactName + ")",
				Role: ledger.RoleGeneral, Email: "info@" + domain, Phone: c.Phone, Language: lang})
		}
		c.CoCNumber, c.VATNumber = registration(r, L, ct, c.Name)
	}

	// who handles it
	c.Controller = controllerOf[ct.region]
	if es.entity.Country == "GB" {
		c.Controller = "fiona"
	}
	if !consumer {
		c.AccountManager = managerOf[ct.region]
	}

	// commercial terms and behaviour
	switch seg {
	case segHoreca, segParticulier:
		c.PaymentTerms = [...]int{14, 14, 30}[r.IntN(3)]
	case segRetail, segOverheid:
		c.PaymentTerms = 30
	case segBouw:
		c.PaymentTerms = [...]int{30, 30, 45, 60}[r.IntN(4)]
	default:
		c.PaymentTerms = [...]int{30, 45, 60}[r.IntN(3)]
	}
	info.profile = int8(pick(r, profileMix[seg]...))
	info.style = styleSingle
	if !consumer {
		if seg == segOverheid {
			info.style = int8(pick(r, 200, 600, 200))
		} else {
			info.style = int8(pick(r, 550, 300, 150))
		}
	}
	switch info.style {
	case styleWeekly:
		info.runDay = int8([...]time.Weekday{time.Tuesday, time.Thursday, time.Friday}[r.IntN(3)])
	case styleMonthly:
		info.runDay = int8([...]int{15, 20, 25, 28}[r.IntN(4)])
	}
	if role == roleSub { // the group pays centrally and is handled by one controller
		c.ParentNumber = g.parent.Number
		c.Controller, c.AccountManager, c.PaymentTerms = g.parent.Controller, g.parent.AccountManager, g.parent.PaymentTerms
		info.profile, info.style, info.runDay = g.info.profile, g.info.style, g.info.runDay
	}
	info.terms = int16(c.PaymentTerms)
	// the credit manager's risk class follows what the customer has shown
	// (no random draw: the rest of the stream stays as it was)
	switch info.profile {
	case profChronic, profStopper:
		c.RiskClass = "high"
	case profDeteriorating:
		c.RiskClass = "medium"
	default:
		c.RiskClass = "low"
	}

	// references and purchase orders
	switch pick(r, es.refShare[:]...) {
	case 1:
		info.ref = refRF
	case 2:
		info.ref = refOGM
		if es.kenmerk {
			info.ref = refKenmerk
		}
		if L.country != es.entity.Country { // foreign payers cannot use the domestic scheme
			info.ref = refRF
		}
	}
	switch seg {
	case segOverheid:
		info.poShare = 1000
	case segIndustrie:
		info.poShare = 700
	case segBouw:
		info.poShare = 400
	case segParticulier:
		info.poShare = 0
	default:
		info.poShare = 150
	}
	if info.poShare > 0 {
		info.poFormat = int8(1 + r.IntN(4))
	}

	gen.activity(r, &info, es)
	c.CreditLimit = creditLimit(r, &info, role)
	if role == roleParent {
		g.loc, g.parent, g.info = li, c, info
	}
	return c, info
}

// activity draws when the customer buys, how much and how often.
func (gen *generator) activity(r *rand.Rand, info *custInfo, es *entitySpec) {
	last := gen.cal.last
	info.start, info.end, info.stop = 0, last, last+10000
	if chance(r, 200) { // new customer: the customer base grows
		info.start = int32(between(r, 30, int(last)-60))
	}
	switch {
	case info.profile == profStopper:
		info.stop = last - int32(between(r, 45, 200))
		if info.stop-info.start < 60 {
			info.start = max(0, info.stop-200)
		}
		info.end = min(last, info.stop+int32(between(r, 20, 50)))
	case chance(r, 50): // churned: stopped buying, history only
		info.end = info.start + (last-info.start)*int32(between(r, 30, 85))/100
	}
	if info.profile == profDeteriorating {
		info.drift = int16(between(r, 30, 80))
	}
	seg := int(info.segment)
	if info.consumer {
		info.freq = 130 * lognormal(r, &spread07) / 1000
		info.median = 9000 * lognormal(r, &spread07) / 1000
	} else {
		info.freq = 800 * segmentFreq[seg] / 1000 * lognormal(r, &spread09) / 1000
		info.median = 70000 * segmentAmt[seg] / 1000 * lognormal(r, &spread09) / 1000
	}
	if es.entity.Currency == "GBP" {
		info.median = info.median * 85 / 100
	}
	info.freq = max(info.freq, 20)
	info.weight = info.freq * int64(info.end-info.start+1)
}

// creditLimit sizes a limit on about 1.5× the expected exposure, rounded up
// to a thousand; some customers have none.
func creditLimit(r *rand.Rand, info *custInfo, role int) int64 {
	if info.consumer {
		if chance(r, 700) {
			return 0
		}
		return int64(between(r, 5, 20)) * 10000
	}
	if chance(r, 80) {
		return 0
	}
	monthly := info.freq * info.median * 128 / 100 / 1000
	limit := monthly * int64(info.terms+30) / 30 * 3 / 2
	if role == roleParent {
		limit *= 3
	}
	limit = (limit + 99999) / 100000 * 100000
	return max(limit, 250000)
}

// fill expands a name template.
func fill(tpl, surname, cityName, noun string) string {
	if strings.HasPrefix(tpl, "{S}") {
		surname = capitalize(surname)
	}
	s := strings.Replace(tpl, "{S}", surname, 1)
	s = strings.Replace(s, "{C}", cityName, 1)
	return strings.Replace(s, "{N}", noun, 1)
}

// street returns an address line.
func street(r *rand.Rand, L *locale) string {
	s := L.streets[r.IntN(len(L.streets))]
	n := strconv.Itoa(between(r, 1, 180))
	if chance(r, 100) {
		n += string(byte('a' + r.IntN(3)))
	}
	if L.numberFirst {
		if strings.Contains(s, "Estate") {
			return "Unit " + n + ", " + s
		}
		return n + " " + s
	}
	return s + " " + n
}

// postalCode returns a postal code in the city.
func postalCode(r *rand.Rand, L *locale, ct *city) string {
	switch L.country {
	case "NL":
		const letters = "ABCDEGHJKLMNPRSTVWXZ"
		for {
			a, b := letters[r.IntN(len(letters))], letters[r.IntN(len(letters))]
			if a == 'S' && (b == 'A' || b == 'D' || b == 'S') {
				continue
			}
			return strconv.Itoa(between(r, ct.lo, ct.hi)) + " " + string([]byte{a, b})
		}
	case "DE":
		return strconv.Itoa(between(r, ct.lo, ct.hi))
	case "GB":
		const letters = "ABDEFGHJLNPQRSTUWXYZ"
		return ct.codes[r.IntN(len(ct.codes))] + " " + strconv.Itoa(r.IntN(10)) +
			string([]byte{letters[r.IntN(len(letters))], letters[r.IntN(len(letters))]})
	}
	return ct.codes[r.IntN(len(ct.codes))]
}

// phone returns a number that cannot be a real subscriber: UK numbers come
// from Ofcom's drama ranges; NL, BE and DE subscriber parts start with 0,
// which those plans never assign.
func phone(r *rand.Rand, L *locale, ct *city) string {
	switch L.country {
	case "GB":
		return "+44 " + ct.phone + digits(r, 3)
	case "NL":
		return "+31 " + ct.phone + " 0" + digits(r, 4-len(ct.phone)) + " " + digits(r, 4)
	case "BE":
		return "+32 " + ct.phone + " 0" + digits(r, 3-len(ct.phone)) + " " + digits(r, 4)
	}
	return "+49 " + ct.phone + " 0" + digits(r, 6)
}

// registration returns the chamber of commerce and VAT numbers.
func registration(r *rand.Rand, L *locale, ct *city, name string) (coc, vat string) {
	switch L.country {
	case "NL":
		return string(byte('1'+r.IntN(9))) + digits(r, 7), "NL" + rsin(r) + "B01"
	case "BE":
		n := beEnterprise(r)
		return n[:4] + "." + n[4:7] + "." + n[7:], "BE" + n
	case "DE":
		if strings.Contains(name, "GmbH") {
			coc = "HRB " + strconv.Itoa(between(r, 1000, 99999))
		}
		return coc, deVAT(r)
	}
	coc = "0" + digits(r, 7)
	if ct.region == "Scotland" {
		coc = "SC" + digits(r, 6)
	}
	if chance(r, 850) {
		vat = gbVAT(r)
	}
	return coc, vat
}
