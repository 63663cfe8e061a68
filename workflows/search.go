package workflows

import (
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
)

// Search attributes of a case. None holds personal data: the Web UI shows
// them raw, never through the payload codec.
var (
	SACaseNumber   = temporal.NewSearchAttributeKeyKeyword("CaseNumber")
	SARequestTypes = temporal.NewSearchAttributeKeyKeywordList("RequestTypes")
	SAStage        = temporal.NewSearchAttributeKeyKeyword("Stage")
	SADueDate      = temporal.NewSearchAttributeKeyTime("DueDate")
	SAOverdue      = temporal.NewSearchAttributeKeyBool("Overdue")
	SAChannel      = temporal.NewSearchAttributeKeyKeyword("Channel")
	SAAssignedTo   = temporal.NewSearchAttributeKeyKeyword("AssignedTo")
	// SAGeneration is the code generation that began the run (Generation),
	// for checking when a version gate can go.
	SAGeneration = temporal.NewSearchAttributeKeyInt64("DsrGeneration")
)

// SearchAttributes lists the custom search attributes to register in the
// namespace, by name and type.
var SearchAttributes = map[string]enumspb.IndexedValueType{
	SACaseNumber.GetName():   enumspb.INDEXED_VALUE_TYPE_KEYWORD,
	SARequestTypes.GetName(): enumspb.INDEXED_VALUE_TYPE_KEYWORD_LIST,
	SAStage.GetName():        enumspb.INDEXED_VALUE_TYPE_KEYWORD,
	SADueDate.GetName():      enumspb.INDEXED_VALUE_TYPE_DATETIME,
	SAOverdue.GetName():      enumspb.INDEXED_VALUE_TYPE_BOOL,
	SAChannel.GetName():      enumspb.INDEXED_VALUE_TYPE_KEYWORD,
	SAAssignedTo.GetName():   enumspb.INDEXED_VALUE_TYPE_KEYWORD,
	SAGeneration.GetName():   enumspb.INDEXED_VALUE_TYPE_INT,
}
