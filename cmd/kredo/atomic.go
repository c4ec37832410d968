package main

import (
	"os"
	"path/filepath"
)

// atomicFile is a file written next to its path and renamed into place by
// Commit, so an export or report that fails half-way (or a crash) leaves
// no half-written file, and an older one stays as it was.
type atomicFile struct {
	*os.File
	path      string
	committed bool
}

// createAtomic starts writing path.
func createAtomic(path string) (*atomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &atomicFile{File: f, path: path}, nil
}

// Commit closes the file and puts it in place.
func (f *atomicFile) Commit() error {
	f.committed = true
	if err := f.File.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), f.path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// Abort throws the file away; after Commit it does nothing.
func (f *atomicFile) Abort() {
	if !f.committed {
		f.File.Close()
		os.Remove(f.Name())
	}
}
