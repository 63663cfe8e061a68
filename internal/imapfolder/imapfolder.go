// Package imapfolder makes sure a mailbox folder exists, for the readers
// and writers of the kundservice mailbox.
package imapfolder

import (
	"fmt"

	"github.com/emersion/go-imap/v2/imapclient"
)

// Ensure creates the folder name unless it exists.
func Ensure(cl *imapclient.Client, name string) error {
	list, err := cl.List("", name, nil).Collect()
	if err != nil {
		return fmt.Errorf("list %s: %w", name, err)
	}
	if len(list) > 0 {
		return nil
	}
	if err := cl.Create(name, nil).Wait(); err != nil {
		return fmt.Errorf("create folder %s: %w", name, err)
	}
	return nil
}
