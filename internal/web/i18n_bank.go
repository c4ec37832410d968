package web

// bankTexts are the strings of bank statements and the unmatched-payments queue.
var bankTexts = map[string]uiText{}
