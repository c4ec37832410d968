package csvfmt

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// ParseFields parses one record given as column name -> value, as the JSON
// API receives it, with exactly the rules of a CSV row of the kind (decimal
// point, ISO or day-first dates). Keys may be canonical names or aliases;
// an unknown key is an error. row numbers the record in its batch.
func ParseFields(kind Kind, file string, row int, fields map[string]string) (Record, error) {
	spec := specs[kind]
	if spec == nil {
		return Record{}, fmt.Errorf("csvfmt: unknown kind %q", kind)
	}
	r := &Reader{file: file, kind: kind, spec: spec, det: Detected{Decimal: ledger.DecimalPoint}}
	c := rowCtx{r: r, line: row, vals: make([]string, len(spec.cols))}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		i, ok := spec.byName[normName(k)]
		if !ok {
			c.errs = append(c.errs, &RowError{File: file, Row: row, Field: k, Reason: fmt.Sprintf("unknown field %q for %s", k, kind)})
			continue
		}
		c.vals[i] = strings.TrimSpace(fields[k])
	}
	return c.record()
}
