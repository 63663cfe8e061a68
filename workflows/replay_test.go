package workflows_test

import (
	"path/filepath"
	"testing"

	"github.com/harmoniq/dsr/workflows"
	"go.temporal.io/sdk/worker"
)

// TestCommittedHistoriesReplay replays histories of the main paths recorded
// on a real server (cmd/dsr's TestMainPathsRecordedOnTheServerReplay writes
// them with -update-histories). A change that would break cases already
// running fails here. The v0- files were recorded before the fulfilment
// stage existed, the v1- files before ID copies were deleted after the
// identity decision, the v2- files before each input's caller was checked:
// they prove the workflow.GetVersion gates keep old
// cases replaying.
func TestCommittedHistoriesReplay(t *testing.T) {
	files, err := filepath.Glob("testdata/histories/*.json")
	if err != nil || len(files) < 20 {
		t.Fatalf("expected the committed histories in testdata/histories, found %d (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r := worker.NewWorkflowReplayer()
			r.RegisterWorkflow(workflows.CaseWorkflow)
			if err := r.ReplayWorkflowHistoryFromJSONFile(nil, f); err != nil {
				t.Errorf("replay: %v", err)
			}
		})
	}
}
