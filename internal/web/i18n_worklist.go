package web

// worklistTexts are the strings of the worklist, the customer 360° page, promises, plans and the activity feed.
var worklistTexts = map[string]uiText{}
