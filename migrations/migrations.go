// Package migrations holds the database schema as SQL files, one directory
// per dialect, embedded in the binary and applied in order by
// internal/store under a lock.
package migrations

import "embed"

// FS holds postgres/NNNN_name.sql and sqlite/NNNN_name.sql.
//
//go:embed postgres/*.sql sqlite/*.sql
var FS embed.FS
