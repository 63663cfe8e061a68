package mailbox_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/intake"
	"github.com/harmoniq/dsr/internal/mailbox"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
	"github.com/harmoniq/dsr/internal/vault"
)

// idMarker is text inside the attached ID copy, to look for in the database.
const idMarker = "PASS-KOPIA Anna Svensson 19900704-2386"

// requestWithID is an access request with an attached passport scan of
// size bytes (pseudo-random, so it does not compress into nothing).
func requestWithID(msgID string, size int) ([]byte, []byte) {
	att := make([]byte, size)
	r := rand.New(rand.NewPCG(1, uint64(size)))
	for i := range att {
		att[i] = byte(r.Uint32())
	}
	copy(att, idMarker)
	var b bytes.Buffer
	b.WriteString("From: Anna Svensson <anna.svensson@example.se>\r\nTo: kundservice@harmoniq.se\r\nSubject: Registerutdrag\r\n")
	b.WriteString("Message-ID: <" + msgID + ">\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"gräns-123\"\r\n\r\n")
	b.WriteString("--gräns-123\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
	b.WriteString("Hej! Jag vill ha ett registerutdrag över allt ni har om mig. Kopia på mitt pass bifogas.\r\n")
	b.WriteString("--gräns-123\r\nContent-Type: image/jpeg; name=\"pass.jpg\"\r\nContent-Disposition: attachment; filename=\"pass.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString(att)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--gräns-123--\r\n")
	return b.Bytes(), att
}

// TestALargeIDCopyIsStoredApartEncryptedAndDeletedOnRequest takes in a
// message with a 12 MiB passport scan from both servers: the scan is stored
// apart from the message, encrypted, reads back byte for byte, no plaintext
// of it or of the message is in the database, and deleting the case's ID
// copies removes it for good.
func TestALargeIDCopyIsStoredApartEncryptedAndDeletedOnRequest(t *testing.T) {
	bothServers(t, func(t *testing.T, srv imapServer) {
		ctx := context.Background()
		raw, att := requestWithID("big-1@example.se", 12<<20)
		if err := srv.deliver(raw, time.Now()); err != nil {
			t.Fatal(err)
		}
		rec := newRecorder()
		p, st := newPoller(t, srv.addr, rec, time.Second)
		if n, err := p.PollOnce(ctx); err != nil || n != 1 {
			t.Fatalf("poll read %d, %v", n, err)
		}
		if len(rec.started) != 1 {
			t.Fatalf("cases started %v, want one", rec.started)
		}
		var number string
		for number = range rec.started {
		}
		c, err := st.Case(ctx, number)
		if err != nil {
			t.Fatal(err)
		}
		if c.IDAttachments != 1 || c.Rights != "access" {
			t.Errorf("case: rights %q, ID attachments %d", c.Rights, c.IDAttachments)
		}
		atts, err := st.Attachments(ctx, number)
		if err != nil || len(atts) != 1 {
			t.Fatalf("attachments %+v, %v", atts, err)
		}
		a := atts[0]
		if a.Filename != "pass.jpg" || a.ContentType != "image/jpeg" || !a.IDDocument || a.Size != int64(len(att)) {
			t.Errorf("attachment %+v", a)
		}
		_, r, err := st.OpenAttachment(ctx, number, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := sha256.New()
		io.Copy(got, r)
		want := sha256.Sum256(att)
		if !bytes.Equal(got.Sum(nil), want[:]) {
			t.Error("the stored attachment does not read back as sent")
		}

		// The stored message keeps its text and the attachment's headers,
		// not its content.
		sr, err := st.RawMessage(ctx, *c.InboundID)
		if err != nil {
			t.Fatal(err)
		}
		skeleton, _ := io.ReadAll(sr)
		if len(skeleton) > 4096 || !bytes.Contains(skeleton, []byte(intake.StoredApartHeader+": 0")) || !bytes.Contains(skeleton, []byte("registerutdrag över allt")) {
			t.Errorf("stored message (%d bytes) is not the message without its attachment:\n%.600s", len(skeleton), skeleton)
		}
		if m, err := intake.ParseEmail(bytes.NewReader(skeleton)); err != nil || m.MessageID != "big-1@example.se" || len(m.Attachments) != 1 {
			t.Errorf("stored message does not parse as the message: %+v, %v", m, err)
		}

		assertNotInDatabase(t, st, idMarker, "registerutdrag över allt")

		n, _, err := st.DeleteIDCopies(ctx, number, "identity decided", time.Now())
		if err != nil || n != 1 {
			t.Fatalf("deleted %d, %v; want 1", n, err)
		}
		if n, _, err := st.DeleteIDCopies(ctx, number, "identity decided", time.Now()); err != nil || n != 0 {
			t.Errorf("deleting again deleted %d, %v", n, err)
		}
		if _, _, err := st.OpenAttachment(ctx, number, a.ID); !errors.Is(err, vault.ErrDeleted) {
			t.Errorf("a deleted ID copy opened: %v", err)
		}
		var chunks int
		if err := storetest.SQL(t, st).NewRaw("SELECT count(*) FROM blob_chunks WHERE blob_id = ?", *a.BlobID).Scan(ctx, &chunks); err != nil || chunks != 0 {
			t.Errorf("%d chunks of the deleted copy remain (%v)", chunks, err)
		}
		atts, _ = st.Attachments(ctx, number)
		if atts[0].Filename != "" || atts[0].DeletedAt == nil || atts[0].DeletedReason != "identity decided" {
			t.Errorf("the deleted attachment's row: %+v", atts[0])
		}
	})
}

// TestAMessageOverTheCapStaysInTheMailbox: a message larger than
// IMAP_MAX_MESSAGE_BYTES is not taken in but left where it is for staff,
// and the messages after it are still read.
func TestAMessageOverTheCapStaysInTheMailbox(t *testing.T) {
	bothServers(t, func(t *testing.T, srv imapServer) {
		ctx := context.Background()
		big, _ := requestWithID("too-big@example.se", 3<<20)
		if err := srv.deliver(big, time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := srv.deliver([]byte(request), time.Now()); err != nil {
			t.Fatal(err)
		}
		rec := newRecorder()
		p, _ := newPoller(t, srv.addr, rec, time.Second)
		p.Config.MaxMessageBytes = 1 << 20
		if n, err := p.PollOnce(ctx); err != nil || n != 2 {
			t.Fatalf("poll read %d, %v; want 2", n, err)
		}
		if len(rec.started) != 1 {
			t.Errorf("cases started %v, want one (the small request)", rec.started)
		}
		if got := mailboxCount(t, srv.addr, "INBOX"); got != 1 {
			t.Errorf("INBOX holds %d messages, want the one over the cap", got)
		}
		// Polling again does not read it again.
		if n, err := p.PollOnce(ctx); err != nil || n != 0 {
			t.Errorf("second poll read %d, %v", n, err)
		}
	})
}

func mailboxCount(t *testing.T, addr, name string) uint32 {
	t.Helper()
	cl, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.Login("kundservice@harmoniq.se", "pw").Wait(); err != nil {
		t.Fatal(err)
	}
	st, err := cl.Status(name, &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return *st.NumMessages
}

// assertNotInDatabase fails when any needle is found, as text or in the hex
// PostgreSQL shows bytea in, in any row of any table of the store.
func assertNotInDatabase(t *testing.T, st *store.Store, needles ...string) {
	t.Helper()
	ctx := context.Background()
	var tables []string
	err := storetest.SQL(t, st).NewRaw(`SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
		WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`).Scan(ctx, &tables)
	if err != nil || len(tables) < 10 {
		t.Fatalf("list tables: %v (%d)", err, len(tables))
	}
	for _, table := range tables {
		var dump string
		if err := storetest.SQL(t, st).NewRaw("SELECT coalesce(string_agg(t::text, ' '), '') FROM "+table+" t").Scan(ctx, &dump); err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		dump = strings.ToLower(dump)
		for _, n := range needles {
			if strings.Contains(dump, strings.ToLower(n)) || strings.Contains(dump, hex.EncodeToString([]byte(n))) {
				t.Errorf("%q is in table %s in plain text", n, table)
			}
		}
	}
}

// BenchmarkIntakeOfALargeAttachment takes in one message with a 16 MiB
// and one with a 64 MiB attachment from Dovecot (out of process, so its copy
// is not counted) and reports how much the Go heap grew at its peak:
// streaming keeps that the same, a few chunks, whatever the message's size.
func BenchmarkIntakeOfALargeAttachment(b *testing.B) {
	for _, size := range []int{16 << 20, 64 << 20} {
		b.Run(fmt.Sprintf("%dMiB", size>>20), func(b *testing.B) {
			addr := startDovecot(b)
			rec := newRecorder()
			p, _ := newPoller(b, addr, rec, time.Second)
			p.Config.MaxMessageBytes = 200 << 20
			var peak float64
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				raw, _ := requestWithID(fmt.Sprintf("bench-%d@example.se", i), size)
				if err := appendMail(addr, raw, time.Now()); err != nil {
					b.Fatal(err)
				}
				raw = nil
				runtime.GC()
				base := heapBytes()
				stop, seen := sampleHeap()
				b.StartTimer()
				if n, err := p.PollOnce(context.Background()); err != nil || n != 1 {
					b.Fatalf("poll read %d, %v", n, err)
				}
				b.StopTimer()
				stop()
				peak = max(peak, (float64(seen.Load())-float64(base))/(1<<20))
				b.StartTimer()
			}
			b.ReportMetric(peak, "peak-heap-MiB")
			b.ReportMetric(float64(size)/(1<<20)/(b.Elapsed().Seconds()/float64(b.N)), "MiB/s")
		})
	}
}

func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// sampleHeap records the largest heap size seen until stop is called.
func sampleHeap() (stop func(), seen *atomic.Uint64) {
	seen = &atomic.Uint64{}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for {
			if h := heapBytes(); h > seen.Load() {
				seen.Store(h)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-finished }, seen
}

// TestAMessageHoldingAnIDCopyGoesWithIt: an ID attachment whose content is
// damaged cannot be split off, so the message is stored whole; an ID copy
// inside a forwarded message stays in the stored message. Either way the
// stored message is itself listed as an ID copy and deleted with the
// others, so no copy outlives the identity decision.
func TestAMessageHoldingAnIDCopyGoesWithIt(t *testing.T) {
	head := "From: Anna Svensson <anna.svensson@example.se>\r\nSubject: Registerutdrag\r\nMessage-ID: <%s@example.se>\r\n" +
		"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nJag vill ha ett registerutdrag.\r\n"
	for name, c := range map[string]struct{ raw string }{
		"damaged attachment": {fmt.Sprintf(head, "damaged") + "--b\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=pass.jpg\r\n" +
			"Content-Transfer-Encoding: base64\r\n\r\nUEFTUy1LT1BJQQ==!!!not base64!!!\r\n--b--\r\n"},
		"forwarded ID copy": {fmt.Sprintf(head, "forwarded") + "--b\r\nContent-Type: message/rfc822\r\n\r\n" +
			"Subject: Min legitimation\r\nContent-Type: multipart/mixed; boundary=i\r\n\r\n--i\r\nContent-Type: text/plain\r\n\r\nHär.\r\n" +
			"--i\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=korkort.jpg\r\nContent-Transfer-Encoding: base64\r\n\r\nUEFTUy1LT1BJQQ==\r\n--i--\r\n--b--\r\n"},
	} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			rec := newRecorder()
			_, st := newPoller(t, "127.0.0.1:1", rec, time.Second)
			p := &mailbox.Processor{Store: st, Starter: rec, Policy: deadline.DefaultPolicy}
			raw := []byte(c.raw)
			out, err := p.Process(ctx, mailbox.Inbound{Mailbox: "INBOX", UID: 1, ReceivedAt: time.Now(), Body: bytes.NewReader(raw), Size: int64(len(raw))})
			if err != nil || !out.IsRequest {
				t.Fatalf("process: %+v, %v", out, err)
			}
			cs, err := st.Case(ctx, out.CaseNumber)
			if err != nil {
				t.Fatal(err)
			}
			if cs.IDAttachments != 1 {
				t.Errorf("ID attachments counted: %d", cs.IDAttachments)
			}
			r, err := st.RawMessage(ctx, *cs.InboundID)
			if err != nil {
				t.Fatal(err)
			}
			if b, _ := io.ReadAll(r); !bytes.Contains(b, []byte("UEFTUy1LT1BJQQ==")) {
				t.Fatalf("the stored message does not hold the ID copy, so the test tests nothing:\n%s", b)
			}
			atts, _ := st.Attachments(ctx, out.CaseNumber)
			if len(atts) != 1 || !atts[0].IDDocument || atts[0].BlobID == nil || *atts[0].BlobID != *mustInbound(t, st, *cs.InboundID).RawBlobID {
				t.Fatalf("the stored message is not listed as an ID copy: %+v", atts)
			}
			if n, _, err := st.DeleteIDCopies(ctx, out.CaseNumber, "identity decided", time.Now()); err != nil || n != 1 {
				t.Fatalf("deleted %d, %v", n, err)
			}
			if _, err := st.RawMessage(ctx, *cs.InboundID); !errors.Is(err, vault.ErrDeleted) {
				t.Errorf("the message holding the ID copy is still readable: %v", err)
			}
		})
	}
}

func mustInbound(t *testing.T, st *store.Store, id int64) *store.InboundMessage {
	t.Helper()
	var m store.InboundMessage
	if err := storetest.SQL(t, st).NewSelect().Model(&m).Where("id = ?", id).Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	return &m
}
