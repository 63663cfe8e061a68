package store

// LeaseKey is the advisory lock key of a lease, for tests that kill its
// holder's session.
func LeaseKey(name string) int64 { return leaseKey(name) }
