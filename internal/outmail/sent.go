package outmail

import (
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/harmoniq/dsr/internal/imapfolder"
)

// SentFolder files a copy of each mail sent in the kundservice mailbox's
// Sent folder, so staff see the engine's answers, threaded with the
// requests, in their own mail client.
type SentFolder struct {
	// Dial connects and logs in to the kundservice mailbox.
	Dial func() (*imapclient.Client, error)
	// Folder is the Sent folder's name; it is made when missing.
	Folder string
}

// File appends raw to the folder, marked as read. With again (an earlier
// attempt may have filed it), it first looks for the Message-ID and files
// nothing when the copy is there: filing twice leaves one copy. A first
// attempt appends at once, without searching a folder that grows with
// every answer.
func (s SentFolder) File(raw []byte, messageID string, at time.Time, again bool) error {
	cl, err := s.Dial()
	if err != nil {
		return err
	}
	defer cl.Close()
	if err := imapfolder.Ensure(cl, s.Folder); err != nil {
		return err
	}
	if again {
		if _, err := cl.Select(s.Folder, nil).Wait(); err != nil {
			return fmt.Errorf("select %s: %w", s.Folder, err)
		}
		found, err := cl.UIDSearch(&imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: messageID}}}, nil).Wait()
		if err != nil {
			return fmt.Errorf("search %s: %w", s.Folder, err)
		}
		if len(found.AllUIDs()) > 0 {
			return cl.Logout().Wait()
		}
	}
	cmd := cl.Append(s.Folder, int64(len(raw)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}, Time: at})
	if _, err := cmd.Write(raw); err != nil {
		return fmt.Errorf("file in %s: %w", s.Folder, err)
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("file in %s: %w", s.Folder, err)
	}
	if _, err := cmd.Wait(); err != nil {
		return fmt.Errorf("file in %s: %w", s.Folder, err)
	}
	return cl.Logout().Wait()
}
