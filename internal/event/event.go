// Package event is the vocabulary of a case's audit trail: one Go type per
// kind of event, shared by the code that writes it (the workflow, intake,
// the activities, the CLI) and every reader (reports, exports, purges,
// intake review). An event is written as JSON in the trail's details;
// decoding is strict: a field the type does not know, or a required field
// that is missing, is an error, never a silent zero.
//
// The package holds plain types and pure functions only, so workflow code
// may use it.
package event

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Event is one typed audit event.
type Event interface {
	// Action names the event in the trail ("case.received").
	Action() string
}

// Version is the version written into every event's "v". An event without
// one was written before events were typed, by code that built the same
// shapes as maps; both decode. A shape that changes incompatibly gets a new
// version and a decoder for the old one.
const Version = 1

// Meta is embedded in every event type: the version it was written at.
type Meta struct {
	V int `json:"v,omitempty"`
}

// ErrUnknownAction is returned, wrapped, for an action no type is
// registered for.
var ErrUnknownAction = errors.New("unknown audit action")

// Encode returns the event's details as JSON, stamped with the version.
func Encode(e Event) (json.RawMessage, error) {
	if e == nil {
		return nil, errors.New("no event")
	}
	b, err := json.Marshal(stamp(e))
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", e.Action(), err)
	}
	return b, nil
}

// MustEncode is Encode for the workflow, whose events are its own types and
// always encode.
func MustEncode(e Event) json.RawMessage {
	b, err := Encode(e)
	if err != nil {
		panic(err)
	}
	return b
}

// stamp returns a copy of e with its version set.
func stamp(e Event) any {
	v := reflect.ValueOf(e)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	if m := c.FieldByName("Meta"); m.IsValid() && m.CanSet() {
		m.Set(reflect.ValueOf(Meta{V: Version}))
	}
	return c.Interface()
}

// Decode reads the details of an event of the action, strictly.
func Decode(action, details string) (Event, error) {
	mk, ok := registry[action]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownAction, action)
	}
	e := mk()
	if err := decodeStrict(details, e); err != nil {
		return nil, fmt.Errorf("%s: %w", action, err)
	}
	if v := reflect.ValueOf(e).Elem().FieldByName("Meta").Interface().(Meta).V; v > Version {
		return nil, fmt.Errorf("%s: written at version %d by a newer dsr; this one reads up to %d", action, v, Version)
	}
	if c, ok := e.(interface{ check(action string) error }); ok {
		if err := c.check(action); err != nil {
			return nil, fmt.Errorf("%s: %w", action, err)
		}
	}
	return e, nil
}

// Actions lists every registered action, sorted.
func Actions() []string {
	out := make([]string, 0, len(registry))
	for a := range registry {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// decodeStrict decodes details into e (a pointer to a struct): every key
// must be a field of the type, and every field not marked omitempty must
// be there.
func decodeStrict(details string, e any) error {
	var keys map[string]json.RawMessage
	if err := json.Unmarshal([]byte(details), &keys); err != nil {
		return fmt.Errorf("details are not a JSON object: %w", err)
	}
	f := fieldsOf(reflect.TypeOf(e).Elem())
	var unknown, missing []string
	for k := range keys {
		if _, ok := f.all[k]; !ok {
			unknown = append(unknown, k)
		}
	}
	for _, k := range f.required {
		if _, ok := keys[k]; !ok {
			missing = append(missing, k)
		}
	}
	sort.Strings(unknown)
	if len(unknown) > 0 || len(missing) > 0 {
		var parts []string
		if len(unknown) > 0 {
			parts = append(parts, "unknown field "+quoteAll(unknown))
		}
		if len(missing) > 0 {
			parts = append(parts, "missing field "+quoteAll(missing))
		}
		return errors.New(strings.Join(parts, "; "))
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(details)))
	dec.DisallowUnknownFields()
	return dec.Decode(e)
}

func quoteAll(ks []string) string {
	q := make([]string, len(ks))
	for i, k := range ks {
		q[i] = fmt.Sprintf("%q", k)
	}
	return strings.Join(q, ", ")
}

type fieldSet struct {
	all      map[string]bool
	required []string
}

var fieldCache sync.Map // reflect.Type -> fieldSet

// fieldsOf lists a struct's JSON keys, embedded structs flattened; a field
// is required unless tagged omitempty.
func fieldsOf(t reflect.Type) fieldSet {
	if f, ok := fieldCache.Load(t); ok {
		return f.(fieldSet)
	}
	f := fieldSet{all: map[string]bool{}}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if sf.Anonymous && tag == "" {
				walk(sf.Type)
				continue
			}
			if !sf.IsExported() || tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if name == "" {
				name = sf.Name
			}
			f.all[name] = true
			if !strings.Contains(opts, "omitempty") {
				f.required = append(f.required, name)
			}
		}
	}
	walk(t)
	sort.Strings(f.required)
	fieldCache.Store(t, f)
	return f
}

// registry maps each action to a constructor of its type.
var registry = map[string]func() Event{}

func register[T any, P interface {
	*T
	Event
}](actions ...string) {
	for _, a := range actions {
		registry[a] = func() Event { return P(new(T)) }
	}
}

// Personal returns a copy of e with each text field tagged
// `audit:"personal"` (free text staff wrote, a corrected value) passed
// through f: the trail seals them with the case's key, and readers open
// them while the key lasts.
func Personal(e Event, f func(string) (string, error)) (Event, error) {
	v := reflect.ValueOf(e)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	if err := walkPersonal(c, f); err != nil {
		return nil, err
	}
	out, ok := c.Interface().(Event)
	if !ok {
		return nil, fmt.Errorf("%T is no event", c.Interface())
	}
	return out, nil
}

func walkPersonal(v reflect.Value, f func(string) (string, error)) error {
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			fv := v.Field(i)
			if !t.Field(i).IsExported() {
				continue
			}
			if t.Field(i).Tag.Get("audit") == "personal" && fv.Kind() == reflect.String {
				s, err := f(fv.String())
				if err != nil {
					return err
				}
				fv.SetString(s)
				continue
			}
			if err := walkPersonal(fv, f); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if v.IsNil() || v.Type().Elem().Kind() != reflect.Struct {
			return nil
		}
		// A copy, so the caller's event keeps its values.
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(c, v)
		for i := 0; i < c.Len(); i++ {
			if err := walkPersonal(c.Index(i), f); err != nil {
				return err
			}
		}
		v.Set(c)
	}
	return nil
}
