package workflows

import "fmt"

// Generation is the generation of the case workflow's code. Every run this
// code begins records it in the DsrGeneration search attribute; a run begun
// by older code has none. Raise it with each release that adds a version
// gate, so that a gate's retirement can be checked against the cluster.
const Generation = 9

// Gate is a workflow.GetVersion change: what it changed, and when the old
// way can be deleted.
type Gate struct {
	// ID is the change ID given to workflow.GetVersion.
	ID string
	// Added is the day the change was made.
	Added string
	// Change says what the new way does.
	Change string
	// Generation is the first code generation whose every run takes the
	// new way: once no running case began before it, the old way is dead
	// code, and the gate, its old branch and the histories of the old way
	// can go.
	Generation int
	// OldHistories are the committed histories (workflows/testdata/histories)
	// that replay the old way; they go with the gate.
	OldHistories []string
}

// Retirement is the condition for removing the gate, as a visibility query:
// it holds when no case matches.
func (g Gate) Retirement() string {
	return fmt.Sprintf(`WorkflowType = "CaseWorkflow" AND ExecutionStatus = "Running" AND (DsrGeneration IS NULL OR DsrGeneration < %d)`, g.Generation)
}

// Gates are the version gates of the case workflow, oldest first. `dsr
// gates` checks each one's retirement condition against the cluster.
var Gates = []Gate{
	{ID: fulfilmentVersion, Added: "2026-11-25", Change: "a fulfilment stage carries out each approved right before the answer", Generation: 2,
		OldHistories: []string{"v0-*"}},
	{ID: ackVersion, Added: "2026-11-25", Change: "an acknowledgement of receipt with the due date", Generation: 2,
		OldHistories: []string{"v0-*"}},
	{ID: callersVersion, Added: "2026-11-25", Change: "the caller Temporal recorded for each input goes into the trail at closure", Generation: 2,
		OldHistories: []string{"v0-*"}},
	{ID: idCopiesVersion, Added: "2026-11-26", Change: "ID copies are deleted right after the identity decision", Generation: 2,
		OldHistories: []string{"v0-*", "v1-*"}},
	{ID: callerCheckVersion, Added: "2026-11-26", Change: "each input's verified caller must be allowed to act as its actor", Generation: 2,
		OldHistories: []string{"v0-*", "v1-*", "v2-*"}},
	{ID: boundedRejectionsVersion, Added: "2026-12-01", Change: "at most 20 rejected inputs an hour are recorded one by one", Generation: 2,
		OldHistories: []string{"v0-*", "v1-*", "v2-*", "v3-*"}},
	{ID: clockFiredOnceVersion, Added: "2026-12-02", Change: "a clock event already recorded is never set again", Generation: 2,
		OldHistories: []string{"v0-*", "v1-*", "v2-*", "v3-*"}},
	{ID: stateVersion, Added: "2026-12-02", Change: "state changes through one transition; events written in steps with the case's row; only changed search attributes upserted; a failed answer waits for a correction", Generation: 2,
		OldHistories: []string{"v0-*", "v1-*", "v2-*", "v3-*", "v4-*"}},
	{ID: stepVersion, Added: "2026-12-06", Change: "what a case recorded goes with the activity that next reaches the world, which writes it first; Persist runs only before a wait and at the end", Generation: 3,
		OldHistories: []string{"v0-*", "v1-*", "v2-*", "v3-*", "v4-*", "v5-*"}},
	{ID: fulfilOrderVersion, Added: "2026-12-06", Change: "access and portability are carried out before the rights that change data, so an extract shows what was held when the request came", Generation: 4,
		OldHistories: []string{"v0-*", "v1-*", "v2-*", "v3-*", "v4-*", "v5-*", "v6-*"}},
	{ID: scopeVersion, Added: "2026-12-06", Change: "a partly approved decision names its scope, which fulfilment carries out exactly; a refusal as manifestly excessive needs earlier requests as evidence; a fee for a repeated request is warned of in a letter and waits for the person", Generation: 5,
		OldHistories: []string{"v0-*", "v1-*", "v2-*", "v3-*", "v4-*", "v5-*", "v6-*", "v7-*"}},
	{ID: datasetFieldsVersion, Added: "2026-12-06", Change: "the fields and systems a rectification names are checked against the dataset files by fulfilment; the workflow checks their form", Generation: 6,
		OldHistories: []string{"v0-*", "v1-*", "v2-*", "v3-*", "v4-*", "v5-*", "v6-*", "v7-*", "v8-*"}},
	{ID: manualTasksVersion, Added: "2026-12-06", Change: "a right with tasks for staff in systems the engine does not reach waits in fulfilment until task-done confirms each", Generation: 7,
		OldHistories: []string{"v0-*", "v1-*", "v2-*", "v3-*", "v4-*", "v5-*", "v6-*", "v7-*", "v8-*", "v9-*"}},
	{ID: optOutAbsoluteVersion, Added: "2026-12-06", Change: "a marketing opt-out is approved, or refused only as manifestly unfounded or excessive (Art. 21(3), 12(5))", Generation: 8,
		OldHistories: []string{"v0-*", "v1-*", "v2-*", "v3-*", "v4-*", "v5-*", "v6-*", "v7-*", "v8-*", "v9-*", "v10-*"}},
	{ID: drainAfterPersistVersion, Added: "2026-12-06", Change: "an input that arrives while a case writes its state before continuing as new is handled, not dropped", Generation: 9,
		OldHistories: []string{"v0-*", "v1-*", "v2-*", "v3-*", "v4-*", "v5-*", "v6-*", "v7-*", "v8-*", "v9-*", "v10-*", "v11-*"}},
}
