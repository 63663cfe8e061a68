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
// identity decision, the v2- files before each input's caller was checked,
// the v3- files before rejections were bounded and clock events fired only
// once, the v4- files before state changed through one transition and was
// written in steps with the case's row (stateVersion), the v5- files before
// a step went with the activity that next reaches the world (stepVersion):
// they prove the
// workflow.GetVersion gates keep old cases replaying. continued-as-new-run1
// and -run2 are the two runs of a case that continued as new. Gates and
// when each can go: gates.go.
func TestCommittedHistoriesReplay(t *testing.T) {
	files, err := filepath.Glob("testdata/histories/*.json")
	if err != nil || len(files) < 41 {
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
