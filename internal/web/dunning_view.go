package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// The message channels and statuses, in the order the filters list them.
var (
	msgChannels = []string{"email", "letter", "phone", "sms", "internal"}
	msgStatuses = []string{store.MsgHeld, store.MsgPending, store.MsgSending, store.MsgSent, store.MsgFailed, store.MsgUnknown,
		store.MsgToPrint, store.MsgPrinted, store.MsgOpen, store.MsgDone}
)

// entityPage returns the base page of a page about one entity: the entity
// chosen with ?entity=, else the user's first one.
func (s *server) entityPage(r *http.Request, titleKey, nav string) (Page, ledger.Entity, error) {
	p, e, err := s.listPage(r, titleKey, nav)
	if err != nil {
		return p, e, err
	}
	p.EntityRequired = true
	if e.ID == 0 {
		if len(p.Entities) == 0 {
			return p, e, ledger.Errorf(ledger.ErrNotFound, "no entity is granted to you")
		}
		e = p.Entities[0]
		p.Entity = e.Code
	}
	return p, e, nil
}

// formEntity resolves the entity code of a posted form among the user's entities.
func (s *server) formEntity(r *http.Request) (ledger.Entity, error) {
	es, err := s.svc.Entities(r.Context(), userFrom(r))
	if err != nil {
		return ledger.Entity{}, err
	}
	code := r.PostFormValue("entity")
	if code == "" {
		return ledger.Entity{}, ledger.Errorf(ledger.ErrInvalid, "choose an entity")
	}
	return pickEntity(es, code)
}

// entityByID finds a granted entity by id.
func entityByID(es []ledger.Entity, id int64) (ledger.Entity, bool) {
	for _, e := range es {
		if e.ID == id {
			return e, true
		}
	}
	return ledger.Entity{}, false
}

// onlyEntity narrows the user's scope to one entity the user may see, so
// that a scoped list (runs) holds that entity only.
func onlyEntity(u ledger.User, e ledger.Entity) ledger.User {
	u.AllEntities, u.EntityIDs = false, []int64{e.ID}
	return u
}

// noticeKeys are the notices a page shows after a POST redirected to it.
var noticeKeys = map[string]bool{"saved": true, "approved": true, "already": true, "started": true, "printed": true,
	"resent": true, "paused": true, "resumed": true, "scheme": true, "restored": true,
	"logged": true, "promised": true, "planned": true, "snoozed": true, "reassigned": true, "worked": true, "list_done": true, "rules": true}

// notice returns the translated notice named by ?done= (empty if none).
func notice(r *http.Request, p Page) string {
	if k := r.URL.Query().Get("done"); noticeKeys[k] {
		return p.T("notice." + k)
	}
	return ""
}

// withDone returns path with the notice parameter added.
func withDone(path, key string) string {
	sep := "?"
	if u, err := url.Parse(path); err == nil && u.RawQuery != "" {
		sep = "&"
	}
	return path + sep + "done=" + key
}

// amount is an amount of money in one currency.
type amount struct {
	Amount   int64
	Currency string
}

// amountsOf turns a map of amounts per currency into a sorted list.
func amountsOf(m map[string]int64) []amount {
	out := make([]amount, 0, len(m))
	for c, a := range m {
		out = append(out, amount{Amount: a, Currency: c})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
	return out
}

// levelRow is one line of a run's levels table.
type levelRow struct {
	Level     int
	Name      string // "scheme: level"
	Channels  []string
	Customers int
	Items     int
	Amounts   []amount
	URL       string // the preview filtered to this level; "" when not linked
	Current   bool
}

// sortLevels orders level counts as a credit manager reads them: by
// scheme, then in the scheme's order of levels (the run orders by name).
func sortLevels(ls []app.LevelCount) []app.LevelCount {
	out := slices.Clone(ls)
	scheme := func(l app.LevelCount) string { s, _, _ := strings.Cut(l.Name, ": "); return s }
	sort.SliceStable(out, func(i, j int) bool {
		if si, sj := scheme(out[i]), scheme(out[j]); si != sj {
			return si < sj
		}
		return out[i].Level < out[j].Level
	})
	return out
}

// levelRows turns a run's level counts into table rows.
func levelRows(ls []app.LevelCount) []levelRow {
	out := make([]levelRow, 0, len(ls))
	for _, l := range sortLevels(ls) {
		out = append(out, levelRow{Level: l.Level, Name: l.Name, Channels: l.Channels, Customers: l.Customers, Items: l.Items,
			Amounts: amountsOf(l.Amounts)})
	}
	return out
}

// runLevels reads the levels of a stored run from its summary.
func runLevels(r store.Run) []levelRow {
	var ls []app.LevelCount
	if r.Summary != "" {
		_ = json.Unmarshal([]byte(r.Summary), &ls) // a summary that does not parse shows as no levels
	}
	return levelRows(ls)
}

// runRow is one run of the recent runs table.
type runRow struct {
	store.Run
	EntityCode string
}

// runRows pairs runs with their entities' codes.
func runRows(runs []store.Run, es []ledger.Entity) []runRow {
	out := make([]runRow, 0, len(runs))
	for _, r := range runs {
		e, _ := entityByID(es, r.EntityID)
		out = append(out, runRow{Run: r, EntityCode: e.Code})
	}
	return out
}

// runURL is the page of a run.
func runURL(id int64) string { return "/dunning/runs/" + strconv.FormatInt(id, 10) }

// Channels writes a list of channels in the page's language.
func (p Page) Channels(cs []string) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = p.T("channel." + c)
	}
	return strings.Join(out, ", ")
}

// MessageChannel names the channel of a message in the page's language; a
// message of channel phone is a task for a person, a "phone task".
func (p Page) MessageChannel(c string) string {
	if c == "phone" {
		return p.T("msgchannel.phone")
	}
	return p.T("channel." + c)
}

// LevelRows are the levels of the preview, for the levels table.
func (p dunningPage) LevelRows() []levelRow {
	if p.Preview == nil {
		return nil
	}
	return p.Preview.Levels
}

// LevelRows are the levels of the run's summary, for the levels table.
func (p runPage) LevelRows() []levelRow { return p.Levels }

// TemplateName is the name of a letter template in the page's language.
func (p Page) TemplateName(name string) string {
	if t := p.T("tpl." + name); t != "tpl."+name {
		return t
	}
	return name
}

// Moment formats an instant for the page's language, in local time to the
// minute.
func (p Page) Moment(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.Local()
	if p.Lang == "nl" {
		return t.Format("02-01-2006 15:04")
	}
	return t.Format("2006-01-02 15:04")
}

// ChannelText writes a comma-separated list of channels (as stored with a
// dunning action) in the page's language.
func (p Page) ChannelText(cs string) string {
	if cs == "" {
		return ""
	}
	return p.Channels(strings.Split(cs, ","))
}
