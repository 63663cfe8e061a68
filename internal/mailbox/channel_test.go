package mailbox_test

import (
	"context"
	"testing"
	"time"

	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/store/storetest"
)

// TestAnAddressThatIsNotTheRegisteredOneIsShownAndAnswersThreadBack: a
// request that gives a postal address other than the one registered for
// the person says so in the identity evidence (and the workflow's input);
// one that gives the registered address, written another way, does not;
// the request's subject is kept for the threaded answers; and a reply to
// one of the engine's own answers, which names only that answer's
// Message-ID, reaches the case.
func TestAnAddressThatIsNotTheRegisteredOneIsShownAndAnswersThreadBack(t *testing.T) {
	srv := inProcess(t)
	rec := newRecorder()
	p, st := newPoller(t, srv.addr, rec, time.Second)
	ctx := context.Background()
	if _, err := storetest.SQL(t, st).ExecContext(ctx, "INSERT INTO webshop.customers (personnummer, name, street, postal_code, city, email, created_at) "+
		"VALUES ('199007042386', 'Anna Svensson', 'Skolgatan 55', '411 05', 'Göteborg', 'anna.svensson@example.se', now())"); err != nil {
		t.Fatal(err)
	}
	mail := func(id, subject, address string) []byte {
		return []byte("From: Anna Svensson <anna.svensson@example.se>\r\nTo: kundservice@harmoniq.se\r\nSubject: " + subject + "\r\n" +
			"Message-ID: <" + id + "@example.se>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" +
			"Jag vill ha ett registerutdrag. Personnummer 19900704-2386.\r\n\r\nAnna Svensson\r\n" + address + "\r\n")
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	srv.deliver(mail("other", "Registerutdrag", "Falskgatan 9\r\n111 11 Stockholm"), at)
	srv.deliver(mail("same", "Registerutdrag igen", "SKOLGATAN 55\r\n41105 Göteborg"), at.Add(time.Minute))
	if n, err := p.PollOnce(ctx); err != nil || n != 2 {
		t.Fatalf("poll read %d, %v", n, err)
	}
	byMessage := map[string]*store.Case{}
	for number := range rec.started {
		c, err := st.Case(ctx, number)
		if err != nil {
			t.Fatal(err)
		}
		byMessage[c.RequestSubject] = c
		if in := rec.inputs[number]; in.Evidence.AddressDiffers != c.AddressDiffers {
			t.Errorf("%s: the workflow's evidence says address differs %v, the case %v", number, in.Evidence.AddressDiffers, c.AddressDiffers)
		}
	}
	other, same := byMessage["Registerutdrag"], byMessage["Registerutdrag igen"]
	if other == nil || same == nil {
		t.Fatalf("cases by subject: %v", byMessage)
	}
	if !other.AddressDiffers || same.AddressDiffers {
		t.Errorf("address differs: %v for another address, %v for the registered one; want true, false", other.AddressDiffers, same.AddressDiffers)
	}
	// The second request of the same person counts the first (Art. 12(5)
	// evidence), in the case and in what the workflow was given.
	if other.EarlierRequests != 0 || same.EarlierRequests != 1 || rec.inputs[same.Number].Evidence.EarlierRequests != 1 {
		t.Errorf("earlier requests: %d and %d (workflow %d), want 0 and 1", other.EarlierRequests, same.EarlierRequests, rec.inputs[same.Number].Evidence.EarlierRequests)
	}

	// The engine answered the first case by e-mail; the person's reply
	// names only the answer.
	if err := st.SaveMailIn(ctx, nil, &store.OutgoingMail{CaseNumber: other.Number, LetterKey: "acknowledgement",
		MessageID: "dsr-answer-1@harmoniq.se", Recipient: "anna.svensson@example.se", SHA256: "x", Raw: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	srv.deliver([]byte("From: Anna Svensson <anna.svensson@example.se>\r\nSubject: Sv: Vi har tagit emot din begäran\r\n"+
		"Message-ID: <answer-reply@example.se>\r\nIn-Reply-To: <dsr-answer-1@harmoniq.se>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nTack!\r\n"), at.Add(time.Hour))
	if _, err := p.PollOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if rec.replies[other.Number] != 1 || len(rec.started) != 2 {
		t.Errorf("replies %v, cases %v: want the reply at %s and no new case", rec.replies, rec.started, other.Number)
	}
}
