package mailbox

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"go.temporal.io/api/serviceerror"
)

// ErrPermanent marks a failure that retrying cannot mend: this message
// cannot be stored, or its case cannot be opened. Intake sets the message
// aside and goes on with the mail behind it. Every other failure (the
// database or Temporal down, the connection cut) is transient: the poll
// stops, and the message is read again.
var ErrPermanent = errors.New("the message cannot be taken in")

// permanent wraps err as ErrPermanent with what is known of why; the
// reason names the failure, never a value from the message.
func permanent(what string, err error) error {
	return fmt.Errorf("%w: %s: %s", ErrPermanent, what, reasonOf(err))
}

// classify says whether err, from taking one message in, is permanent.
// Unknown failures count as transient here; the poller sets a message
// aside after it failed the same way several polls in a row.
func classify(what string, err error) error {
	if err == nil || errors.Is(err, ErrPermanent) {
		return err
	}
	if isTransient(err) {
		return err
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code[:2] {
		case "22", "23", "54": // data exception, integrity, program limit (an index row too large)
			return permanent(what, err)
		case "42":
			if pg.Code == "42601" { // a syntax error made by a value (a NUL byte)
				return permanent(what, err)
			}
		}
		return err
	}
	var invalid *serviceerror.InvalidArgument
	if errors.As(err, &invalid) {
		return permanent(what, err)
	}
	msg := err.Error()
	for _, s := range []string{"string or blob too big", "SQLITE_TOOBIG", "invalid byte sequence", "exceeds btree", "index row size"} {
		if strings.Contains(msg, s) {
			return permanent(what, err)
		}
	}
	return err
}

// isTransient says whether err is of the kinds that pass: a cut or
// refused connection, a timeout, an unavailable service.
func isTransient(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var connect *pgconn.ConnectError
	if errors.As(err, &connect) {
		return true
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code[:2] {
		case "08", "40", "53", "57", "58": // connection, rollback, resources, operator, system
			return true
		}
	}
	var unavailable *serviceerror.Unavailable
	var exhausted *serviceerror.ResourceExhausted
	var deadline *serviceerror.DeadlineExceeded
	if errors.As(err, &unavailable) || errors.As(err, &exhausted) || errors.As(err, &deadline) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{"connection refused", "database is locked", "SQLITE_BUSY", "broken pipe", "connection reset", "i/o timeout", "EOF"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// reasonOf names a failure for the quarantine record: the PostgreSQL
// message and code (which never quote a value), or the error's text cut
// short.
func reasonOf(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		m, _, _ := strings.Cut(pg.Message, ": \"") // "invalid input syntax …: "value"" loses the value
		return fmt.Sprintf("%s (SQLSTATE %s)", m, pg.Code)
	}
	s := err.Error()
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// IsPermanent says whether err, from taking a message in, is one that
// retrying cannot mend.
func IsPermanent(err error) bool { return errors.Is(classify("", err), ErrPermanent) }
