package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/deadline"
	"github.com/harmoniq/dsr/internal/event"
	"github.com/harmoniq/dsr/internal/store"
)

// runLetters is `dsr letters batch|posted`, for the post room.
func runLetters(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"letters: expected `dsr letters batch --since DATE [--out FILE]` or `dsr letters posted BATCH`"}
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	switch args[0] {
	case "batch":
		fs := flag.NewFlagSet("letters batch", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		since := fs.String("since", deadline.DateOf(time.Now()).Format(time.DateOnly), "first day, YYYY-MM-DD")
		out := fs.String("out", "", "the PDF to print (default: OUTBOX_DIR/batch-TIME.pdf)")
		if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 {
			return usageError{"letters batch: expected `dsr letters batch --since DATE [--out FILE]`"}
		}
		day, err := deadline.ParseDate(*since)
		if err != nil {
			return usageError{"letters batch: " + err.Error()}
		}
		ls, err := st.Unposted(ctx, time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, deadline.Stockholm))
		if err != nil {
			return err
		}
		// A letter without a postal address cannot be posted: it is listed
		// apart, for staff to give one (`requester`), and stays out of the
		// batch.
		var apart []string
		ls = slices.DeleteFunc(ls, func(l store.Letter) bool {
			if l.Deliverable() {
				return false
			}
			apart = append(apart, fmt.Sprintf("  %s %s: no postal address", l.CaseNumber, l.Kind))
			return true
		})
		if len(apart) > 0 {
			fmt.Fprintf(stdout, "%d letters left out of the batch:\n%s\n", len(apart), strings.Join(apart, "\n"))
		}
		if len(ls) == 0 {
			fmt.Fprintln(stdout, "no letters to post")
			return nil
		}
		if *out == "" {
			*out = filepath.Join(cfg.OutboxDir, "batch-"+time.Now().UTC().Format("20060102T150405Z")+".pdf")
		}
		tmp, err := os.MkdirTemp("", "dsr-batch-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		files := []string{}
		ids := []int64{}
		for _, l := range ls {
			f := filepath.Join(tmp, fmt.Sprintf("%06d.pdf", l.ID))
			if err := os.WriteFile(f, l.PDF, 0o600); err != nil {
				return err
			}
			files, ids = append(files, f), append(ids, l.ID)
		}
		// poppler's pdfunite merges them, one letter after another.
		if msg, err := exec.Command("pdfunite", append(files, *out)...).CombinedOutput(); err != nil {
			return fmt.Errorf("merge the letters with pdfunite (poppler-utils): %v: %s", err, msg)
		}
		batch := filepath.Base(*out)
		if err := st.AssignBatch(ctx, ids, batch); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%d letters in %s; when they are posted: dsr letters posted %s\n", len(ls), *out, batch)
		// An answer that delivers a portability file says the file comes
		// with it, on a USB stick: the post room is told which.
		for _, l := range ls {
			zip := filepath.Join(cfg.OutboxDir, l.CaseNumber+"-portability.zip")
			if _, err := os.Stat(zip); err == nil && l.Kind == "response" {
				fmt.Fprintf(stdout, "enclose %s on a USB stick with the answer of %s\n", zip, l.CaseNumber)
			}
		}
		return nil
	case "posted":
		if len(args) != 2 {
			return usageError{"letters posted: expected `dsr letters posted BATCH`"}
		}
		ls, err := st.MarkPosted(ctx, filepath.Base(args[1]), time.Now())
		if err != nil {
			return err
		}
		trail := audit.New(st)
		for _, l := range ls {
			if _, err := trail.Append(ctx, audit.Entry{CaseNumber: l.CaseNumber, Time: time.Now(), Actor: "post-room",
				Event: event.LetterPosted{Kind: l.Kind, SHA256: l.SHA256, Batch: filepath.Base(args[1])}, IdemKey: fmt.Sprintf("posted/%d", l.ID)}); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "%d letters marked as posted\n", len(ls))
		return nil
	}
	return usageError{"letters: expected batch or posted"}
}
