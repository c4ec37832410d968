package web

import (
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// messages holds every UI string in English and Dutch, by key.
var messages = map[string]struct{ en, nl string }{
	"app.skip":                    {"Skip to content", "Naar de inhoud"},
	"nav.main":                    {"Main navigation", "Hoofdnavigatie"},
	"nav.customers":               {"Customers", "Klanten"},
	"nav.invoices":                {"Invoices", "Facturen"},
	"nav.payments":                {"Payments", "Betalingen"},
	"nav.imports":                 {"Imports", "Imports"},
	"nav.logout":                  {"Log out", "Uitloggen"},
	"nav.entity":                  {"Entity", "Administratie"},
	"nav.all_entities":            {"All entities", "Alle administraties"},
	"nav.switch":                  {"Switch", "Wissel"},
	"login.title":                 {"Log in", "Inloggen"},
	"login.username":              {"Username", "Gebruikersnaam"},
	"login.password":              {"Password", "Wachtwoord"},
	"login.submit":                {"Log in", "Inloggen"},
	"login.failed":                {"Wrong username or password.", "Onjuiste gebruikersnaam of wachtwoord."},
	"login.expired":               {"The form has expired; please try again.", "Het formulier is verlopen; probeer het opnieuw."},
	"filter.search":               {"Search name or number", "Zoek op naam of nummer"},
	"filter.segment":              {"Segment", "Segment"},
	"filter.region":               {"Region", "Regio"},
	"filter.status":               {"Status", "Status"},
	"filter.any":                  {"Any", "Alle"},
	"filter.apply":                {"Filter", "Filteren"},
	"filter.reset":                {"Reset", "Wissen"},
	"filter.title":                {"Filters", "Filters"},
	"list.export":                 {"Export CSV", "Exporteer CSV"},
	"list.count":                  {"results", "resultaten"},
	"list.empty":                  {"Nothing found.", "Niets gevonden."},
	"pager.label":                 {"Pages", "Pagina's"},
	"pager.prev":                  {"Previous", "Vorige"},
	"pager.next":                  {"Next", "Volgende"},
	"pager.page":                  {"Page", "Pagina"},
	"col.entity":                  {"Entity", "Administratie"},
	"col.number":                  {"Number", "Nummer"},
	"col.name":                    {"Name", "Naam"},
	"col.segment":                 {"Segment", "Segment"},
	"col.region":                  {"Region", "Regio"},
	"col.controller":              {"Controller", "Debiteurenbeheerder"},
	"col.open":                    {"Open", "Openstaand"},
	"col.overdue":                 {"Overdue", "Vervallen"},
	"col.type":                    {"Type", "Soort"},
	"col.invoice_date":            {"Invoice date", "Factuurdatum"},
	"col.due_date":                {"Due date", "Vervaldatum"},
	"col.days_overdue":            {"Days overdue", "Dagen vervallen"},
	"col.amount":                  {"Amount", "Bedrag"},
	"col.status":                  {"Status", "Status"},
	"col.customer":                {"Customer", "Klant"},
	"col.reference":               {"Reference", "Referentie"},
	"col.date":                    {"Date", "Datum"},
	"col.description":             {"Description", "Omschrijving"},
	"col.allocations":             {"Allocations", "Afletteringen"},
	"col.unallocated":             {"Unallocated", "Niet afgeletterd"},
	"col.role":                    {"Role", "Rol"},
	"col.email":                   {"E-mail", "E-mail"},
	"col.phone":                   {"Phone", "Telefoon"},
	"col.language":                {"Language", "Taal"},
	"sort.due_asc":                {"Due date, oldest first", "Vervaldatum, oudste eerst"},
	"sort.due_desc":               {"Due date, newest first", "Vervaldatum, nieuwste eerst"},
	"sort.label":                  {"Sort by", "Sorteer op"},
	"status.open":                 {"open", "open"},
	"status.paid":                 {"paid", "betaald"},
	"status.overdue":              {"overdue", "vervallen"},
	"kind.invoice":                {"invoice", "factuur"},
	"kind.credit_note":            {"credit note", "creditnota"},
	"role.billing":                {"billing", "facturatie"},
	"role.dunning":                {"dunning", "aanmaningen"},
	"role.general":                {"general", "algemeen"},
	"customer.details":            {"Details", "Gegevens"},
	"customer.contacts":           {"Contacts", "Contactpersonen"},
	"customer.group":              {"Group", "Concern"},
	"customer.parent":             {"Parent", "Moederklant"},
	"customer.subs":               {"Subsidiaries", "Dochters"},
	"customer.invoices":           {"Invoices", "Facturen"},
	"customer.payments":           {"Payments", "Betalingen"},
	"customer.all_pay":            {"All payments of this customer", "Alle betalingen van deze klant"},
	"customer.no_contacts":        {"No contacts.", "Geen contactpersonen."},
	"customer.address":            {"Address", "Adres"},
	"customer.vat":                {"VAT number", "Btw-nummer"},
	"customer.coc":                {"CoC number", "KvK-nummer"},
	"customer.terms":              {"Payment terms", "Betalingstermijn"},
	"customer.days":               {"days", "dagen"},
	"customer.limit":              {"Credit limit", "Kredietlimiet"},
	"customer.kind":               {"Kind", "Soort"},
	"customer.manager":            {"Account manager", "Accountmanager"},
	"customer.totals":             {"Balance", "Saldo"},
	"customer.kind.b2b":           {"business", "zakelijk"},
	"customer.kind.cons":          {"consumer", "consument"},
	"invoices.title":              {"Invoices", "Facturen"},
	"payments.title":              {"Payments", "Betalingen"},
	"customers.title":             {"Customers", "Klanten"},
	"imports.title":               {"Import a file", "Bestand importeren"},
	"imports.kind":                {"Kind of file", "Soort bestand"},
	"imports.file":                {"File", "Bestand"},
	"imports.all":                 {"Reject the whole file when a row is wrong", "Weiger het hele bestand als een regel fout is"},
	"imports.submit":              {"Import", "Importeren"},
	"imports.viewer":              {"Your role may not import files.", "Uw rol mag geen bestanden importeren."},
	"imports.ubl":                 {"UBL invoice (XML)", "UBL-factuur (XML)"},
	"imports.report":              {"Result", "Resultaat"},
	"imports.committed":           {"Imported.", "Geïmporteerd."},
	"imports.rejected":            {"Nothing was imported: fix the rows below and try again.", "Er is niets geïmporteerd: verbeter de regels hieronder en probeer het opnieuw."},
	"imports.rows":                {"Rows", "Regels"},
	"imports.inserted":            {"New", "Nieuw"},
	"imports.updated":             {"Changed", "Gewijzigd"},
	"imports.unchanged":           {"Unchanged", "Ongewijzigd"},
	"imports.rejected_n":          {"Rejected", "Afgewezen"},
	"imports.row":                 {"Row", "Regel"},
	"imports.field":               {"Field", "Veld"},
	"imports.value":               {"Value", "Waarde"},
	"imports.reason":              {"Reason", "Reden"},
	"imports.entities":            {"Entities (CSV)", "Administraties (CSV)"},
	"imports.customers":           {"Customers (CSV)", "Klanten (CSV)"},
	"imports.invoices":            {"Invoices (CSV)", "Facturen (CSV)"},
	"imports.payments":            {"Payments (CSV)", "Betalingen (CSV)"},
	"err.not_found":               {"Not found", "Niet gevonden"},
	"err.forbidden":               {"Not allowed", "Niet toegestaan"},
	"err.invalid":                 {"Invalid request", "Ongeldig verzoek"},
	"err.conflict":                {"Conflict with existing data", "Conflict met bestaande gegevens"},
	"err.too_large":               {"The upload is too large", "Het bestand is te groot"},
	"err.internal":                {"Something went wrong on our side", "Er ging iets mis aan onze kant"},
	"err.csrf":                    {"The form has expired; reload the page and try again.", "Het formulier is verlopen; laad de pagina opnieuw en probeer het nog eens."},
	"err.back":                    {"Back to customers", "Terug naar klanten"},
	"nav.dunning":                 {"Dunning", "Aanmaningen"},
	"nav.messages":                {"Messages", "Berichten"},
	"form.save":                   {"Save", "Opslaan"},
	"form.cancel":                 {"Cancel", "Annuleren"},
	"form.yes":                    {"yes", "ja"},
	"form.no":                     {"no", "nee"},
	"col.actions":                 {"Actions", "Acties"},
	"col.approved_by":             {"Approved by", "Goedgekeurd door"},
	"col.attempts":                {"Attempts", "Pogingen"},
	"col.channel":                 {"Channel", "Kanaal"},
	"col.channels":                {"Channels", "Kanalen"},
	"col.costs":                   {"Costs", "Kosten"},
	"col.created":                 {"Created", "Aangemaakt"},
	"col.created_by":              {"Started by", "Gestart door"},
	"col.customers":               {"Customers", "Klanten"},
	"col.interest":                {"Interest", "Rente"},
	"col.items":                   {"Items", "Posten"},
	"col.last_error":              {"Last error", "Laatste fout"},
	"col.level":                   {"Level", "Stap"},
	"col.messages":                {"Messages", "Berichten"},
	"col.run":                     {"Run", "Run"},
	"col.sent":                    {"Sent", "Verzonden"},
	"col.subject":                 {"Subject", "Onderwerp"},
	"col.to":                      {"To", "Aan"},
	"col.total":                   {"Total", "Totaal"},
	"customer.dunning":            {"Dunning", "Aanmaningen"},
	"customer.history":            {"Dunning history", "Aanmaninghistorie"},
	"customer.no_history":         {"No reminders yet.", "Nog geen aanmaningen."},
	"customer.no_messages":        {"No messages.", "Geen berichten."},
	"customer.all_messages":       {"All messages of this customer", "Alle berichten van deze klant"},
	"dunning.title":               {"Dunning", "Aanmaningen"},
	"dunning.sections":            {"Dunning sections", "Onderdelen aanmaningen"},
	"dunning.runs_tab":            {"Runs", "Runs"},
	"dunning.settings":            {"Settings", "Instellingen"},
	"dunning.time":                {"Daily run at", "Dagelijkse run om"},
	"dunning.approval":            {"Runs wait for approval before anything is sent", "Runs wachten op goedkeuring voordat er iets verstuurd wordt"},
	"dunning.next":                {"The next run", "De volgende run"},
	"dunning.today_made":          {"Today's run has been made:", "De run van vandaag is gemaakt:"},
	"dunning.date":                {"Date", "Datum"},
	"dunning.preview":             {"Preview the run", "Run vooraf bekijken"},
	"dunning.preview_help":        {"A preview shows who gets what; it sends and saves nothing.", "Een voorvertoning laat zien wie wat krijgt; er wordt niets verstuurd of opgeslagen."},
	"dunning.run_now":             {"Run now", "Nu uitvoeren"},
	"dunning.run_held":            {"The messages wait for approval.", "De berichten wachten op goedkeuring."},
	"dunning.run_sends":           {"The messages go out straight away.", "De berichten gaan direct de deur uit."},
	"dunning.preview_of":          {"Preview of the run of", "Voorvertoning van de run van"},
	"dunning.n_customers":         {"customers", "klanten"},
	"dunning.n_actions":           {"actions", "acties"},
	"dunning.n_skipped":           {"items or customers skipped", "posten of klanten overgeslagen"},
	"dunning.nothing_written":     {"Nothing has been sent or saved.", "Er is niets verstuurd of opgeslagen."},
	"dunning.no_actions":          {"Nobody gets a reminder.", "Niemand krijgt een aanmaning."},
	"dunning.planned":             {"Planned actions", "Geplande acties"},
	"dunning.all_levels":          {"Show all levels", "Alle stappen tonen"},
	"dunning.recent":              {"Recent runs", "Recente runs"},
	"dunning.no_runs":             {"No runs yet.", "Nog geen runs."},
	"run.title":                   {"Dunning run", "Aanmaningsrun"},
	"run.held":                    {"This run waits for approval: its e-mails and text messages are held until a credit manager approves them.", "Deze run wacht op goedkeuring: de e-mails en sms'jes worden vastgehouden tot een credit manager ze goedkeurt."},
	"run.approve":                 {"Approve and send", "Goedkeuren en versturen"},
	"run.approve_manager":         {"A credit manager approves the run.", "Een credit manager keurt de run goed."},
	"run.levels":                  {"Levels", "Stappen"},
	"run.all_messages":            {"All messages of this run", "Alle berichten van deze run"},
	"run.no_messages":             {"This run made no messages.", "Deze run maakte geen berichten."},
	"run.letters":                 {"Letters to print", "Te printen brieven"},
	"run.print":                   {"Print letters", "Brieven printen"},
	"run.mark_printed":            {"Mark as printed", "Markeer als geprint"},
	"run.print_help":              {"Print the PDF, post the letters, then mark them printed.", "Print de PDF, verstuur de brieven en markeer ze dan als geprint."},
	"schemes.title":               {"Schemes", "Schema's"},
	"schemes.order":               {"Schemes are tried in this order: a customer gets its own scheme, else the first whose rule matches, else the default.", "Schema's worden in deze volgorde geprobeerd: een klant krijgt zijn eigen schema, anders het eerste waarvan de regel past, anders het standaardschema."},
	"scheme.new":                  {"New scheme", "Nieuw schema"},
	"scheme.edit":                 {"Edit", "Wijzigen"},
	"scheme.default":              {"default", "standaard"},
	"scheme.rule":                 {"Selects", "Selecteert"},
	"scheme.rule_default":         {"every customer no other scheme selects", "elke klant die geen ander schema selecteert"},
	"scheme.rule_none":            {"no one by rule (only customers given this scheme)", "niemand via een regel (alleen klanten met dit schema)"},
	"scheme.match_segment":        {"Segment", "Segment"},
	"scheme.match_risk":           {"Risk class", "Risicoklasse"},
	"scheme.match_kind":           {"Customer kind", "Soort klant"},
	"scheme.priority":             {"Priority", "Prioriteit"},
	"scheme.priority_help":        {"Lower numbers are tried first.", "Lagere nummers worden eerst geprobeerd."},
	"scheme.min_gap":              {"Minimum days between contacts", "Minimaal aantal dagen tussen contacten"},
	"scheme.is_default":           {"Default scheme of the entity", "Standaardschema van de administratie"},
	"scheme.selection":            {"Scheme and selection rule", "Schema en selectieregel"},
	"scheme.levels":               {"Levels", "Stappen"},
	"scheme.levels_help":          {"Levels in order, each later than the one before. Leave a row empty to leave it out.", "Stappen op volgorde, elke later dan de vorige. Laat een regel leeg om hem weg te laten."},
	"scheme.amount_help":          {"Minimum amounts in", "Minimumbedragen in"},
	"scheme.level":                {"Level", "Stap"},
	"scheme.offset":               {"Days after due", "Dagen na vervaldatum"},
	"scheme.min_amount":           {"Minimum amount", "Minimumbedrag"},
	"scheme.template":             {"Template", "Sjabloon"},
	"scheme.does":                 {"Also", "Ook"},
	"scheme.costs":                {"collection costs", "incassokosten"},
	"scheme.interest":             {"interest", "rente"},
	"scheme.notice":               {"14-day letter", "14-dagenbrief"},
	"scheme.notify":               {"Notify (e-mail)", "Melden aan (e-mail)"},
	"scheme.block":                {"propose block", "blokkade voorstellen"},
	"scheme.handover":             {"hand over", "uit handen geven"},
	"scheme.add_level":            {"Add levels", "Stappen toevoegen"},
	"scheme.not_saved":            {"The scheme was not saved:", "Het schema is niet opgeslagen:"},
	"scheme.err_number":           {"not a whole number:", "geen geheel getal:"},
	"scheme.err_amount":           {"not an amount:", "geen bedrag:"},
	"scheme.err_name":             {"Give the scheme a name.", "Geef het schema een naam."},
	"scheme.err_taken":            {"A scheme with this name exists already: edit that one, or choose another name.", "Er is al een schema met deze naam: wijzig dat schema of kies een andere naam."},
	"scheme.err_default":          {"The entity needs a default scheme: make another scheme the default instead.", "De administratie heeft een standaardschema nodig: maak in plaats daarvan een ander schema standaard."},
	"scheme.err_template":         {"unknown template", "onbekend sjabloon"},
	"kindval.b2b":                 {"business", "zakelijk"},
	"kindval.consumer":            {"consumer", "consument"},
	"messages.title":              {"Messages", "Berichten"},
	"messages.message":            {"Message", "Bericht"},
	"messages.no_mail":            {"No mail server is configured: e-mails and text messages are kept here and not sent.", "Er is geen mailserver ingesteld: e-mails en sms'jes blijven hier staan en worden niet verstuurd."},
	"messages.no_subject":         {"(no subject)", "(geen onderwerp)"},
	"messages.of_customer":        {"Messages of one customer.", "Berichten van één klant."},
	"messages.to_customer":        {"To the customer", "Naar de klant"},
	"message.headers":             {"Message", "Bericht"},
	"message.html":                {"E-mail as the customer sees it", "E-mail zoals de klant hem ziet"},
	"message.text":                {"Text", "Tekst"},
	"message.pdf":                 {"Letter (PDF)", "Brief (PDF)"},
	"message.resend":              {"Send again", "Opnieuw versturen"},
	"pause.paused":                {"paused", "gepauzeerd"},
	"pause.until":                 {"until", "tot en met"},
	"pause.active":                {"Dunning is active for this customer.", "Aanmanen is actief voor deze klant."},
	"pause.until_label":           {"Pause until (inclusive)", "Pauzeren tot en met"},
	"pause.reason":                {"Reason", "Reden"},
	"pause.submit":                {"Pause dunning", "Aanmanen pauzeren"},
	"pause.change":                {"Change pause", "Pauze wijzigen"},
	"pause.resume":                {"Resume dunning", "Aanmanen hervatten"},
	"pause.err_date":              {"Give the date the pause ends.", "Geef de datum waarop de pauze eindigt."},
	"notice.saved":                {"Saved.", "Opgeslagen."},
	"notice.approved":             {"Approved: the messages are on their way.", "Goedgekeurd: de berichten gaan de deur uit."},
	"notice.already":              {"Today's run had already been made; this is it.", "De run van vandaag was al gemaakt; dit is hem."},
	"notice.started":              {"The run is done.", "De run is uitgevoerd."},
	"notice.printed":              {"The letters are marked printed.", "De brieven zijn als geprint gemarkeerd."},
	"notice.resent":               {"The message is queued to be sent again.", "Het bericht staat klaar om opnieuw te worden verstuurd."},
	"notice.paused":               {"Dunning is paused.", "Aanmanen is gepauzeerd."},
	"notice.resumed":              {"Dunning is resumed.", "Aanmanen is hervat."},
	"channel.email":               {"e-mail", "e-mail"},
	"channel.letter":              {"letter", "brief"},
	"channel.phone":               {"phone call", "telefoontje"},
	"channel.sms":                 {"text message", "sms"},
	"channel.internal":            {"internal note", "interne melding"},
	"msgstatus.held":              {"held", "vastgehouden"},
	"msgstatus.pending":           {"to send", "te versturen"},
	"msgstatus.sending":           {"sending", "wordt verstuurd"},
	"msgstatus.sent":              {"sent", "verstuurd"},
	"msgstatus.failed":            {"failed", "mislukt"},
	"msgstatus.unknown":           {"unknown", "onbekend"},
	"msgstatus.to_print":          {"to print", "te printen"},
	"msgstatus.printed":           {"printed", "geprint"},
	"msgstatus.open":              {"open task", "open taak"},
	"msgstatus.done":              {"done", "afgehandeld"},
	"runstatus.awaiting_approval": {"awaiting approval", "wacht op goedkeuring"},
	"runstatus.running":           {"running", "bezig"},
	"runstatus.done":              {"done", "klaar"},
	"runstatus.failed":            {"failed", "mislukt"},
	"tpl.pre_due":                 {"Before the due date", "Voor de vervaldatum"},
	"tpl.friendly":                {"Friendly reminder", "Vriendelijke herinnering"},
	"tpl.second":                  {"Second reminder", "Tweede herinnering"},
	"tpl.final":                   {"Final notice", "Laatste aanmaning"},
	"tpl.fourteen_day":            {"14-day letter", "14-dagenbrief"},
	"tpl.agency":                  {"Collection agency", "Incassobureau"},
	"tpl.plan_confirmation":       {"Payment plan confirmation", "Bevestiging betalingsregeling"},
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
