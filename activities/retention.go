package activities

import (
	"context"

	"github.com/harmoniq/dsr/internal/register"
	"go.temporal.io/sdk/activity"
)

// PurgeRegister erases from Harmoniq's systems what the record of
// processing no longer allows them to keep (usage data after 24 months,
// bookkeeping after its seventh year) and returns how many rows went. The
// figures, a table at a time, go to the worker's log: they name tables,
// never people.
func (a *Activities) PurgeRegister(ctx context.Context) (int, error) {
	reg := a.reg()
	records, err := reg.Records(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	_, err = reg.PurgeExpired(ctx, nil, records, a.now(), func(e register.Expired) {
		total += int(e.Rows)
		heartbeat(ctx, total)
		if e.Rows > 0 && activity.IsActivity(ctx) {
			activity.GetLogger(ctx).Info("retention purge", "system", e.System, "table", e.Table, "category", e.Category, "rule", e.Rule, "rows", e.Rows)
		}
	})
	return total, err
}
