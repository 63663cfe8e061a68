package intake

import (
	"maps"
	"testing"
)

// A word several lexicon entries share is named by the same word on every
// start (the reasons a case keeps must not change with a restart), and a
// typo's candidates come in one order: the lexicon's maps are read in a
// fixed order, the word of the index's own language first.
func TestTheIndexesAreTheSameOnEveryStart(t *testing.T) {
	indexOnce.Do(buildIndexes)
	snapshot := func() (map[string]map[string]entry, map[string]map[string][]string) {
		stems, deletes := map[string]map[string]entry{}, map[string]map[string][]string{}
		for lang, ix := range indexes {
			stems[lang] = maps.Clone(ix.stems)
			deletes[lang] = maps.Clone(ix.deletes)
		}
		return stems, deletes
	}
	firstStems, firstDeletes := snapshot()
	defer forget()
	for range 5 { // Go reads a map in another order each time
		buildIndexes()
		stems, deletes := snapshot()
		for lang := range firstStems {
			for key, e := range firstStems[lang] {
				if stems[lang][key] != e {
					t.Fatalf("%s %q: %+v on one start, %+v on another", lang, key, e, stems[lang][key])
				}
			}
			for key, ds := range firstDeletes[lang] {
				if got := deletes[lang][key]; len(got) != len(ds) || len(ds) > 0 && got[0] != ds[0] {
					t.Fatalf("%s typo candidates of %q: %v on one start, %v on another", lang, key, ds, got)
				}
			}
		}
	}
	if e := indexes["sv"].stems["resultat"]; e.canon != "resultat" {
		t.Errorf("the Swedish index names resultat %q, not by its Swedish word", e.canon)
	}
}
