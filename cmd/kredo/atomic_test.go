package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestAtomicFile: an export that stops half-way leaves the file that was
// there (or none) and no temporary file beside it; a finished one replaces it.
func TestAtomicFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "invoices.csv")
	if err := os.WriteFile(path, []byte("yesterday's export\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := createAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("half of today's"); err != nil {
		t.Fatal(err)
	}
	f.Abort()
	if b, _ := os.ReadFile(path); string(b) != "yesterday's export\n" {
		t.Errorf("after an export stopped half-way the file holds %q", b)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("%d files in the directory after an abort, want 1", len(es))
	}
	if err := writeFileAtomic(path, []byte("today's export\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "today's export\n" {
		t.Errorf("after a finished export the file holds %q", b)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v", fi.Mode(), err)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("%d files in the directory after a commit, want 1", len(es))
	}
}
