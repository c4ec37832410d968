package web

// helpItem is one line of the template editor's help: what to write and
// the key of its explanation.
type helpItem struct {
	Code, Key string
}

// templateFuncs are the functions a template may call (comms.langSet.funcs)
// and the shared blocks every language defines (common.txt).
var templateFuncs = []helpItem{
	{"{{money .GrandTotal}}", "tplhelp.money"},
	{"{{date .PayBy}}", "tplhelp.date"},
	{"{{longdate .PayBy}}", "tplhelp.longdate"},
	{"{{ibans .Entity.IBANs}}", "tplhelp.ibans"},
	{"{{bold (money .Total)}}", "tplhelp.bold"},
	{"{{link .PortalURL}}", "tplhelp.link"},
	{"{{items}}", "tplhelp.items"},
	{"{{instalments}}", "tplhelp.instalments"},
	{`{{template "salutation" .}}`, "tplhelp.template"},
	{"{{if .One}}…{{else}}…{{end}}", "tplhelp.if"},
}

// templateFields are the data a template sees (comms.Data).
var templateFields = []helpItem{
	{".Contact", "tplhelp.contact"},
	{".Customer.Name .Customer.Number", "tplhelp.customer"},
	{".Entity.Name .Entity.Phone .Entity.Email", "tplhelp.entity"},
	{".Consumer", "tplhelp.consumer"},
	{".Date .PayBy", "tplhelp.dates"},
	{".Count .One .FirstNumber", "tplhelp.count"},
	{".Total .Interest .Costs .GrandTotal", "tplhelp.amounts"},
	{".AnnouncedCosts", "tplhelp.announced"},
	{".InterestBasis .CostsBasis", "tplhelp.basis"},
	{".PaymentRef", "tplhelp.ref"},
	{".PortalURL", "tplhelp.portal"},
	{".Agency", "tplhelp.agency"},
	{".Lines", "tplhelp.lines"},
	{".Instalments", "tplhelp.plan"},
}

// templateBlocks are the shared blocks of common.txt.
var templateBlocks = []string{"salutation", "formal_salutation", "invoices", "account", "via", "portal", "questions", "closing", "formal_closing"}

// HelpFuncs are the functions a template may call, for the help box.
func (templateEditPage) HelpFuncs() []helpItem { return templateFuncs }

// HelpFields are the data a template sees, for the help box.
func (templateEditPage) HelpFields() []helpItem { return templateFields }

// HelpBlocks are the shared blocks, for the help box.
func (templateEditPage) HelpBlocks() []string { return templateBlocks }
