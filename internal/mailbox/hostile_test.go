package mailbox_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/clean"
	"github.com/harmoniq/dsr/internal/hostile"
)

// TestHostileMailIsAllAccountedFor delivers the hostile corpus, and a good
// request behind it, to both IMAP servers and reads it all in one poll.
// Every message must end in exactly one place: a case, a triage case, the
// quarantine folder, or the INBOX (ordinary mail, or over the cap with a
// record saying so), and where its kind says it may. Nothing is lost,
// nothing is read twice, and the request behind the hostile mail is a case.
func TestHostileMailIsAllAccountedFor(t *testing.T) {
	mails := hostile.Mails()
	bothServers(t, func(t *testing.T, srv imapServer) {
		ctx := context.Background()
		rec := newRecorder()
		p, st := newPoller(t, srv.addr, rec, time.Second)
		p.Config.MaxMessageBytes = hostile.CapBytes
		p.Processor.Trail = audit.New(st)
		// Each message gets its own INTERNALDATE, a minute apart: it
		// survives the moves and is the case's receipt, so it tells which
		// input every folder entry and every case is.
		base := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
		index := func(at time.Time) int { return int(at.Sub(base).Round(time.Minute) / time.Minute) }
		refused := map[int]bool{}
		delivered := 0
		for i, m := range mails {
			if err := srv.deliver(m.Raw, base.Add(time.Duration(i)*time.Minute)); err != nil {
				if !m.MayBeRefused {
					t.Fatalf("%s: the IMAP server refused it: %v", m.Name, err)
				}
				refused[i] = true
				continue
			}
			delivered++
		}
		good := len(mails)
		if err := srv.deliver(hostile.Good("behind-the-hostile-mail"), base.Add(time.Duration(good)*time.Minute)); err != nil {
			t.Fatal(err)
		}
		delivered++

		started := time.Now()
		n, err := p.PollOnce(ctx)
		if err != nil {
			t.Fatalf("the poll over the hostile mail stopped after %d messages: %v", n, err)
		}
		if n != delivered {
			t.Errorf("the poll read %d messages, want %d", n, delivered)
		}
		t.Logf("%d messages read in %s", n, time.Since(started).Round(time.Millisecond))

		// Where each message is now.
		cl, err := p.Config.Dial()
		if err != nil {
			t.Fatal(err)
		}
		defer cl.Close()
		folder := map[int]string{}
		for _, f := range []string{"INBOX", "Behandlad", "Karantän"} {
			sel, err := cl.Select(f, nil).Wait()
			if err != nil {
				continue // never created: nothing went there
			}
			if sel.NumMessages == 0 {
				continue
			}
			var all imap.SeqSet
			all.AddRange(1, 0)
			msgs, err := cl.Fetch(all, &imap.FetchOptions{InternalDate: true}).Collect()
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range msgs {
				i := index(m.InternalDate)
				if prev, ok := folder[i]; ok {
					t.Errorf("input %d is in %s and in %s", i, prev, f)
				}
				folder[i] = f
			}
		}
		cases := map[int]string{}
		triage := map[int]bool{}
		for number, in := range rec.inputs {
			i := index(in.ReceivedAt)
			if prev, ok := cases[i]; ok {
				t.Errorf("input %d opened two cases, %s and %s", i, prev, number)
			}
			cases[i] = number
			triage[i] = in.Uncertain || len(in.Rights) == 0
		}
		qs, err := st.QuarantinedMessages(ctx)
		if err != nil {
			t.Fatal(err)
		}
		recorded := map[int]string{}
		for _, q := range qs {
			recorded[index(q.ReceivedAt)] = q.Reason
		}

		outcome := func(i int) hostile.Outcome {
			_, isCase := cases[i]
			switch folder[i] {
			case "Behandlad":
				if !isCase {
					return 0
				}
				if triage[i] {
					return hostile.Triage
				}
				return hostile.Case
			case "Karantän":
				if _, ok := recorded[i]; ok || isCase && triage[i] {
					return hostile.Quarantined
				}
			case "INBOX":
				if isCase {
					return 0 // a case whose message was never moved
				}
				if _, ok := recorded[i]; ok {
					return hostile.Warned
				}
				return hostile.Left
			}
			return 0
		}
		counts := map[hostile.Outcome]int{}
		var notCases []string
		for i, m := range mails {
			if refused[i] {
				continue
			}
			got := outcome(i)
			counts[got]++
			if got != hostile.Case {
				notCases = append(notCases, m.Name+": "+got.String())
			}
			if got&m.Want == 0 {
				t.Errorf("%s: %s (folder %q, case %q, record %q); want %s", m.Name, got, folder[i], cases[i], recorded[i], m.Want)
			}
		}
		if outcome(good) != hostile.Case {
			t.Errorf("the request behind the hostile mail: %s, want a case", outcome(good))
		}
		t.Logf("%d hostile messages: %d refused by the server, %d cases, %d triage cases, %d quarantined, %d left for customer service, %d left with a warning, %d lost",
			len(mails), len(refused), counts[hostile.Case], counts[hostile.Triage], counts[hostile.Quarantined], counts[hostile.Left], counts[hostile.Warned], counts[0])
		t.Logf("not a case: %s", strings.Join(notCases, ", "))

		// What was stored from the hostile mail is clean.
		for number := range rec.inputs {
			c, err := st.Case(ctx, number)
			if err != nil {
				t.Fatal(err)
			}
			if clean.HasControl(c.RequesterName) || clean.HasControl(c.RequesterEmail) || len(c.RequesterName) > 1000 {
				t.Errorf("%s: the requester's name or address holds control characters or is unbounded (%d bytes)", number, len(c.RequesterName))
			}
		}
		atts, err := st.Attachments(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range atts {
			if strings.ContainsAny(a.Filename, "/\\") || strings.HasPrefix(a.Filename, ".") || clean.HasControl(a.Filename) || len(a.Filename) > 255 {
				t.Errorf("an attachment is stored under the name %q", fmt.Sprintf("%.80s", a.Filename))
			}
		}
		if n, err := p.PollOnce(ctx); err != nil || n != 0 {
			t.Errorf("the next poll read %d, %v; want nothing left to read", n, err)
		}
	})
}
