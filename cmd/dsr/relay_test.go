package main

import (
	"os"
	"testing"

	"github.com/emersion/go-message/mail"
	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/outmail"
	"github.com/harmoniq/dsr/internal/outmail/mailtest"
)

// withRelay gives a test's activities a real SMTP relay on loopback, as a
// worker has one: the answers to e-mail requests go through it.
func withRelay(t *testing.T, a *activities.Activities) *mailtest.Server {
	t.Helper()
	relay := mailtest.Start(t)
	a.Mail = relayMailer(relay.Addr)
	return relay
}

// relayMailer sends through the relay at addr, from kundservice.
func relayMailer(addr string) *activities.Mailer {
	return &activities.Mailer{Relay: outmail.Relay{Addr: addr, Security: outmail.Plain},
		From: &mail.Address{Name: "Harmoniq Kundservice", Address: "kundservice@harmoniq.se"}}
}

// helperMailer is the relay a helper process's worker sends through, as
// the test that started it says (DSR_TEST_SMTP).
func helperMailer() *activities.Mailer {
	if addr := os.Getenv("DSR_TEST_SMTP"); addr != "" {
		return relayMailer(addr)
	}
	return nil
}
