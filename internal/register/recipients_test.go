package register

import (
	"strings"
	"testing"
)

func TestTheExampleRecipientsFileIsValid(t *testing.T) {
	rs, err := ParseRecipients(ExampleRecipients)
	if err != nil {
		t.Fatal(err)
	}
	for _, category := range []string{"Distributionspartner", "Faktureringspartner", "Fakturafinansieringspartner", "Utskicksleverantör"} {
		if len(rs.Named(category)) != 1 {
			t.Errorf("the example names %d recipients for %s, want 1", len(rs.Named(category)), category)
		}
	}
}

func TestABadRecipientsFileNamesEachFault(t *testing.T) {
	_, err := ParseRecipients([]byte(`recipients:
  - name: A AB
    stands_for: Distributionspartner
    role: recipient
    channel: post
    address: [Box 1]
  - name: B AB
    stands_for: ""
    role: owner
    channel: email
    email: "B <b@example.se>"
  - name: A AB
    stands_for: X
    role: processor
    channel: fax
`))
	if err == nil {
		t.Fatal("a bad file was taken")
	}
	for _, want := range []string{`recipient 1 ("A AB"): channel post needs an address`, `recipient 2 ("B AB"): no stands_for`, `role "owner"`,
		`channel email needs an e-mail address`, `recipient 3 ("A AB"): named twice`, `channel "fax"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
	if _, err := ParseRecipients([]byte("recipients:\n  - name: A\n    colour: red\n")); err == nil || !strings.Contains(err.Error(), "colour") {
		t.Errorf("an unknown field: %v", err)
	}
}
