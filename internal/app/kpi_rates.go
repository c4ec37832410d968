package app

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// ImportRates reads dated exchange rates from a CSV file with the columns
// date, from, to, rate (1 from is worth rate to from date on; a header row
// names them, in any order; comma or semicolon separated) and stores them
// all, or none when a row is wrong: the error names the file, row and field.
// Only an administrator may: the rates convert every entity's figures.
func (s *Service) ImportRates(ctx context.Context, u ledger.User, r io.Reader, file string) (int, error) {
	if err := requireAdmin(u); err != nil {
		return 0, err
	}
	rows, err := parseRates(r, file)
	if err != nil {
		return 0, err
	}
	if err := s.store.SaveRates(ctx, rows); err != nil {
		return 0, err
	}
	s.log.Info("exchange rates imported", "file", file, "rates", len(rows), "user", u.Username)
	return len(rows), nil
}

func parseRates(r io.Reader, file string) ([]store.RateRow, error) {
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	cr := csv.NewReader(strings.NewReader(text))
	if first, _, _ := strings.Cut(text, "\n"); strings.Count(first, ";") > strings.Count(first, ",") {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	bad := func(row int, field, value, reason string) error {
		return ledger.Errorf(ledger.ErrInvalid, "%s", Problem{File: file, Row: row, Field: field, Value: value, Reason: reason}.String())
	}
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, bad(0, "", "", "the file is empty: expected the columns date, from, to, rate")
	}
	if err != nil {
		return nil, bad(1, "", "", err.Error())
	}
	col := map[string]int{}
	for k, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = k
	}
	for _, need := range []string{"date", "from", "to", "rate"} {
		if _, ok := col[need]; !ok {
			return nil, bad(1, need, "", "missing column (expected date, from, to, rate)")
		}
	}
	var out []store.RateRow
	var rates []kpi.Rate
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, bad(row, "", "", err.Error())
		}
		get := func(name string) string {
			if k := col[name]; k < len(rec) {
				return strings.TrimSpace(rec[k])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		date, err := ledger.ParseDate(get("date"))
		if err != nil {
			return nil, bad(row, "date", get("date"), "not a date (YYYY-MM-DD)")
		}
		from, to := strings.ToUpper(get("from")), strings.ToUpper(get("to"))
		for _, c := range [][2]string{{"from", from}, {"to", to}} {
			if len(c[1]) != 3 || strings.Trim(c[1], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
				return nil, bad(row, c[0], c[1], "not a currency code (ISO 4217, e.g. EUR)")
			}
		}
		if from == to {
			return nil, bad(row, "to", to, "the same currency as from")
		}
		dec := strings.Replace(get("rate"), ",", ".", 1)
		rate, err := kpi.ParseRate(from, to, date, dec)
		if err != nil {
			return nil, bad(row, "rate", get("rate"), "not a positive decimal number")
		}
		rates = append(rates, rate)
		out = append(out, store.RateRow{From: from, To: to, Date: date, Rate: dec, Source: file})
	}
	if len(out) == 0 {
		return nil, bad(0, "", "", "no rates in the file")
	}
	if _, err := kpi.NewRateTable(rates); err != nil {
		return nil, bad(0, "", "", strings.TrimPrefix(err.Error(), "kpi: "))
	}
	return out, nil
}
