package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/harmoniq/dsr/workflows"
)

// TestStaffTakeADemoCaseThroughTheWebUI is what staff do in the Temporal Web
// UI of `dsr dev --demo`, in headless Chromium, since the UI is a JavaScript
// application and only a real browser shows what they see: open a case from
// the workflow list, read its card, send an update the case refuses and read
// the reason, then send the identity signal and see the case move on. With
// -update-screenshots a passing run rewrites the screenshots the README
// shows, testdata/ui/*.png.
//
// It needs Debian's chromium (/usr/bin/chromium, or the path in CHROMIUM);
// .ci/run installs it.
var updateScreenshots = flag.Bool("update-screenshots", false, "rewrite the README's screenshots of the Web UI (cmd/dsr/testdata/ui) when the browser test passes")

func TestStaffTakeADemoCaseThroughTheWebUI(t *testing.T) {
	chromium := findChromium(t)
	start := time.Now()

	dataDir := t.TempDir()
	ports := freePorts(t, 4)
	env := map[string]string{"DSR_DATA_DIR": dataDir, "IMAP_POLL_INTERVAL": "1s", "LOG_LEVEL": "info"}
	logs := &syncBuffer{}
	stack := startDemo(t, env, ports, logs)
	defer stack.stop(t)
	defer func() {
		if t.Failed() {
			t.Logf("dsr dev logs:\n%s", tail(logs.String(), 4000))
		}
	}()
	base := fmt.Sprintf("http://127.0.0.1:%d", ports[1])

	// The demo's cases, through the UI's API as its list page reads them,
	// filtered on the search attribute staff filter on.
	ui := newUIClient(t, base, ports[3])
	var number string
	waitFor(t, 60*time.Second, "a demo case waiting for the identity check in the Web UI's list", func() bool {
		ids := ui.workflowIDs(t, `Stage = "identity"`)
		slices.Sort(ids)
		if len(ids) > 0 {
			number = ids[0]
		}
		return number != ""
	})
	c := dialWithCodec(t, ports[0], dataDir)
	defer c.Close()
	waitFor(t, 30*time.Second, number+" to say it waits for identity", func() bool { return caseStatus(t, c, number).Stage == workflows.StageIdentity })

	b := newBrowser(t, chromium)
	defer b.close() // before the stack stops
	shots := map[string][]byte{}

	// 1. The workflow list, then the case's page.
	b.step("the workflow list shows "+number, 60*time.Second, func(ctx context.Context) error {
		for {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/namespaces/default/workflows")); err != nil {
				return err
			}
			wait, cancel := context.WithTimeout(ctx, 5*time.Second)
			err := waitUntil(wait, visibleByText("document", "a", number))
			cancel()
			if err == nil || ctx.Err() != nil {
				return err
			}
		}
	})
	b.click("the case's link in the list", visibleByText("document", "a", number))
	b.waitText("the case's page", `document.querySelector("h1")`, number)

	// 2. The case card: the workflow's current details, under User Metadata.
	b.click("the User Metadata tab", visibleByText("document", "[role=tab]", "User Metadata"))
	card := b.card("Waiting for the identity check", "What to send next")
	for _, want := range []string{number + ": Waiting for the identity check", "What to send next", `"result": "verified"`, "Not allowed now:"} {
		if !strings.Contains(card, want) {
			t.Errorf("the case card lacks %q:\n%s", want, card)
		}
	}
	shots["case-card.png"] = b.screenshot()

	// 3. An update the case refuses in this stage: the form shows why.
	update := b.openForm("Send an Update", "decision", `{"actor":"anna.k","outcome":"approved"}`)
	b.click("Submit", visibleByText(update, "button[type=submit]", "Submit"))
	reason := b.waitText("the reason the update was refused", update+`?.querySelector("[role=alert] p")`, "")
	if !strings.Contains(reason, `not allowed in stage identity`) || strings.Contains(reason, "Encoded failure") {
		t.Errorf("the refused update shows %q, want its reason in clear", reason)
	}
	shots["refused-update.png"] = b.screenshot()
	b.click("Cancel", visibleByText(update, "button", "Cancel"))
	b.gone("the update form", update)
	if s := caseStatus(t, c, number); s.Stage != workflows.StageIdentity {
		t.Fatalf("after the refused update the case is in stage %s", s.Stage)
	}

	// 4. The identity signal: the case moves to assessment, and its card
	// says so once the page is read again.
	signal := b.openForm("Send a Signal", "identity", `{"actor":"anna.k","result":"verified","method":"id_document"}`)
	if enc := b.eval(signal + `?.querySelector("input[name=encoding]:checked")?.value ?? ""`); enc != "json/plain" {
		t.Errorf("the signal form encodes its input as %q, want json/plain", enc)
	}
	b.click("Submit", visibleByText(signal, "button[type=submit]", "Submit"))
	b.gone("the signal form", signal)
	b.waitText("the UI to confirm the signal", visibleByText("document", "[aria-live] *", "Workflow signaled."), "")
	waitFor(t, 30*time.Second, number+" to move to assessment", func() bool { return caseStatus(t, c, number).Stage == workflows.StageAssessment })
	b.step("reloading the case's page", 20*time.Second, func(ctx context.Context) error { return chromedp.Do(ctx, chromedp.Reload()) })
	b.click("the User Metadata tab", visibleByText("document", "[role=tab]", "User Metadata"))
	card = b.card("Waiting for a decision")
	if !strings.Contains(card, `"outcome": "approved"`) || strings.Contains(card, "Waiting for the identity check") {
		t.Errorf("the case card after the identity signal:\n%s", card)
	}
	shots["after-signal.png"] = b.screenshot()

	t.Logf("the browser took %s, the test %s", time.Since(b.started).Round(100*time.Millisecond), time.Since(start).Round(100*time.Millisecond))
	if t.Failed() || !*updateScreenshots {
		return
	}
	// The README shows these; they are rewritten only by a passing run
	// asked to (they differ at every run: times, run ids).
	dir := filepath.Join("testdata", "ui")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, png := range shots {
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// findChromium returns the browser to drive. A machine without it fails the
// test, in CI and elsewhere: the Web UI is not tested otherwise.
func findChromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv("CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	found, err := exec.LookPath(path)
	if err == nil {
		return found
	}
	where := "install Debian's chromium (apt-get install chromium; .ci/run does)"
	if os.Getenv("CI") != "" {
		where = "CI must install Debian's chromium package (.ci/run does when `chromium` is missing)"
	}
	t.Fatalf("no Chromium at %s (%v): this test drives the Web UI in headless Chromium; %s, or set CHROMIUM to its path", path, err, where)
	return ""
}

// startDemo starts `dsr dev --demo` in-process, as startDev starts `dsr dev`.
func startDemo(t *testing.T, env map[string]string, ports []int, logs *syncBuffer) *devProcess {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout := &syncBuffer{}
	p := &devProcess{cancel: cancel, done: make(chan error, 1)}
	args := []string{"dev", "--demo", "--temporal-port", strconv.Itoa(ports[0]), "--ui-port", strconv.Itoa(ports[1]), "--imap-port", strconv.Itoa(ports[2]), "--codec-port", strconv.Itoa(ports[3]),
		"--smtp-port", "0"}
	go func() { p.done <- run(ctx, args, mapEnv(env), stdout, logs) }()
	waitFor(t, 60*time.Second, "dsr dev --demo to start", func() bool {
		select {
		case err := <-p.done:
			t.Fatalf("dsr dev --demo exited: %v\n%s", err, tail(logs.String(), 4000))
		default:
		}
		return strings.Contains(stdout.String(), "dsr dev is running")
	})
	return p
}

// browser is one headless Chromium tab. Every step has its own time limit,
// so a UI that changed fails the test with the step's name, not a hang.
type browser struct {
	t       *testing.T
	ctx     context.Context
	started time.Time
	close   func()
}

func newBrowser(t *testing.T, chromium string) *browser {
	t.Helper()
	profile := t.TempDir()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	// The whole browser session is bounded too.
	alloc, cancelTimeout := context.WithTimeout(alloc, 3*time.Minute)
	ctx, cancelTab := chromedp.NewContext(alloc)
	b := &browser{t: t, ctx: ctx, started: time.Now(), close: func() {
		cancelTab()
		cancelTimeout()
		cancelAlloc() // waits for Chromium to exit, before its profile is removed
	}}
	t.Cleanup(b.close)
	b.step("starting Chromium", 30*time.Second, func(ctx context.Context) error {
		return chromedp.Do(b.ctx, chromedp.EmulateViewport(1280, 900))
	})
	return b
}

// step runs f within limit and fails the test with what the page shows if
// it does not succeed.
func (b *browser) step(what string, limit time.Duration, f func(ctx context.Context) error) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	if err := f(ctx); err != nil {
		b.t.Fatalf("%s: %v\n%s", what, err, b.describe())
	}
}

// describe says where the browser is and what the page shows, for a failure.
func (b *browser) describe() string {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	url, _ := chromedp.Run(ctx, chromedp.Location())
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	var dialogs string
	if d, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("dialog[open]")].map(d => d.innerText).join("\n---\n")`)); err == nil && d != "" {
		dialogs = "\nopen dialog:\n" + d
	}
	return fmt.Sprintf("page %s shows:\n%s%s", url, tail(text, 3000), dialogs)
}

// eval returns the string value of a JavaScript expression.
func (b *browser) eval(expr string) string {
	b.t.Helper()
	var s string
	b.step("reading the page", 10*time.Second, func(ctx context.Context) error {
		var err error
		s, err = chromedp.Run(ctx, chromedp.Evaluate[string]("String("+expr+")"))
		return err
	})
	return s
}

// click clicks the element the JavaScript expression el gives, as a person
// would: once it is visible, no longer moving (menus and dialogs open with a
// transition) and not covered by anything else.
func (b *browser) click(what, el string) {
	b.t.Helper()
	b.step("clicking "+what, 20*time.Second, func(ctx context.Context) error {
		if err := waitClickable(ctx, el); err != nil {
			return err
		}
		return chromedp.Do(ctx, chromedp.Click(chromedp.JSPath(el)))
	})
}

// waitText waits until the element el gives shows text containing want
// (any text when want is empty), and returns its text.
func (b *browser) waitText(what, el, want string) string {
	b.t.Helper()
	var got string
	b.step("waiting for "+what, 20*time.Second, func(ctx context.Context) error {
		for {
			got, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const e = (`+el+`); return e && e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) ? e.innerText.trim() : ""; })()`))
			if got != "" && strings.Contains(got, want) {
				return nil
			}
			if err := pause(ctx); err != nil {
				return fmt.Errorf("%w; last seen %q, want %q", err, got, want)
			}
		}
	})
	return got
}

// gone waits until the element el gives is no longer shown.
func (b *browser) gone(what, el string) {
	b.t.Helper()
	b.step("waiting for "+what+" to close", 20*time.Second, func(ctx context.Context) error {
		for {
			shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const e = (`+el+`); return !!e && e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}); })()`))
			if err == nil && !shown {
				return nil
			}
			if err := pause(ctx); err != nil {
				return err
			}
		}
	})
}

// card returns the case card as the workflow's page renders it: the
// markdown of "Current Details", which the UI renders in a frame of its
// own. It waits until the card shows every one of wants.
func (b *browser) card(wants ...string) string {
	b.t.Helper()
	frame := `(() => {
		const h = [...document.querySelectorAll("h1, h2, h3, h4")].find(h => h.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && h.textContent.trim() === "Current Details");
		for (let a = h; a; a = a.parentElement) {
			const f = a.querySelector("iframe");
			if (f) return f;
		}
		return null;
	})()`
	var text string
	b.step("reading the case card (Current Details)", 20*time.Second, func(ctx context.Context) error {
		for {
			text, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
				const f = `+frame+`;
				const body = f && f.contentDocument && f.contentDocument.body;
				// Shown, not only present: the frame is on the page with the card's height.
				return body && f.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && f.getBoundingClientRect().height > 100 ? body.innerText : "";
			})()`))
			if text != "" && !slices.ContainsFunc(wants, func(w string) bool { return !strings.Contains(text, w) }) {
				return nil
			}
			if err := pause(ctx); err != nil {
				return fmt.Errorf("%w; the card shows:\n%s", err, text)
			}
		}
	})
	return text
}

// openForm opens the workflow's "Send an Update" or "Send a Signal" form,
// picks name and enters payload as a person types it, and returns the
// JavaScript expression for the form's dialog.
func (b *browser) openForm(title, name, payload string) string {
	b.t.Helper()
	dialog := fmt.Sprintf(`[...document.querySelectorAll("dialog[open]")].find(d => d.querySelector("h1, h2, h3")?.textContent.trim() === %q)`, title)
	b.click("More Actions", visibleByText("document", "button", "More Actions"))
	b.click(title+" in the workflow's menu", visibleByText("document", "[role=menuitem]", title))
	b.waitText("the form "+title, dialog, title)
	b.click("the name list", `(`+dialog+`)?.querySelector("button[aria-haspopup]")`)
	b.click(name+" in the name list", fmt.Sprintf(`[...(%s)?.querySelectorAll("[role=option]") ?? []].find(o => o.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && o.querySelector("span")?.textContent.trim() === %q)`, dialog, name))
	b.gone("the name list", `(`+dialog+`)?.querySelector("[role=listbox]")`)
	if got := b.eval(`(` + dialog + `)?.querySelector("button[aria-haspopup] input")?.value`); got != name {
		b.t.Fatalf("%s: the form took the name %q, want %q\n%s", title, got, name, b.describe())
	}
	editor := `(` + dialog + `)?.querySelector("[role=textbox][aria-label=Data]")`
	b.click("the Data editor", editor)
	b.step("typing the payload", 10*time.Second, func(ctx context.Context) error {
		if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: payload}); err != nil {
			return err
		}
		// The editor formats the JSON when it loses focus; the form is then
		// still, and its Submit button where it stays.
		return chromedp.Do(ctx, chromedp.Blur(chromedp.JSPath(editor)))
	})
	var got, want any
	typed := b.eval(editor + `?.innerText`)
	if err := json.Unmarshal([]byte(typed), &got); err != nil || json.Unmarshal([]byte(payload), &want) != nil || !reflect.DeepEqual(got, want) {
		b.t.Fatalf("%s: the Data editor holds %q, want %s (%v)", title, typed, payload, err)
	}
	return dialog
}

// screenshot captures the viewport, 1280x900, as PNG.
func (b *browser) screenshot() []byte {
	b.t.Helper()
	var png []byte
	b.step("taking a screenshot", 20*time.Second, func(ctx context.Context) error {
		var err error
		png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
		return err
	})
	return png
}

// visibleByText is a JavaScript expression for the first element under
// scope (an expression) matching css that is shown and whose text is text.
func visibleByText(scope, css, text string) string {
	return fmt.Sprintf(`[...((%s)?.querySelectorAll(%q) ?? [])].find(e => e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && e.textContent.trim() === %q)`, scope, css, text)
}

// waitUntil waits until the expression gives an element that is shown.
func waitUntil(ctx context.Context, el string) error {
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+el+`)`))
		if err == nil && ok {
			return nil
		}
		if err := pause(ctx); err != nil {
			return err
		}
	}
}

// waitClickable waits until the element el gives is shown, scrolled into
// view, in the same place on two looks in a row, with no transition running
// on it or around it, and is what a click at its centre reaches.
func waitClickable(ctx context.Context, el string) error {
	const probe = `(() => {
		const e = (%s);
		if (!e || !e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return "";
		e.scrollIntoView({block: "nearest"});
		for (let a = e; a; a = a.parentElement) {
			if (a.getAnimations().some(x => x.playState === "running")) return "";
		}
		const r = e.getBoundingClientRect();
		const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
		if (!hit || !(hit === e || e.contains(hit))) return "";
		return JSON.stringify([r.x, r.y, r.width, r.height]);
	})()`
	last := ""
	for {
		at, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(probe, el)))
		if err == nil && at != "" && at == last {
			return nil
		}
		last = at
		if err := pause(ctx); err != nil {
			return fmt.Errorf("%w: not clickable: %s", err, el)
		}
	}
}

func pause(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(100 * time.Millisecond):
		return nil
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
