package main

import (
	"github.com/harmoniq/dsr/internal/register"
	"time"

	"context"
	"flag"
	"fmt"
	"github.com/harmoniq/dsr/worker"
	"io"

	"github.com/harmoniq/dsr/activities"
	"github.com/harmoniq/dsr/internal/audit"
	"github.com/harmoniq/dsr/internal/config"
	"github.com/harmoniq/dsr/internal/letter"
	"github.com/harmoniq/dsr/internal/store"
)

// followupActivities are the activities staff commands run directly, outside
// a workflow: the purge and lifting a restriction.
func followupActivities(ctx context.Context, cfg config.Config, st *store.Store) (*activities.Activities, error) {
	templates, err := letter.LoadTemplates(cfg.LetterTemplatesDir)
	if err != nil {
		return nil, fmt.Errorf("LETTER_TEMPLATES_DIR: %w", err)
	}
	if err := configureRegister(ctx, st.Register(), cfg); err != nil {
		return nil, err
	}
	// Letters from here go by the person's channel as the worker's do.
	return &activities.Activities{Store: st, Trail: audit.New(st), Sender: cfg.Sender, OutboxDir: cfg.OutboxDir, Templates: templates,
		Mail: worker.ReplyMailer(cfg), Recipients: cfg.Recipients}, nil
}

// runPurge is `dsr purge`: erase what erasure kept and whose retention has
// ended. The worker runs it every few hours too.
func runPurge(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	return withFollowup(ctx, cfg, func(acts *activities.Activities) error {
		n, err := acts.PurgeDue(ctx)
		fmt.Fprintf(stdout, "%d scheduled deletions carried out\n", n)
		if err != nil {
			return err
		}
		m, err := acts.PurgeMessages(ctx)
		fmt.Fprintf(stdout, "%d case messages past their retention erased\n", m)
		if err != nil {
			return err
		}
		r, err := acts.PurgeRegister(ctx)
		fmt.Fprintf(stdout, "%d rows past their retention erased from Harmoniq's systems\n", r)
		if err != nil {
			return err
		}
		l, err := acts.LiftDue(ctx)
		fmt.Fprintf(stdout, "%d restrictions lifted on their announced day\n", l)
		if err != nil {
			return err
		}
		c, err := acts.PurgeCases(ctx)
		fmt.Fprintf(stdout, "%d closed cases past their retention: letters, mails and data about the person erased\n", c)
		return err
	})
}

// withFollowup runs f with the follow-up activities on the configured store.
func withFollowup(ctx context.Context, cfg config.Config, f func(*activities.Activities) error) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	acts, err := followupActivities(ctx, cfg, st)
	if err != nil {
		return err
	}
	return f(acts)
}

// runLiftRestriction is `dsr case lift-restriction CASE --actor A --reason R`.
func runLiftRestriction(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		return usageError{"case lift-restriction: expected `dsr case lift-restriction CASE --actor NAME --reason TEXT`"}
	}
	fs := flag.NewFlagSet("lift-restriction", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	actor := fs.String("actor", "", "the staff member who decides")
	reason := fs.String("reason", "", "why the restriction is lifted (goes in the letter)")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 || *actor == "" || *reason == "" {
		return usageError{"case lift-restriction: expected `dsr case lift-restriction CASE --actor NAME --reason TEXT`"}
	}
	var on time.Time
	err := withFollowup(ctx, cfg, func(acts *activities.Activities) (err error) {
		on, err = acts.LiftRestriction(ctx, args[0], *actor, *reason)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "the notice to the person says the restriction of %s is lifted on %s; it is lifted then, once the notice has gone (a letter by post: once `dsr letters posted` records it)\n",
		args[0], on.Format(time.DateOnly))
	return nil
}

// configureRegister gives the register the controller's financial year and,
// when DATASETS_DIR names them, its own dataset files.
func configureRegister(ctx context.Context, reg *register.Register, cfg config.Config) error {
	reg.Year = cfg.FinancialYear
	if cfg.Datasets != nil {
		if err := reg.UseDatasets(ctx, cfg.Datasets); err != nil {
			return fmt.Errorf("DATASETS_DIR: %w", err)
		}
	}
	return nil
}
