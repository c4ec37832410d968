package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
)

// access says who may call a route.
type access int

const (
	public access = iota // anyone: login, health, static files
	page                 // a logged-in browser session; POSTs carry the CSRF token
	api                  // a bearer token, or a session plus the X-CSRF-Token header on writes
)

// route is one entry of the route table.
type route struct {
	pattern string
	access  access
	handler http.Handler
}

// routes lists every route of Kredo in one place.
func (s *server) routes() []route {
	return []route{
		{"GET /healthz", public, s.handleHealthz()},
		{"GET /static/{file}", public, s.handleStatic()},
		{"GET /login", public, s.handleLoginForm()},
		{"POST /login", public, s.handleLogin()},
		{"POST /logout", page, s.handleLogout()},

		{"GET /{$}", page, http.RedirectHandler("/worklist", http.StatusSeeOther)},
		{"GET /customers", page, s.handleCustomersPage()},
		{"GET /customers.csv", page, s.handleCustomersCSV()},
		{"GET /customers/{id}", page, s.handleCustomerPage()},
		{"GET /invoices", page, s.handleInvoicesPage()},
		{"GET /invoices.csv", page, s.handleInvoicesCSV()},
		{"GET /payments", page, s.handlePaymentsPage()},
		{"GET /payments.csv", page, s.handlePaymentsCSV()},
		{"GET /imports", page, s.handleImportsPage()},
		{"POST /imports", page, s.handleImportUpload()},
		{"POST /customers/{id}/pause", page, s.handleCustomerPause()},
		{"POST /customers/{id}/resume", page, s.handleCustomerResume()},
		{"POST /customers/{id}/scheme", page, s.handleCustomerScheme()},
		{"GET /calculator", page, s.handleCalculatorPage()},
		{"GET /dunning", page, s.handleDunningPage()},
		{"GET /dunning/preview", page, s.handleDunningPreview()},
		{"POST /dunning/run", page, s.handleDunningStart()},
		{"POST /dunning/settings", page, s.handleDunningSettings()},
		{"GET /dunning/runs/{id}", page, s.handleRunPage()},
		{"POST /dunning/runs/{id}/approve", page, s.handleRunApprove()},
		{"GET /dunning/runs/{id}/letters.pdf", page, s.handleRunLetters()},
		{"POST /dunning/runs/{id}/letters/printed", page, s.handleRunLettersPrinted()},
		{"GET /dunning/schemes", page, s.handleSchemesPage()},
		{"GET /dunning/schemes/new", page, s.handleSchemeNew()},
		{"GET /dunning/schemes/{id}/edit", page, s.handleSchemeEdit()},
		{"POST /dunning/schemes", page, s.handleSchemeSave()},
		{"POST /dunning/schemes/{id}", page, s.handleSchemeSave()},
		{"GET /dunning/templates", page, s.handleTemplatesPage()},
		{"GET /dunning/templates/{lang}/{name}", page, s.handleTemplateEdit()},
		{"POST /dunning/templates/{lang}/{name}", page, s.handleTemplateSave()}, // action=preview, save or restore
		{"GET /messages", page, s.handleMessagesPage()},
		{"GET /messages.csv", page, s.handleMessagesCSV()},
		{"GET /messages/{id}", page, s.handleMessagePage()}, // also /messages/{id}.pdf, the letter
		{"GET /messages/{id}/body.html", page, s.handleMessageBody()},
		{"POST /messages/{id}/resend", page, s.handleMessageResend()},
		{"GET /bank", page, s.handleBankPage()},
		{"POST /bank/transactions/{id}/allocate", page, s.handleBankAllocate()},
		{"POST /bank/transactions/{id}/ignore", page, s.handleBankIgnore()},
		{"POST /bank/transactions/{id}/reopen", page, s.handleBankReopen()},
		{"POST /bank/tolerance", page, s.handleBankTolerance()},
		{"GET /worklist", page, s.handleWorklistPage()},
		{"GET /worklist.csv", page, s.handleWorklistCSV()},
		{"GET /worklist/next", page, s.handleWorklistNext()},
		{"POST /worklist/reassign", page, s.handleWorklistReassign()},
		{"GET /worklist/rules", page, s.handleRulesPage()},
		{"POST /worklist/rules", page, s.handleRulesSave()},
		{"POST /worklist/{id}/done", page, s.handleWorklistDone()},
		{"POST /worklist/{id}/snooze", page, s.handleWorklistSnooze()},
		{"POST /customers/{id}/activities", page, s.handleLogActivity()},
		{"POST /customers/{id}/promises", page, s.handleRecordPromise()},
		{"POST /customers/{id}/plans", page, s.handleAgreePlan()},
		{"POST /customers/{id}/snooze", page, s.handleCustomerSnooze()},
		{"POST /customers/{id}/reassign", page, s.handleCustomerReassign()},
		{"POST /customers/{id}/done", page, s.handleCustomerDone()},
		{"GET /dashboard", page, s.handleDashboardPage()},
		{"GET /dashboard.csv", page, s.handleDashboardCSV()},
		{"GET /dashboard.xlsx", page, s.handleDashboardXLSX()},
		{"POST /dashboard/snapshots", page, s.handleDashboardSnapshots()},
		{"GET /disputes", page, s.handleDisputesPage()},
		{"POST /disputes/notifications/read", page, s.handleNotificationsRead()},
		{"GET /disputes/rules", page, s.handleDisputeRules()},
		{"POST /disputes/rules", page, s.handleDisputeRuleSave()},
		{"POST /disputes/rules/{id}/delete", page, s.handleDisputeRuleDelete()},
		{"GET /disputes/report", page, s.handleDisputeReport()},
		{"GET /disputes/{id}", page, s.handleDisputePage()},
		{"POST /disputes/{id}/comment", page, s.handleDisputeComment()},
		{"POST /disputes/{id}/status", page, s.handleDisputeStatus()},
		{"POST /disputes/{id}/reassign", page, s.handleDisputeReassign()},
		{"POST /disputes/{id}/resolve", page, s.handleDisputeResolve()},
		{"POST /disputes/{id}/approve", page, s.handleDisputeApprove()},
		{"POST /disputes/{id}/attachments", page, s.handleDisputeAttach()},
		{"GET /disputes/{id}/attachments/{aid}", page, s.handleDisputeAttachment()},
		{"GET /customers/{id}/disputes", page, s.handleCustomerDisputes()},
		{"GET /customers/{id}/disputes/new", page, s.handleDisputeNew()},
		{"POST /customers/{id}/disputes", page, s.handleDisputeCreate()},
		{"GET /dashboard/report.pdf", page, s.handleDashboardReport()},
		{"/", page, s.handleNotFoundPage()},

		{"GET /api/v1/openapi.json", public, s.handleOpenAPI()},
		{"GET /api/v1/entities", api, s.handleAPIEntities()},
		{"POST /api/v1/entities", api, s.handleAPIImport(csvfmt.Entities)},
		{"GET /api/v1/customers", api, s.handleAPICustomers()},
		{"POST /api/v1/customers", api, s.handleAPIImport(csvfmt.Customers)},
		{"GET /api/v1/customers/{id}", api, s.handleAPICustomer()},
		{"GET /api/v1/invoices", api, s.handleAPIInvoices()},
		{"POST /api/v1/invoices", api, s.handleAPIImport(csvfmt.Invoices)},
		{"GET /api/v1/invoices/{id}", api, s.handleAPIInvoice()},
		{"GET /api/v1/payments", api, s.handleAPIPayments()},
		{"POST /api/v1/payments", api, s.handleAPIImport(csvfmt.Payments)},
		{"POST /api/v1/ubl", api, s.handleAPIUBL()},
		{"GET /api/v1/dunning/runs", api, s.handleAPIRuns()},
		{"POST /api/v1/dunning/runs", api, s.handleAPIStartRun()},
		{"POST /api/v1/dunning/runs/{id}/approve", api, s.handleAPIApproveRun()},
		{"GET /api/v1/messages", api, s.handleAPIMessages()},
		{"GET /api/v1/kpi", api, s.handleAPIKPI()},
		{"GET /api/v1/kpi/trend", api, s.handleAPIKPITrend()},
		{"GET /api/v1/kpi/{dimension}", api, s.handleAPIKPI()},
		{"POST /api/v1/statements", api, s.handleAPIStatements()},
		{"GET /api/v1/disputes", api, s.handleAPIDisputes()},
		{"POST /api/v1/disputes", api, s.handleAPIOpenDispute()},
		{"GET /api/v1/disputes/{id}", api, s.handleAPIDispute()},
		{"POST /api/v1/disputes/{id}/status", api, s.handleAPIDisputeStatus()},
		{"POST /api/v1/disputes/{id}/comments", api, s.handleAPIDisputeComment()},
		{"POST /api/v1/disputes/{id}/resolve", api, s.handleAPIDisputeResolve()},
		{"/api/", public, s.handleAPINotFound()},
	}
}

// addRoutes registers the route table on mux, each route behind the
// authentication its access level requires.
func addRoutes(mux *http.ServeMux, s *server) {
	for _, rt := range s.routes() {
		h := rt.handler
		switch rt.access {
		case page:
			h = s.requireSession(h)
		case api:
			h = s.requireAPIAuth(h)
		}
		mux.Handle(rt.pattern, h)
	}
}
