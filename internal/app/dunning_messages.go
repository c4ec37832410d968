package app

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/dunning"
	"github.com/kredo-dev/kredo/internal/law"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// dutchLaw adapts package law to the dunning engine: Dutch collection
// costs and statutory interest for claims in euros; other currencies get
// none (no rules for them yet).
type dutchLaw struct{ rules *law.Rules }

func (d dutchLaw) CollectionCosts(p ledger.Money, consumer bool) (int64, error) {
	if p.Currency != d.rules.Currency || p.Amount <= 0 {
		return 0, nil
	}
	b, err := d.rules.CollectionCosts(p, law.CostOptions{})
	if err != nil {
		return 0, err
	}
	return b.Total.Amount, nil
}

func (d dutchLaw) Interest(a ledger.Money, consumer bool, due, until ledger.Date) (int64, error) {
	if a.Currency != d.rules.Currency || a.Amount <= 0 || !due.Before(until) {
		return 0, nil
	}
	kind := law.Commercial
	if consumer {
		kind = law.Consumer
	}
	b, err := d.rules.StatutoryInterest(kind, a, due.AddDays(1), until, d.rules.Rates)
	if err != nil {
		return 0, err
	}
	return b.Interest.Amount, nil
}

func (d dutchLaw) CostsAllowed(notice, today ledger.Date) bool {
	t, err := law.FourteenDayTerm(notice, ledger.Date{})
	return err == nil && t.CostsDue(today)
}

// SetRates replaces the statutory interest rate table (an operator's edited
// copy of law.RatesNLCSV, loaded with law.LoadRates) on top of the shipped one.
func (s *Service) SetRates(t law.RateTable) {
	r := law.NL()
	r.Rates = r.Rates.Merge(t)
	s.rules = r
}

// letterFor turns a dunning action into the letter the customer reads.
func letterFor(e ledger.Entity, settings store.EntityDunning, c ledger.Customer, a dunning.Action, date ledger.Date, template string) comms.Letter {
	name, _, lang := contactFor(c)
	l := comms.Letter{Template: template, Language: lang, Entity: e, Customer: c, Contact: name, Date: date, Currency: a.Currency,
		Total: a.Total, Interest: a.Interest, Costs: a.Costs, AnnouncedCosts: a.AnnouncedCosts, PayBy: date.AddDays(7),
		Consumer: c.Kind == ledger.KindConsumer}
	if template == comms.FourteenDay {
		l.PayBy = date.AddDays(16) // delivery plus 14 days, see law.FourteenDayTerm
		if t, err := law.FourteenDayTerm(date, ledger.Date{}); err == nil {
			l.PayBy = t.Last
		}
	}
	if settings.PortalURL != "" {
		l.PortalURL = strings.TrimRight(settings.PortalURL, "/") + "/c/" + c.Number
	}
	for _, it := range a.Items {
		l.Lines = append(l.Lines, comms.Line{Number: it.Number, DueDate: it.DueDate, DaysOverdue: it.DaysOverdue, Amount: it.Amount, Interest: it.Interest})
	}
	return l
}

// messagesFor renders the messages of one action: an e-mail (a letter when
// the customer has no e-mail address), a PDF letter, a phone task, an SMS,
// a note to an internal team. When the entity's runs wait for approval,
// what would go out is held.
func (s *Service) messagesFor(tpl *comms.Templates, e ledger.Entity, settings store.EntityDunning, c ledger.Customer, a dunning.Action, run store.Run) ([]store.Message, error) {
	template := a.Template
	if template == "" {
		template = comms.Friendly
	}
	out := func(status string) string {
		if settings.Approval {
			return store.MsgHeld
		}
		return status
	}
	name, email, lang := contactFor(c)
	id := func(channel string) string {
		return fmt.Sprintf("<kredo.%d.%d.%d.%s.%s@%s>", run.ID, c.ID, a.Level, a.Currency, channel, strings.ToLower(e.Code)+".kredo")
	}
	base := store.Message{Language: lang, Template: template, ToName: name}
	var msgs []store.Message
	channels := a.Channels
	hasLetter := false
	for _, ch := range channels {
		hasLetter = hasLetter || ch == dunning.Letter
	}
	for _, ch := range channels {
		if ch == dunning.Email && email == "" && !hasLetter {
			ch, hasLetter = dunning.Letter, true // no e-mail address: post a letter
		}
		m := base
		m.Channel, m.MessageID = ch, id(ch)
		switch ch {
		case dunning.Email:
			em, err := tpl.Email(letterFor(e, settings, c, a, run.Date, template))
			if err != nil {
				return nil, fmt.Errorf("render %s e-mail: %w", template, err)
			}
			m.ToAddress, m.Subject, m.BodyText, m.BodyHTML, m.Status = email, em.Subject, em.Text, em.HTML, out(store.MsgPending)
		case dunning.Letter:
			// The letter's text is rendered now (for the screen) and its data
			// kept; the PDF is rendered from that data when it is viewed or
			// printed, which keeps the run fast (a PDF costs a millisecond).
			l := letterFor(e, settings, c, a, run.Date, template)
			em, err := tpl.Email(l)
			if err != nil {
				return nil, fmt.Errorf("render %s letter: %w", template, err)
			}
			data, err := json.Marshal(l)
			if err != nil {
				return nil, fmt.Errorf("letter data: %w", err)
			}
			m.ToAddress = strings.TrimSpace(c.AddressLine + ", " + c.PostalCode + " " + c.City)
			m.Subject, m.BodyText, m.Letter, m.Status = em.Subject, em.Text, string(data), store.MsgToPrint
		case dunning.Phone:
			m.Template = "" // a task for a person, not a text from a template
			m.ToAddress, m.Status = c.Phone, store.MsgOpen
			m.Subject = fmt.Sprintf("Call %s about %d overdue item(s): %s %s", c.Name, len(a.Items), a.Currency, ledger.FormatAmount(a.Total, a.Currency))
			m.BodyText = "Items: " + describeItems(a)
		case dunning.SMS:
			phone := c.Phone
			for _, k := range c.Contacts {
				if k.Role == ledger.RoleDunning && k.Phone != "" {
					phone = k.Phone
				}
			}
			if phone == "" {
				continue
			}
			m.Template = ""
			m.ToAddress, m.Status = phone, out(store.MsgPending)
			m.BodyText = fmt.Sprintf("%s: %d invoice(s) overdue, %s %s. Ref %s.", e.Name, len(a.Items), a.Currency,
				ledger.FormatAmount(a.Total, a.Currency), c.Number)
		}
		msgs = append(msgs, m)
	}
	if a.NotifyEmail != "" {
		m := base
		m.Channel, m.MessageID, m.ToAddress, m.ToName, m.Status = "internal", id("internal"), a.NotifyEmail, "", out(store.MsgPending)
		m.Language, m.Template = "en", ""
		m.Subject = fmt.Sprintf("[Kredo] %s: %s %s (%s)", a.LevelName, c.Number, c.Name, e.Code)
		var b strings.Builder
		fmt.Fprintf(&b, "Customer %s %s reached %q today.\n\nItems: %s\nTotal: %s %s\n", c.Number, c.Name, a.LevelName, describeItems(a),
			a.Currency, ledger.FormatAmount(a.Total, a.Currency))
		if a.Handover {
			b.WriteString("The items are to be handed over to the collection agency.\n")
		}
		if a.ProposeBlock {
			b.WriteString("Blocking the account is proposed; a credit manager decides.\n")
		}
		m.BodyText = b.String()
		msgs = append(msgs, m)
	}
	return msgs, nil
}
