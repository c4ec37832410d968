package csvfmt

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// CSVToJSON runs write, which writes canonical CSV (as Writer does), and
// streams it to w as a JSON array of objects keyed by column name with
// string values: the export's JSON form, which the API's batch import reads.
func CSVToJSON(w io.Writer, write func(io.Writer) error) error {
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := write(pw)
		pw.CloseWithError(err)
		done <- err
	}()
	err := pipeJSON(w, pr)
	pr.CloseWithError(errors.New("json conversion stopped"))
	if werr := <-done; werr != nil {
		return werr
	}
	return err
}

func pipeJSON(w io.Writer, r io.Reader) error {
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		_, err = io.WriteString(w, "[]\n")
		return err
	}
	if err != nil {
		return fmt.Errorf("csv to json: %w", err)
	}
	if _, err := io.WriteString(w, "["); err != nil {
		return err
	}
	first := true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("csv to json: %w", err)
		}
		obj := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(rec) && rec[i] != "" {
				obj[h] = unescapeFormula(rec[i])
			}
		}
		b, err := json.Marshal(obj)
		if err != nil {
			return err
		}
		sep := ",\n"
		if first {
			sep, first = "\n", false
		}
		if _, err := io.WriteString(w, sep); err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	if first {
		_, err = io.WriteString(w, "]\n")
	} else {
		_, err = io.WriteString(w, "\n]\n")
	}
	return err
}
