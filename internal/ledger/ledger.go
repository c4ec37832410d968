// Package ledger is Kredo's domain: entities, customers, invoices, payments
// and users, with Money and Date. It imports nothing of the project; storage,
// imports and the web layer all speak these types.
package ledger

import "time"

// Entity is an administration (administratie): one legal entity with its own
// currency, bank accounts and letterhead. Code is its short unique key
// ("NL01"), used in files and URLs.
type Entity struct {
	ID          int64
	Code        string
	Name        string
	Currency    string
	IBANs       []string
	AddressLine string
	PostalCode  string
	City        string
	Country     string // ISO 3166-1 alpha-2
	VATNumber   string
	CoCNumber   string // chamber of commerce (KvK) number
	Email       string
	Phone       string
	Website     string
	CreatedAt   time.Time
}

// Customer kinds: business (B2B) or consumer; the law treats them differently.
const (
	KindB2B      = "b2b"
	KindConsumer = "consumer"
)

// Customer is a debtor of one entity, known by the ERP's customer number.
type Customer struct {
	ID             int64
	EntityID       int64
	EntityCode     string // filled on reads and accepted on imports
	Number         string // the ERP's customer number, unique per entity
	Name           string
	CoCNumber      string
	VATNumber      string
	AddressLine    string
	PostalCode     string
	City           string
	Country        string
	Email          string
	Phone          string
	Language       string // ISO 639-1: nl, en, de, fr
	Segment        string
	Region         string
	RiskClass      string // low, medium or high (selects a dunning scheme); "" = not classified
	AccountManager string
	Controller     string // username of the assigned credit controller
	ParentNumber   string // customer number of the parent (group) in the same entity
	ParentID       int64  // resolved parent, 0 if none
	PaymentTerms   int    // days
	Currency       string
	CreditLimit    int64  // minor units of Currency; 0 = none set
	Kind           string // KindB2B or KindConsumer
	Contacts       []Contact
	UpdatedAt      time.Time
}

// Contact roles.
const (
	RoleBilling = "billing"
	RoleDunning = "dunning"
	RoleGeneral = "general"
)

// Contact is a person at a customer, with the role they play for us.
type Contact struct {
	Name     string `json:"name"`
	Role     string `json:"role"`
	Email    string `json:"email,omitempty"`
	Phone    string `json:"phone,omitempty"`
	Language string `json:"language,omitempty"`
}

// Invoice kinds: credit notes have negative amounts in the ledger.
const (
	InvoiceKindInvoice    = "invoice"
	InvoiceKindCreditNote = "credit_note"
)

// Invoice statuses, derived from the open amount.
const (
	StatusOpen = "open"
	StatusPaid = "paid"
)

// Invoice is an invoice or credit note. Amount and OpenAmount are signed minor
// units of Currency: a credit note is negative.
type Invoice struct {
	ID             int64
	EntityID       int64
	EntityCode     string
	CustomerID     int64
	CustomerNumber string
	Kind           string
	Number         string // unique per entity, across invoices and credit notes
	InvoiceDate    Date
	DueDate        Date
	Currency       string
	Amount         int64
	OpenAmount     int64
	PaymentRef     string // structured payment reference (betalingskenmerk, RF)
	ProductGroup   string
	PONumber       string
	Description    string
	Status         string
	Source         string // csv, ubl, api, demo
	UpdatedAt      time.Time
}

// Money returns the invoice amount as Money.
func (i Invoice) Money() Money { return Money{i.Amount, i.Currency} }

// Open returns the open amount as Money.
func (i Invoice) Open() Money { return Money{i.OpenAmount, i.Currency} }

// DaysOverdue returns how many days past due the invoice is on day d (0 if not due).
func (i Invoice) DaysOverdue(d Date) int {
	if n := i.DueDate.DaysUntil(d); n > 0 {
		return n
	}
	return 0
}

// Payment is money received from (or refunded to) a customer, known by the
// ERP's or bank's reference, with its allocations to invoices.
type Payment struct {
	ID             int64
	EntityID       int64
	EntityCode     string
	Reference      string // unique per entity
	CustomerID     int64  // 0 if not (yet) known
	CustomerNumber string
	Date           Date
	Currency       string
	Amount         int64
	Description    string
	Allocations    []Allocation
	Source         string
	UpdatedAt      time.Time
}

// Unallocated returns the part of the payment not allocated to any invoice.
func (p Payment) Unallocated() int64 {
	rest := p.Amount
	for _, a := range p.Allocations {
		rest -= a.Amount
	}
	return rest
}

// Allocation assigns part of a payment to one invoice.
type Allocation struct {
	InvoiceID     int64  `json:"-"`
	InvoiceNumber string `json:"invoice_number"`
	Amount        int64  `json:"amount"` // minor units of the payment currency
}

// Roles, from most to least powerful.
const (
	RoleAdmin      = "admin"
	RoleManager    = "credit_manager"
	RoleController = "credit_controller"
	RoleViewer     = "viewer"
)

// ValidRole reports whether r is a known role.
func ValidRole(r string) bool {
	switch r {
	case RoleAdmin, RoleManager, RoleController, RoleViewer:
		return true
	}
	return false
}

// User is a person who logs in to Kredo. A user sees only the entities
// granted to them (AllEntities grants every entity, present and future).
type User struct {
	ID           int64
	Username     string
	Name         string
	Email        string
	Role         string
	Language     string
	AllEntities  bool
	EntityIDs    []int64
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
}

// CanWrite reports whether the user may change ledger data.
func (u User) CanWrite() bool { return u.Role != RoleViewer }

// Scope is the set of entities a request may see. The storage layer applies
// it to every query, so no route can leak an entity that was not granted.
type Scope struct {
	All       bool
	EntityIDs []int64
}

// Scope returns the user's entity scope.
func (u User) Scope() Scope { return Scope{All: u.AllEntities, EntityIDs: u.EntityIDs} }

// Allows reports whether the scope includes entity id.
func (s Scope) Allows(id int64) bool {
	if s.All {
		return true
	}
	for _, e := range s.EntityIDs {
		if e == id {
			return true
		}
	}
	return false
}

// CustomerFilter selects customers. Zero fields do not filter.
type CustomerFilter struct {
	Scope    Scope
	EntityID int64
	Search   string // name or number, case-insensitive substring
	Segment  string
	Region   string
	Offset   int
	Limit    int
}

// InvoiceFilter selects invoices. Zero fields do not filter.
type InvoiceFilter struct {
	Scope      Scope
	EntityID   int64
	CustomerID int64
	Status     string
	Kind       string
	From, To   Date // invoice date range, inclusive
	Number     string
	Offset     int
	Limit      int
}

// PaymentFilter selects payments. Zero fields do not filter.
type PaymentFilter struct {
	Scope      Scope
	EntityID   int64
	CustomerID int64
	From, To   Date
	Offset     int
	Limit      int
}

// InvoiceStatus derives an invoice's status from its open amount.
func InvoiceStatus(open int64) string {
	if open == 0 {
		return StatusPaid
	}
	return StatusOpen
}
