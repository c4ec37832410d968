// Package pdftext reads the text of a PDF back, page by page, for tests of
// the documents Kredo draws (letters, the monthly KPI report). Only tests
// import it.
package pdftext

import (
	"bytes"
	"fmt"

	"github.com/ledongthuc/pdf"
)

// Pages returns the plain text of each page of the PDF b.
func Pages(b []byte) ([]string, error) {
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("reading the PDF: %w", err)
	}
	var pages []string
	fonts := map[string]*pdf.Font{}
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		for _, name := range p.Fonts() {
			if _, ok := fonts[name]; !ok {
				f := p.Font(name)
				fonts[name] = &f
			}
		}
		s, err := p.GetPlainText(fonts)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i, err)
		}
		pages = append(pages, s)
	}
	return pages, nil
}
