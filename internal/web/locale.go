package web

import (
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// uiLang is the language of a user's screens: Dutch or English (a user
// who reads German or French gets English screens and their own letters).
func uiLang(u ledger.User) string {
	if u.Language == "nl" {
		return "nl"
	}
	return "en"
}

// translate returns the text of key in lang (English when lang is not
// Dutch), or the key itself when it is missing, so a gap shows on screen.
func translate(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if lang == "nl" {
		return m.nl
	}
	return m.en
}

// formatMoney writes an amount for people in the language's style:
// nl "€ 1.234,56" (other currencies "USD 1.234,56"), en "EUR 1,234.56".
// A non-breaking space keeps the currency with its number.
func formatMoney(lang string, minor int64, currency string) string {
	plain := ledger.FormatAmount(minor, currency) // "-1234.56"
	neg := strings.HasPrefix(plain, "-")
	plain = strings.TrimPrefix(plain, "-")
	intPart, frac, _ := strings.Cut(plain, ".")
	group, dec := ",", "."
	symbol := currency
	if lang == "nl" {
		group, dec = ".", ","
		if currency == "EUR" {
			symbol = "€"
		}
	}
	var b strings.Builder
	b.WriteString(symbol)
	b.WriteString("\u00a0")
	if neg {
		b.WriteString("-")
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(dec)
		b.WriteString(frac)
	}
	return b.String()
}

// formatDate writes a date in the language's style: nl 22-11-2026, en 2026-11-22.
func formatDate(lang string, d ledger.Date) string {
	if d.IsZero() {
		return ""
	}
	if lang == "nl" {
		return d.Time().Format("02-01-2006")
	}
	return d.String()
}

// formatInt writes an integer with the language's thousands separator.
func formatInt(lang string, n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := ","
	if lang == "nl" {
		sep = "."
	}
	var b strings.Builder
	if neg {
		b.WriteString("-")
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}
