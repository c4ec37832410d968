package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"
)

//go:embed static
var staticFS embed.FS

// staticFiles are the embedded CSS and JS, with content hashes for cache busting.
type staticFiles struct {
	files map[string]staticFile
}

type staticFile struct {
	data []byte
	hash string
}

// loadStatic reads the embedded static files and hashes them.
func loadStatic() *staticFiles {
	st := &staticFiles{files: map[string]staticFile{}}
	entries, err := fs.ReadDir(staticFS, "static")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		data, err := staticFS.ReadFile("static/" + e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(data)
		st.files[e.Name()] = staticFile{data: data, hash: hex.EncodeToString(sum[:6])}
	}
	return st
}

// url returns the versioned URL of a static file, for templates.
func (st *staticFiles) url(name string) string {
	f, ok := st.files[name]
	if !ok {
		panic("web: no static file " + name)
	}
	return "/static/" + name + "?v=" + f.hash
}

// handleStatic serves an embedded file. A request for the current version
// may be cached for a year; others briefly, revalidated by ETag.
func (s *server) handleStatic() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("file")
		f, ok := s.static.files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
			h.Set("Content-Type", ct)
		}
		h.Set("ETag", `"`+f.hash+`"`)
		if r.URL.Query().Get("v") == f.hash {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "public, max-age=300")
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.data))
	})
}
