package web

// disputeTexts are the strings of disputes, routing rules and the dispute report.
var disputeTexts = map[string]uiText{
	"tpl.dispute_rejected": {"Dispute rejected", "Bezwaar afgewezen"},
}
