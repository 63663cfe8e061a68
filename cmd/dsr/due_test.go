package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

func TestDuePrintsTheDueDateFirst(t *testing.T) {
	cases := []struct {
		args []string
		due  string
	}{
		{[]string{"due", "2026-03-05"}, "2026-04-02"},
		{[]string{"due", "2026-01-20", "--paused", "14"}, "2026-03-05"},
		{[]string{"due", "2026-03-05", "--extended"}, "2026-06-05"},
		{[]string{"due", "--extended", "2026-09-25"}, "2026-12-28"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var out bytes.Buffer
			if err := run(context.Background(), c.args, func(string) string { return "" }, &out, io.Discard); err != nil {
				t.Fatal(err)
			}
			if first, _, _ := strings.Cut(out.String(), "\n"); first != c.due {
				t.Errorf("first line %q, want %q; all:\n%s", first, c.due, out.String())
			}
		})
	}
}

func TestDueRejectsBadInputWithUsage(t *testing.T) {
	for _, args := range [][]string{{"due"}, {"due", "5 mars"}, {"due", "2026-03-05", "--paused", "-1"}, {"due", "2026-02-30"}} {
		err := run(context.Background(), args, func(string) string { return "" }, io.Discard, io.Discard)
		if _, ok := err.(usageError); !ok {
			t.Errorf("dsr %s: err = %v, want a usage error", strings.Join(args, " "), err)
		}
	}
}

func TestIntakeInspectPrintsWhatTheEngineUnderstood(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"intake", "inspect", "../../internal/intake/testdata/corpus/02-radera-och-reklam.eml"},
		func(string) string { return "" }, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"is_request": true`, `"erasure"`, `"marketing_optout"`, `"20131112-XXXX"`, `"sender": "erik.johansson@example.se"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("inspect output lacks %s:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "2384") {
		t.Errorf("inspect printed the personnummer unmasked:\n%s", out.String())
	}
}
