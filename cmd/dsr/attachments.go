package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/event"
)

// runAttachments is `dsr case attachments CASE`: what came with a case's
// messages, and which ID copies have been deleted.
func runAttachments(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return usageError{"case attachments: expected `dsr case attachments CASE`"}
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Case(ctx, args[0]); err != nil {
		return err
	}
	atts, err := st.Attachments(ctx, args[0])
	if err != nil {
		return err
	}
	if len(atts) == 0 {
		fmt.Fprintf(stdout, "%s has no attachments\n", args[0])
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFILE\tTYPE\tBYTES\tID DOCUMENT\tSTATE")
	for _, a := range atts {
		state := "stored, encrypted"
		if a.DeletedAt != nil {
			state = fmt.Sprintf("deleted %s (%s)", a.DeletedAt.In(time.Local).Format("2006-01-02 15:04"), a.DeletedReason)
		}
		name := a.Filename
		if name == "" {
			name = "–"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%v\t%s\n", a.ID, name, a.ContentType, a.Size, yesNo(a.IDDocument), state)
	}
	return tw.Flush()
}

// runAttachment is `dsr case attachment CASE ID --actor NAME --out FILE`:
// a staff member reads a file of the case, an ID copy for the identity
// check say. Who read which file and when goes into the case's audit trail.
func runAttachment(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	usage := usageError{"case attachment: expected `dsr case attachment CASE ID --actor NAME --out FILE`"}
	if len(args) < 2 || args[0] == "" || args[0][0] == '-' {
		return usage
	}
	id, err := strconv.ParseInt(args[1], 10, 64)
	if err != nil {
		return usageError{"case attachment: ID must be the number `dsr case attachments` shows"}
	}
	fs := flag.NewFlagSet("case attachment", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	actor := fs.String("actor", "", "the staff member reading the file")
	out := fs.String("out", "", "where to write the file")
	if err := fs.Parse(args[2:]); err != nil || fs.NArg() > 0 || *actor == "" || *out == "" {
		return usage
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	a, r, err := st.OpenAttachment(ctx, args[0], id)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		os.Remove(*out)
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	trail := audit.New(st)
	_, err = trail.Append(ctx, audit.Entry{CaseNumber: args[0], Time: time.Now(), Actor: *actor,
		Event: event.AttachmentRead{Attachment: a.ID, IDDocument: a.IDDocument}, IdemKey: fmt.Sprintf("attachment-read/%d/%d", a.ID, time.Now().UnixNano())})
	if err != nil {
		return errors.Join(err, os.Remove(*out))
	}
	fmt.Fprintf(stdout, "attachment %d of %s written to %s (%d bytes); delete it when done: ID copies are deleted from the case after the identity decision\n", a.ID, args[0], *out, a.Size)
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
