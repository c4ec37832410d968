package web

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"

	"github.com/kredo-dev/kredo/internal/app"
)

// dashboardTable returns the rows of the dashboard's exports: the columns,
// the entity's total, then one per value of the dimension.
func (s *server) dashboardTable(r *http.Request) ([][]string, string, error) {
	p, req, err := s.dashboardRequest(r)
	if err != nil {
		return nil, "", err
	}
	reps, err := s.svc.KPI(r.Context(), p.User, req)
	if err != nil {
		return nil, "", err
	}
	rep := reps[0]
	name := fmt.Sprintf("kpi-%s-%s-%s", rep.Entity.Code, rep.AsOf, req.By[0])
	return app.KPITable(rep.Records()), name, nil
}

// handleDashboardCSV exports the dashboard's figures by its dimension as
// CSV: the columns of `kredo kpi --format csv`.
func (s *server) handleDashboardCSV() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rows, name, err := s.dashboardTable(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		var buf bytes.Buffer
		csv.NewWriter(&buf).WriteAll(rows)
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		w.Write(buf.Bytes())
	})
}

// handleDashboardXLSX exports the same table as an Excel workbook.
func (s *server) handleDashboardXLSX() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rows, name, err := s.dashboardTable(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		data, err := xlsx(rows, 6) // the first six columns are text
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
		w.Write(data)
	})
}

// xlsx writes a one-sheet workbook (Office Open XML, ECMA-376) with the
// rows; cells of the first textCols columns and of the header row are
// inline strings, the others numbers when they parse as one (empty: no cell).
func xlsx(rows [][]string, textCols int) ([]byte, error) {
	var sheet strings.Builder
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i, row := range rows {
		fmt.Fprintf(&sheet, `<row r="%d">`, i+1)
		for j, v := range row {
			if v == "" {
				continue
			}
			ref := colName(j) + fmt.Sprint(i+1)
			if i == 0 || j < textCols || !isNumber(v) {
				fmt.Fprintf(&sheet, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, xmlEscape(v))
			} else {
				fmt.Fprintf(&sheet, `<c r="%s"><v>%s</v></c>`, ref, v)
			}
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="KPI" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", sheet.String()},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		fw, err := zw.Create(f.name)
		if err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
		if _, err := fw.Write([]byte(f.body)); err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// colName returns the spreadsheet column of index j: A, B, ..., Z, AA, ...
func colName(j int) string {
	s := ""
	for j++; j > 0; j = (j - 1) / 26 {
		s = string(rune('A'+(j-1)%26)) + s
	}
	return s
}

func isNumber(v string) bool {
	v = strings.TrimPrefix(v, "-")
	digits, dot := 0, 0
	for _, c := range v {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dot++
		default:
			return false
		}
	}
	return digits > 0 && dot <= 1
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }
