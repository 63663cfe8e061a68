package intake

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/rights"
)

// splitMessage splits raw and returns the skeleton and each attachment's
// decoded content.
func splitMessage(t testing.TB, raw []byte) ([]byte, []Attachment, [][]byte) {
	t.Helper()
	var skeleton bytes.Buffer
	var contents [][]byte
	atts, err := Split(bytes.NewReader(raw), &skeleton, func(part int, a Attachment, body io.Reader) error {
		if part != len(contents) {
			return fmt.Errorf("part %d came after %d parts", part, len(contents))
		}
		b, err := io.ReadAll(body)
		contents = append(contents, b)
		return err
	})
	if err != nil {
		t.Fatalf("split: %v", err)
	}
	return skeleton.Bytes(), atts, contents
}

// TestSplittingKeepsWhatTheMessageSays splits every corpus message and
// checks that the skeleton reads as the same message (same headers, text
// and attachment list) and that the attachments split off are the ones
// ParseEmail sees, with the same sizes.
func TestSplittingKeepsWhatTheMessageSays(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*.eml")
	if len(files) < 40 {
		t.Fatalf("corpus has %d messages", len(files))
	}
	split := 0
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			orig, err := ParseEmail(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			skeleton, atts, contents := splitMessage(t, raw)
			// Files inside a forwarded message stay in it.
			orig.Attachments = slices.DeleteFunc(orig.Attachments, func(a Attachment) bool { return a.Forwarded })
			again, err := ParseEmail(bytes.NewReader(skeleton))
			if err != nil {
				t.Fatalf("the skeleton does not parse: %v", err)
			}
			if again.Subject != orig.Subject || again.MessageID != orig.MessageID || again.FromAddr != orig.FromAddr || again.Text != orig.Text {
				t.Errorf("the skeleton reads differently:\n%+v\nwant\n%+v", again, orig)
			}
			if len(atts) != len(orig.Attachments) {
				t.Fatalf("split off %d attachments, ParseEmail sees %d", len(atts), len(orig.Attachments))
			}
			for i, a := range atts {
				o := orig.Attachments[i]
				if a.Filename != o.Filename || a.ContentType != o.ContentType || a.IDDocument != o.IDDocument || a.Size != o.Size || int64(len(contents[i])) != o.Size {
					t.Errorf("attachment %d: split %+v (%d bytes), ParseEmail %+v", i, a, len(contents[i]), o)
				}
				if again.Attachments[i].Size != 0 && !again.Attachments[i].Forwarded {
					t.Errorf("attachment %d is still in the skeleton (%d bytes)", i, again.Attachments[i].Size)
				}
			}
			if len(atts) > 0 {
				split++
			}
		})
	}
	if split == 0 {
		t.Error("no corpus message had an attachment to split off")
	}
}

// TestSplittingNestedParts covers what mail clients send: an alternative
// text/HTML body inside mixed, an inline image, a quoted-printable text
// attachment, a forwarded message kept whole, and a boundary with a
// character RFC 2046 does not allow but clients send anyway.
func TestSplittingNestedParts(t *testing.T) {
	png := bytes.Repeat([]byte{0x89, 'P', 'N', 'G', 0, 1, 2, 3}, 300)
	var b strings.Builder
	b.WriteString("From: a@example.se\r\nSubject: Radera\r\nMessage-ID: <n@x>\r\nContent-Type: multipart/mixed; boundary=\"yttre ä\"\r\n\r\npreamble\r\n")
	b.WriteString("--yttre ä\r\nContent-Type: multipart/alternative; boundary=inre\r\n\r\n")
	b.WriteString("--inre\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nRadera mitt konto.\r\n")
	b.WriteString("--inre\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>Radera mitt konto.</p>\r\n--inre--\r\n")
	b.WriteString("--yttre ä\r\nContent-Type: image/png\r\nContent-Disposition: inline; filename=\"leg.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	enc := b64lines(png)
	b.WriteString(enc)
	b.WriteString("\r\n--yttre ä\r\nContent-Type: text/csv; name=kvitto.csv\r\nContent-Disposition: attachment; filename=kvitto.csv\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nbel=C3=B6pp;1\r\n")
	b.WriteString("--yttre ä\r\nContent-Type: message/rfc822\r\n\r\nSubject: Gammalt\r\n\r\nMitt personnummer 19900704-2386\r\n")
	b.WriteString("--yttre ä--\r\nepilogue\r\n")
	raw := []byte(b.String())
	skeleton, atts, contents := splitMessage(t, raw)
	if len(atts) != 2 || atts[0].Filename != "leg.png" || !atts[0].IDDocument || atts[1].Filename != "kvitto.csv" || atts[1].IDDocument {
		t.Fatalf("attachments %+v", atts)
	}
	if sha256.Sum256(contents[0]) != sha256.Sum256(png) || string(contents[1]) != "belöpp;1" {
		t.Errorf("contents %q", contents[1])
	}
	if bytes.Contains(skeleton, []byte(enc[:40])) || !bytes.Contains(skeleton, []byte("Mitt personnummer")) || !bytes.Contains(skeleton, []byte("<p>Radera")) {
		t.Errorf("skeleton:\n%s", skeleton)
	}
	m, err := ParseEmail(bytes.NewReader(skeleton))
	if err != nil || !strings.Contains(m.Text, "Radera mitt konto") || !strings.Contains(m.Text, "Gammalt") {
		t.Errorf("skeleton parses to %+v, %v", m, err)
	}
	names := []string{}
	for _, a := range m.Attachments {
		names = append(names, a.Filename)
	}
	if !slices.Equal(names, []string{"leg.png", "kvitto.csv"}) {
		t.Errorf("skeleton attachments %v", names)
	}
}

func b64lines(b []byte) string {
	var s strings.Builder
	enc := base64.StdEncoding.EncodeToString(b)
	for len(enc) > 76 {
		s.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	s.WriteString(enc)
	return s.String()
}

// TestDeeplyNestedMailIsRefusedNotRecursedInto: a crafted message nesting
// multiparts, or forwarded messages, thousands deep would cost time in the
// square of its depth (and the stack); it is refused as unparseable (a
// triage case, stored whole) after a bounded number of levels.
func TestDeeplyNestedMailIsRefusedNotRecursedInto(t *testing.T) {
	const depth = 20000
	var b strings.Builder
	b.WriteString("Subject: djup\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n")
	for i := 1; i < depth; i++ {
		fmt.Fprintf(&b, "--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n", i-1, i)
	}
	fmt.Fprintf(&b, "--b%d\r\nContent-Type: text/plain\r\n\r\nRadera mig.\r\n", depth-1)
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\r\n", i)
	}
	if _, err := Split(strings.NewReader(b.String()), io.Discard, func(int, Attachment, io.Reader) error { return nil }); !errors.Is(err, ErrUnparseable) {
		t.Errorf("splitting %d nested multiparts: %v", depth, err)
	}
	if _, err := ParseEmail(strings.NewReader(b.String())); !errors.Is(err, ErrUnparseable) {
		t.Errorf("parsing %d nested multiparts: %v", depth, err)
	}
	var f strings.Builder
	for range depth {
		f.WriteString("Subject: vb\r\nContent-Type: message/rfc822\r\n\r\n")
	}
	f.WriteString("Subject: innerst\r\n\r\nRadera mig.\r\n")
	if _, err := ParseEmail(strings.NewReader(f.String())); !errors.Is(err, ErrUnparseable) {
		t.Errorf("parsing %d forwarded messages inside each other: %v", depth, err)
	}
	// A few levels, as real mail has, are read.
	m, err := ParseEmail(strings.NewReader(f.String()[len(f.String())-5*len("Subject: vb\r\nContent-Type: message/rfc822\r\n\r\n")-len("Subject: innerst\r\n\r\nRadera mig.\r\n"):]))
	if err != nil || !strings.Contains(m.Text, "Radera mig") {
		t.Errorf("five forwarded levels: %+v, %v", m, err)
	}
}

// TestInvisibleCharactersSplitNoWord: zero-width spaces and joiners, word
// joiners and byte-order marks pasted into a word leave it the word it is.
func TestInvisibleCharactersSplitNoWord(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	for _, text := range []string{
		"Jag vill att ni ra\u200bde\u200dra\u2060r mina pe\u200brsonuppgifter.",
		"\ufeffPlease de\u200clete all my personal data.",
	} {
		res := ClassifyText("", text, now)
		if !res.IsRequest || len(res.Rights) != 1 || res.Rights[0] != rights.Erasure {
			t.Errorf("%q: request %v, rights %v; want erasure", text, res.IsRequest, res.Rights)
		}
	}
}
