package register

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// Recipient is a named recipient or processor of the data, as the record of
// processing's categories ("Distributionspartner") stand for it: whom an
// Art. 19 notice goes to, and how.
type Recipient struct {
	Name string `yaml:"name"`
	// StandsFor is the category the record of processing names it by.
	StandsFor string `yaml:"stands_for"`
	// Role is "recipient" or "processor".
	Role string `yaml:"role"`
	// Channel is "post" or "email".
	Channel string   `yaml:"channel"`
	Email   string   `yaml:"email,omitempty"`
	Address []string `yaml:"address,omitempty"`
}

// Recipients are the controller's named recipients and processors.
type Recipients []Recipient

// Named returns the recipients a category of the record of processing
// stands for, in the file's order.
func (rs Recipients) Named(category string) []Recipient {
	var out []Recipient
	for _, r := range rs {
		if strings.EqualFold(strings.TrimSpace(r.StandsFor), strings.TrimSpace(category)) {
			out = append(out, r)
		}
	}
	return out
}

// ExampleRecipients is a made-up file for the local stack and its demo:
// every name in it says it is an example.
//
//go:embed recipients.example.yaml
var ExampleRecipients []byte

// LoadRecipients reads and checks a recipients file.
func LoadRecipients(path string) (Recipients, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rs, err := ParseRecipients(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rs, nil
}

// ParseRecipients reads a recipients file: a field the format does not
// know, a recipient without a name or a category, or without a way to
// reach it by its channel, is an error that names the entry.
func ParseRecipients(b []byte) (Recipients, error) {
	var file struct {
		Recipients Recipients `yaml:"recipients"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&file); err != nil {
		return nil, err
	}
	var errs []error
	seen := map[string]bool{}
	for i, r := range file.Recipients {
		at := fmt.Sprintf("recipient %d (%q)", i+1, r.Name)
		switch {
		case strings.TrimSpace(r.Name) == "":
			errs = append(errs, fmt.Errorf("recipient %d: no name", i+1))
		case seen[strings.ToLower(r.Name)]:
			errs = append(errs, fmt.Errorf("%s: named twice", at))
		}
		seen[strings.ToLower(r.Name)] = true
		if strings.TrimSpace(r.StandsFor) == "" {
			errs = append(errs, fmt.Errorf("%s: no stands_for: the category of the record of processing it is", at))
		}
		if r.Role != "recipient" && r.Role != "processor" {
			errs = append(errs, fmt.Errorf("%s: role %q: recipient or processor", at, r.Role))
		}
		switch r.Channel {
		case "email":
			if a, err := mail.ParseAddress(r.Email); err != nil || a.Address != r.Email {
				errs = append(errs, fmt.Errorf("%s: channel email needs an e-mail address, not %q", at, r.Email))
			}
		case "post":
			n := 0
			for _, l := range r.Address {
				if strings.TrimSpace(l) != "" {
					n++
				}
			}
			if n < 2 {
				errs = append(errs, fmt.Errorf("%s: channel post needs an address of two lines at least (street or box, postcode and town)", at))
			}
		default:
			errs = append(errs, fmt.Errorf("%s: channel %q: post or email", at, r.Channel))
		}
	}
	return file.Recipients, errors.Join(errs...)
}
