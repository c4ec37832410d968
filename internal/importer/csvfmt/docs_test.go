package csvfmt

import (
	"os"
	"path/filepath"
	"testing"
)

// TestImportFormatsDoc keeps docs/import-formats.md equal to Markdown(), so
// the user documentation never drifts from the code. Regenerate it with
// KREDO_UPDATE_DOCS=1 go test ./internal/importer/csvfmt/ -run ImportFormatsDoc.
func TestImportFormatsDoc(t *testing.T) {
	path := filepath.Join("..", "..", "..", "docs", "import-formats.md")
	want := Markdown()
	if os.Getenv("KREDO_UPDATE_DOCS") == "1" {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("%s is out of date: run KREDO_UPDATE_DOCS=1 go test ./internal/importer/csvfmt/ -run ImportFormatsDoc", path)
	}
}
