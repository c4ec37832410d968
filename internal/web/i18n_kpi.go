package web

// kpiTexts are the strings of the KPI dashboard.
var kpiTexts = map[string]uiText{}
