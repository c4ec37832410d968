package web

import (
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// runJSON is a dunning run in the API.
type runJSON struct {
	ID         int64       `json:"id"`
	Entity     string      `json:"entity"`
	Date       ledger.Date `json:"date"`
	Status     string      `json:"status"`
	Customers  int         `json:"customers"`
	Actions    int         `json:"actions"`
	Messages   int         `json:"messages"`
	CreatedBy  string      `json:"created_by"`
	ApprovedBy string      `json:"approved_by"`
	CreatedAt  time.Time   `json:"created_at"`
	ApprovedAt *time.Time  `json:"approved_at"`
	FinishedAt *time.Time  `json:"finished_at"`
	Levels     []levelJSON `json:"levels"`
}

// levelJSON counts what one level of a run does; amounts are exact
// decimal strings per currency.
type levelJSON struct {
	Level     int               `json:"level"`
	Name      string            `json:"name"`
	Channels  []string          `json:"channels"`
	Customers int               `json:"customers"`
	Items     int               `json:"items"`
	Amounts   map[string]string `json:"amounts"`
}

// runReportJSON is what a run did or, as a dry run, would do.
type runReportJSON struct {
	Entity     string        `json:"entity"`
	Date       ledger.Date   `json:"date"`
	RunID      int64         `json:"run_id"`
	Status     string        `json:"status"`
	DryRun     bool          `json:"dry_run"`
	AlreadyRan bool          `json:"already_ran"`
	Customers  int           `json:"customers"`
	Actions    int           `json:"actions"`
	Messages   int           `json:"messages"`
	Skipped    int           `json:"skipped"`
	Levels     []levelJSON   `json:"levels"`
	Planned    []plannedJSON `json:"planned,omitempty"`
}

// plannedJSON is one action of a dry run.
type plannedJSON struct {
	CustomerID     int64             `json:"customer_id"`
	CustomerNumber string            `json:"customer_number"`
	CustomerName   string            `json:"customer_name"`
	Scheme         string            `json:"scheme"`
	Level          int               `json:"level"`
	LevelName      string            `json:"level_name"`
	Channels       []string          `json:"channels"`
	Currency       string            `json:"currency"`
	Total          string            `json:"total"`
	Interest       string            `json:"interest"`
	Costs          string            `json:"costs"`
	AnnouncedCosts string            `json:"announced_costs"`
	Handover       bool              `json:"handover"`
	ProposeBlock   bool              `json:"propose_block"`
	Items          []plannedItemJSON `json:"items"`
}

// plannedItemJSON is one invoice of a planned action.
type plannedItemJSON struct {
	Number      string      `json:"number"`
	DueDate     ledger.Date `json:"due_date"`
	DaysOverdue int         `json:"days_overdue"`
	Amount      string      `json:"amount"`
	Interest    string      `json:"interest"`
}

// messageJSON is an outbox message in the API, without its bodies.
type messageJSON struct {
	ID         int64      `json:"id"`
	Entity     string     `json:"entity"`
	CustomerID int64      `json:"customer_id"`
	RunID      int64      `json:"run_id"`
	Channel    string     `json:"channel"`
	Language   string     `json:"language"`
	Template   string     `json:"template"`
	To         string     `json:"to"`
	ToName     string     `json:"to_name"`
	Subject    string     `json:"subject"`
	Status     string     `json:"status"`
	Attempts   int        `json:"attempts"`
	LastError  string     `json:"last_error"`
	MessageID  string     `json:"message_id"`
	CreatedAt  time.Time  `json:"created_at"`
	SentAt     *time.Time `json:"sent_at"`
}

// optTime is nil for a zero time, so JSON says null.
func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func toLevelsJSON(ls []app.LevelCount) []levelJSON {
	out := make([]levelJSON, 0, len(ls))
	for _, l := range sortLevels(ls) {
		amounts := map[string]string{}
		for c, a := range l.Amounts {
			amounts[c] = ledger.FormatAmount(a, c)
		}
		channels := l.Channels
		if channels == nil {
			channels = []string{}
		}
		out = append(out, levelJSON{Level: l.Level, Name: l.Name, Channels: channels, Customers: l.Customers, Items: l.Items, Amounts: amounts})
	}
	return out
}

func toRunJSON(r store.Run, entity string) runJSON {
	var ls []app.LevelCount
	for _, l := range runLevels(r) {
		lc := app.LevelCount{Level: l.Level, Name: l.Name, Channels: l.Channels, Customers: l.Customers, Items: l.Items, Amounts: map[string]int64{}}
		for _, a := range l.Amounts {
			lc.Amounts[a.Currency] = a.Amount
		}
		ls = append(ls, lc)
	}
	return runJSON{ID: r.ID, Entity: entity, Date: r.Date, Status: r.Status, Customers: r.Customers, Actions: r.Actions,
		Messages: r.Messages, CreatedBy: r.CreatedBy, ApprovedBy: r.ApprovedBy, CreatedAt: r.CreatedAt,
		ApprovedAt: optTime(r.ApprovedAt), FinishedAt: optTime(r.FinishedAt), Levels: toLevelsJSON(ls)}
}

func toRunReportJSON(rep app.RunReport) runReportJSON {
	out := runReportJSON{Entity: rep.Entity, Date: rep.Date, RunID: rep.RunID, Status: rep.Status, DryRun: rep.DryRun,
		AlreadyRan: rep.AlreadyRan, Customers: rep.Customers, Actions: rep.Actions, Messages: rep.Messages, Skipped: rep.Skipped,
		Levels: toLevelsJSON(rep.Levels)}
	if !rep.DryRun {
		return out
	}
	out.Planned = []plannedJSON{}
	for _, p := range rep.Planned {
		a := p.Action
		f := func(v int64) string { return ledger.FormatAmount(v, a.Currency) }
		pj := plannedJSON{CustomerID: p.CustomerID, CustomerNumber: p.CustomerNumber, CustomerName: p.CustomerName, Scheme: p.Scheme,
			Level: a.Level, LevelName: a.LevelName, Channels: a.Channels, Currency: a.Currency, Total: f(a.Total), Interest: f(a.Interest),
			Costs: f(a.Costs), AnnouncedCosts: f(a.AnnouncedCosts), Handover: a.Handover, ProposeBlock: a.ProposeBlock,
			Items: []plannedItemJSON{}}
		if pj.Channels == nil {
			pj.Channels = []string{}
		}
		for _, it := range a.Items {
			pj.Items = append(pj.Items, plannedItemJSON{Number: it.Number, DueDate: it.DueDate, DaysOverdue: it.DaysOverdue,
				Amount: f(it.Amount), Interest: f(it.Interest)})
		}
		out.Planned = append(out.Planned, pj)
	}
	return out
}

func toMessageJSON(m store.Message, entity string) messageJSON {
	return messageJSON{ID: m.ID, Entity: entity, CustomerID: m.CustomerID, RunID: m.RunID, Channel: m.Channel, Language: m.Language,
		Template: m.Template, To: m.ToAddress, ToName: m.ToName, Subject: m.Subject, Status: m.Status, Attempts: m.Attempts,
		LastError: m.LastError, MessageID: m.MessageID, CreatedAt: m.CreatedAt, SentAt: optTime(m.SentAt)}
}
