package app

import (
	"context"
	"io"

	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// ImportJSON imports a batch of records sent through the JSON API. Each
// object has the CSV columns of its kind as keys (see csvfmt.Columns) and
// string values, and is validated exactly as a CSV row is; row k of the
// report is the k-th object (1-based).
func (s *Service) ImportJSON(ctx context.Context, actor ledger.User, kind csvfmt.Kind, file string, objects []map[string]string, opt ImportOptions) (ImportReport, error) {
	src := &jsonSource{kind: kind, file: file, objects: objects}
	return s.ImportRecords(ctx, actor, kind, file, src, opt, ImportReport{})
}

type jsonSource struct {
	kind    csvfmt.Kind
	file    string
	objects []map[string]string
	next    int
}

func (j *jsonSource) Next() (csvfmt.Record, error) {
	if j.next >= len(j.objects) {
		return csvfmt.Record{}, io.EOF
	}
	j.next++
	return csvfmt.ParseFields(j.kind, j.file, j.next, j.objects[j.next-1])
}
