// Package payload names the metadata the payload codec writes on what it
// decodes, so that workflow code can tell how an input arrived without
// importing the codec. It holds constants only.
package payload

const (
	// MetadataSealed marks a payload the codec opened: it came through the
	// codec, encrypted, not past it in clear.
	MetadataSealed = "dsr-sealed"
	// EncodingUndecryptable is the encoding the codec gives a payload sealed
	// with a known key that does not open (changed, cut, forged).
	EncodingUndecryptable = "binary/undecryptable"
	// RefusalType is the application-error type of a refused staff
	// input. Its message names the field and the rule, never the value
	// sent, so it holds no personal data by design: the failure converter
	// leaves it in clear, and the Web UI shows it where staff look.
	RefusalType = "InputRefused"
)
