package letter

// systemNames are the systems as a customer knows them.
var systemNames = map[string]string{"webshop": "harmoniq.se", "butik": "Butiksdelen", "behandling": "Behandlingsdelen", "marketing": "Marknadsföring"}

// SystemName returns the name a customer knows a system by.
func SystemName(s string) string {
	if n, ok := systemNames[s]; ok {
		return n
	}
	return s
}

// Markers at the start of a paragraph that change how it is set.
const (
	HeadingMarker    = "## "
	SubheadingMarker = "### "
	RowMarker        = "| "
)
