package web

import (
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// messages holds every UI string in English and Dutch, by key.
var messages = map[string]struct{ en, nl string }{
	"app.skip":             {"Skip to content", "Naar de inhoud"},
	"nav.main":             {"Main navigation", "Hoofdnavigatie"},
	"nav.customers":        {"Customers", "Klanten"},
	"nav.invoices":         {"Invoices", "Facturen"},
	"nav.payments":         {"Payments", "Betalingen"},
	"nav.imports":          {"Imports", "Imports"},
	"nav.logout":           {"Log out", "Uitloggen"},
	"nav.entity":           {"Entity", "Administratie"},
	"nav.all_entities":     {"All entities", "Alle administraties"},
	"nav.switch":           {"Switch", "Wissel"},
	"login.title":          {"Log in", "Inloggen"},
	"login.username":       {"Username", "Gebruikersnaam"},
	"login.password":       {"Password", "Wachtwoord"},
	"login.submit":         {"Log in", "Inloggen"},
	"login.failed":         {"Wrong username or password.", "Onjuiste gebruikersnaam of wachtwoord."},
	"login.expired":        {"The form has expired; please try again.", "Het formulier is verlopen; probeer het opnieuw."},
	"filter.search":        {"Search name or number", "Zoek op naam of nummer"},
	"filter.segment":       {"Segment", "Segment"},
	"filter.region":        {"Region", "Regio"},
	"filter.status":        {"Status", "Status"},
	"filter.any":           {"Any", "Alle"},
	"filter.apply":         {"Filter", "Filteren"},
	"filter.reset":         {"Reset", "Wissen"},
	"filter.title":         {"Filters", "Filters"},
	"list.export":          {"Export CSV", "Exporteer CSV"},
	"list.count":           {"results", "resultaten"},
	"list.empty":           {"Nothing found.", "Niets gevonden."},
	"pager.label":          {"Pages", "Pagina's"},
	"pager.prev":           {"Previous", "Vorige"},
	"pager.next":           {"Next", "Volgende"},
	"pager.page":           {"Page", "Pagina"},
	"col.entity":           {"Entity", "Administratie"},
	"col.number":           {"Number", "Nummer"},
	"col.name":             {"Name", "Naam"},
	"col.segment":          {"Segment", "Segment"},
	"col.region":           {"Region", "Regio"},
	"col.controller":       {"Controller", "Debiteurenbeheerder"},
	"col.open":             {"Open", "Openstaand"},
	"col.overdue":          {"Overdue", "Vervallen"},
	"col.type":             {"Type", "Soort"},
	"col.invoice_date":     {"Invoice date", "Factuurdatum"},
	"col.due_date":         {"Due date", "Vervaldatum"},
	"col.days_overdue":     {"Days overdue", "Dagen vervallen"},
	"col.amount":           {"Amount", "Bedrag"},
	"col.status":           {"Status", "Status"},
	"col.customer":         {"Customer", "Klant"},
	"col.reference":        {"Reference", "Referentie"},
	"col.date":             {"Date", "Datum"},
	"col.description":      {"Description", "Omschrijving"},
	"col.allocations":      {"Allocations", "Afletteringen"},
	"col.unallocated":      {"Unallocated", "Niet afgeletterd"},
	"col.role":             {"Role", "Rol"},
	"col.email":            {"E-mail", "E-mail"},
	"col.phone":            {"Phone", "Telefoon"},
	"col.language":         {"Language", "Taal"},
	"sort.due_asc":         {"Due date, oldest first", "Vervaldatum, oudste eerst"},
	"sort.due_desc":        {"Due date, newest first", "Vervaldatum, nieuwste eerst"},
	"sort.label":           {"Sort by", "Sorteer op"},
	"status.open":          {"open", "open"},
	"status.paid":          {"paid", "betaald"},
	"status.overdue":       {"overdue", "vervallen"},
	"kind.invoice":         {"invoice", "factuur"},
	"kind.credit_note":     {"credit note", "creditnota"},
	"role.billing":         {"billing", "facturatie"},
	"role.dunning":         {"dunning", "aanmaningen"},
	"role.general":         {"general", "algemeen"},
	"customer.details":     {"Details", "Gegevens"},
	"customer.contacts":    {"Contacts", "Contactpersonen"},
	"customer.group":       {"Group", "Concern"},
	"customer.parent":      {"Parent", "Moederklant"},
	"customer.subs":        {"Subsidiaries", "Dochters"},
	"customer.invoices":    {"Invoices", "Facturen"},
	"customer.payments":    {"Payments", "Betalingen"},
	"customer.all_pay":     {"All payments of this customer", "Alle betalingen van deze klant"},
	"customer.no_contacts": {"No contacts.", "Geen contactpersonen."},
	"customer.address":     {"Address", "Adres"},
	"customer.vat":         {"VAT number", "Btw-nummer"},
	"customer.coc":         {"CoC number", "KvK-nummer"},
	"customer.terms":       {"Payment terms", "Betalingstermijn"},
	"customer.days":        {"days", "dagen"},
	"customer.limit":       {"Credit limit", "Kredietlimiet"},
	"customer.kind":        {"Kind", "Soort"},
	"customer.manager":     {"Account manager", "Accountmanager"},
	"customer.totals":      {"Balance", "Saldo"},
	"customer.kind.b2b":    {"business", "zakelijk"},
	"customer.kind.cons":   {"consumer", "consument"},
	"invoices.title":       {"Invoices", "Facturen"},
	"payments.title":       {"Payments", "Betalingen"},
	"customers.title":      {"Customers", "Klanten"},
	"imports.title":        {"Import a file", "Bestand importeren"},
	"imports.kind":         {"Kind of file", "Soort bestand"},
	"imports.file":         {"File", "Bestand"},
	"imports.all":          {"Reject the whole file when a row is wrong", "Weiger het hele bestand als een regel fout is"},
	"imports.submit":       {"Import", "Importeren"},
	"imports.viewer":       {"Your role may not import files.", "Uw rol mag geen bestanden importeren."},
	"imports.ubl":          {"UBL invoice (XML)", "UBL-factuur (XML)"},
	"imports.report":       {"Result", "Resultaat"},
	"imports.committed":    {"Imported.", "Geïmporteerd."},
	"imports.rejected":     {"Nothing was imported: fix the rows below and try again.", "Er is niets geïmporteerd: verbeter de regels hieronder en probeer het opnieuw."},
	"imports.rows":         {"Rows", "Regels"},
	"imports.inserted":     {"New", "Nieuw"},
	"imports.updated":      {"Changed", "Gewijzigd"},
	"imports.unchanged":    {"Unchanged", "Ongewijzigd"},
	"imports.rejected_n":   {"Rejected", "Afgewezen"},
	"imports.row":          {"Row", "Regel"},
	"imports.field":        {"Field", "Veld"},
	"imports.value":        {"Value", "Waarde"},
	"imports.reason":       {"Reason", "Reden"},
	"imports.entities":     {"Entities (CSV)", "Administraties (CSV)"},
	"imports.customers":    {"Customers (CSV)", "Klanten (CSV)"},
	"imports.invoices":     {"Invoices (CSV)", "Facturen (CSV)"},
	"imports.payments":     {"Payments (CSV)", "Betalingen (CSV)"},
	"err.not_found":        {"Not found", "Niet gevonden"},
	"err.forbidden":        {"Not allowed", "Niet toegestaan"},
	"err.invalid":          {"Invalid request", "Ongeldig verzoek"},
	"err.conflict":         {"Conflict with existing data", "Conflict met bestaande gegevens"},
	"err.too_large":        {"The upload is too large", "Het bestand is te groot"},
	"err.internal":         {"Something went wrong on our side", "Er ging iets mis aan onze kant"},
	"err.csrf":             {"The form has expired; reload the page and try again.", "Het formulier is verlopen; laad de pagina opnieuw en probeer het nog eens."},
	"err.back":             {"Back to customers", "Terug naar klanten"},
}

// translate returns the text of key in lang (English when lang is not
// Dutch), or the key itself when it is missing, so a gap shows on screen.
func translate(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if lang == "nl" {
		return m.nl
	}
	return m.en
}

// formatMoney writes an amount for people in the language's style:
// nl "€ 1.234,56" (other currencies "USD 1.234,56"), en "EUR 1,234.56".
// A non-breaking space keeps the currency with its number.
func formatMoney(lang string, minor int64, currency string) string {
	plain := ledger.FormatAmount(minor, currency) // "-1234.56"
	neg := strings.HasPrefix(plain, "-")
	plain = strings.TrimPrefix(plain, "-")
	intPart, frac, _ := strings.Cut(plain, ".")
	group, dec := ",", "."
	symbol := currency
	if lang == "nl" {
		group, dec = ".", ","
		if currency == "EUR" {
			symbol = "€"
		}
	}
	var b strings.Builder
	b.WriteString(symbol)
	b.WriteString("\u00a0")
	if neg {
		b.WriteString("-")
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(dec)
		b.WriteString(frac)
	}
	return b.String()
}

// formatDate writes a date in the language's style: nl 22-11-2026, en 2026-11-22.
func formatDate(lang string, d ledger.Date) string {
	if d.IsZero() {
		return ""
	}
	if lang == "nl" {
		return d.Time().Format("02-01-2006")
	}
	return d.String()
}

// formatInt writes an integer with the language's thousands separator.
func formatInt(lang string, n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := ","
	if lang == "nl" {
		sep = "."
	}
	var b strings.Builder
	if neg {
		b.WriteString("-")
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}
