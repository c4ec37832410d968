package web_test

// The browser harness: the main flows of the web UI run in a real headless
// Chromium (Debian's package; scripts/test installs it and sets
// KREDO_CHROMIUM). One browser serves the whole test binary; every test gets
// a tab in a browser context of its own, so no cookie or session leaks from
// one test into the next. Every step has a timeout, and a failed step writes
// a screenshot and the page's HTML to the test's artifact directory (kept
// with `go test -artifacts`) and puts the page's URL and visible text in the
// failure message.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// stepTimeout bounds every step a test takes in the browser.
const stepTimeout = 30 * time.Second

// defaultChromium is where Debian's chromium package puts the browser.
const defaultChromium = "/usr/bin/chromium"

// chromium is the one headless browser of this test binary, started by the
// first test that needs it and stopped by TestMain.
var chromium struct {
	once sync.Once
	ctx  context.Context // the browser's root chromedp context
	stop func()          // stops the browser and removes its profile
	err  error           // why the browser did not start
}

// TestMain runs the tests and then stops the browser, if a test started it.
func TestMain(m *testing.M) {
	code := m.Run()
	if chromium.stop != nil {
		chromium.stop()
	}
	os.Exit(code)
}

// chromiumPath returns the browser to test with: $KREDO_CHROMIUM, else
// Debian's /usr/bin/chromium, else "" when neither exists.
func chromiumPath() string {
	for _, p := range []string{os.Getenv("KREDO_CHROMIUM"), defaultChromium} {
		if p == "" {
			continue
		}
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}

// startChromium starts a headless Chromium with a fresh profile and flags
// that keep it off the network (it only talks to the test servers).
func startChromium(path string) (context.Context, func(), error) {
	dir, err := os.MkdirTemp("", "kredo-chromium-")
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 1000),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	stop := func() {
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(dir)
	}
	// The first run starts the browser and binds it to ctx, so it cannot
	// run under a context with a deadline: a watchdog cancels it instead.
	watchdog := time.AfterFunc(stepTimeout, cancelCtx)
	err = chromedp.Do(ctx)
	if !watchdog.Stop() && err == nil {
		err = errors.New("timed out")
	}
	if err != nil {
		stop()
		return nil, nil, fmt.Errorf("start %s: %w", path, err)
	}
	return ctx, stop, nil
}

// tab is one test's browser tab on one test server.
type tab struct {
	t    *testing.T
	ctx  context.Context // the tab's chromedp context
	base string          // the server's URL, which paths are relative to
}

// newBrowser returns a fresh tab, in a browser context of its own, on the
// server at base. Without a browser the test is skipped, or fails in CI.
func newBrowser(t *testing.T, base string) *tab {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		msg := "no Chromium at $KREDO_CHROMIUM or " + defaultChromium + ": install Debian's chromium package (scripts/test does) or set KREDO_CHROMIUM"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	chromium.once.Do(func() { chromium.ctx, chromium.stop, chromium.err = startChromium(path) })
	if chromium.err != nil {
		t.Fatalf("browser: %v", chromium.err)
	}
	ctx, cancel := chromedp.NewContext(chromium.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// as for the browser: the tab's first run opens the tab and binds it to
	// ctx, so a watchdog limits it
	watchdog := time.AfterFunc(stepTimeout, cancel)
	err := chromedp.Do(ctx)
	if !watchdog.Stop() && err == nil {
		err = errors.New("timed out")
	}
	if err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return &tab{t: t, ctx: ctx, base: base}
}

// run runs actions in the tab within the step timeout and fails the test,
// with a screenshot and the page's text, when one fails.
func (b *tab) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.fatalf("%s: %v", what, err)
	}
}

// value runs one action that returns a value within the step timeout.
func value[T any](b *tab, what string, action chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		b.fatalf("%s: %v", what, err)
	}
	return v
}

// navigation runs actions that load a new page (a click on a link or a
// submit button, Enter in a form) and waits until the page has loaded;
// it returns the page's HTTP status.
func (b *tab) navigation(what string, actions ...chromedp.Action[chromedp.Void]) int64 {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		b.fatalf("%s: %v", what, err)
	}
	return resp.Status
}

// open loads a path of the server, waits for the page and returns its
// HTTP status (after redirects).
func (b *tab) open(path string) int64 {
	b.t.Helper()
	resp := value(b, "open "+path, chromedp.NavigateResponse(b.base+path))
	return resp.Status
}

// click clicks the first visible element matching sel and waits for the
// page it leads to.
func (b *tab) click(sel string) int64 {
	b.t.Helper()
	return b.navigation("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// fill replaces the text of the input matching sel as a person does:
// focus it, select all (Ctrl+A) and type s over it. (chromedp's SetValue
// cannot set "": its empty string argument is dropped as omitempty.)
func (b *tab) fill(sel, s string) {
	b.t.Helper()
	b.run("type into "+sel,
		chromedp.Focus(chromedp.CSS(sel), chromedp.NodeVisible),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.KeyEvent(s))
	if got := value(b, "value of "+sel, chromedp.Value(chromedp.CSS(sel))); got != s {
		b.fatalf("typed %q into %s, it holds %q", s, sel, got)
	}
}

// text returns the visible text of the first element matching sel, once
// it is visible.
func (b *tab) text(sel string) string {
	b.t.Helper()
	b.run("wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
	return strings.TrimSpace(value(b, "text of "+sel, chromedp.Text(chromedp.CSS(sel))))
}

// texts returns the visible texts of every element matching sel (none
// when nothing matches), in document order.
func (b *tab) texts(sel string) []string {
	b.t.Helper()
	return value(b, "texts of "+sel, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll(`+jsString(sel)+`), e => e.innerText.trim())`))
}

// waitFocus waits until the focused element matches sel, as keyboard
// focus moves.
func (b *tab) waitFocus(sel string) {
	b.t.Helper()
	b.run("wait for focus on "+sel, chromedp.Poll[chromedp.Void](
		`document.activeElement && document.activeElement.matches(`+jsString(sel)+`)`,
		chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout)))
}

// location returns the path and query of the page the tab shows.
func (b *tab) location() string {
	b.t.Helper()
	loc := value(b, "location", chromedp.Location())
	return strings.TrimPrefix(loc, b.base)
}

// want fails the test with the page's state unless got equals want.
func (b *tab) want(what string, got, want any) {
	b.t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		b.fatalf("%s: got %q, want %q", what, fmt.Sprint(got), fmt.Sprint(want))
	}
}

// fatalf fails the test with the page's URL and visible text, after
// writing a screenshot and the page's HTML to the artifact directory.
func (b *tab) fatalf(format string, args ...any) {
	b.t.Helper()
	b.t.Fatalf("%s\n%s", fmt.Sprintf(format, args...), b.diagnose())
}

// diagnose saves what the tab shows and describes it for a failure message.
func (b *tab) diagnose() string {
	// a fresh deadline: the step's own may be what failed
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	var out strings.Builder
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return fmt.Sprintf("(the tab cannot be read: %v)", err)
	}
	fmt.Fprintf(&out, "page: %s\n", loc)
	dir := b.t.ArtifactDir()
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		name := filepath.Join(dir, "failure.png")
		if err := os.WriteFile(name, png, 0o644); err == nil {
			fmt.Fprintf(&out, "screenshot: %s (kept with go test -artifacts)\n", name)
		}
	} else {
		fmt.Fprintf(&out, "screenshot: %v\n", err)
	}
	if html, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement ? document.documentElement.outerHTML : ""`)); err == nil {
		os.WriteFile(filepath.Join(dir, "failure.html"), []byte(html), 0o644)
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if err != nil {
		text = fmt.Sprintf("(no text: %v)", err)
	}
	const limit = 4000
	if len(text) > limit {
		text = text[:limit] + "…"
	}
	fmt.Fprintf(&out, "visible text:\n%s", text)
	return out.String()
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
