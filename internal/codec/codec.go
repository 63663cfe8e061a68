// Package codec encrypts every Temporal payload, workflow inputs, signals,
// updates, query results, activity inputs and results, and failure messages,
// with AES-256-GCM, so Temporal's database holds ciphertext only. Keys are
// named: each payload records the id of the key that sealed it, so old keys
// still open old payloads after a rotation.
package codec

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/harmoniq/dsr/internal/payload"
	commonpb "go.temporal.io/api/common/v1"
	failurepb "go.temporal.io/api/failure/v1"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"google.golang.org/protobuf/proto"
)

// Metadata of an encrypted payload.
const (
	EncodingEncrypted = "binary/encrypted"
	MetadataKeyID     = "encryption-key-id"
	// MetadataSealed marks a payload Decode opened: the workflow tells by it
	// that an input came through the codec, not past it in clear.
	MetadataSealed = payload.MetadataSealed
	// EncodingUndecryptable is the encoding Decode gives a payload that is
	// sealed with a known key but does not open (changed, cut, forged):
	// the workflow refuses it with a reason instead of failing for good.
	EncodingUndecryptable = payload.EncodingUndecryptable
)

// Codec is an AES-256-GCM payload codec over a key ring.
type Codec struct {
	current string
	aeads   map[string]cipher.AEAD
}

// Key is one named 32-byte key.
type Key struct {
	ID    string
	Bytes []byte
}

// New returns a codec that seals with the first key and opens with any.
func New(keys []Key) (*Codec, error) {
	if len(keys) == 0 {
		return nil, errors.New("no payload encryption key")
	}
	c := &Codec{current: keys[0].ID, aeads: map[string]cipher.AEAD{}}
	for _, k := range keys {
		if k.ID == "" || strings.ContainsAny(k.ID, ":,") {
			return nil, fmt.Errorf("payload key id %q must be non-empty without ':' or ','", k.ID)
		}
		if len(k.Bytes) != 32 {
			return nil, fmt.Errorf("payload key %s must be 32 bytes (AES-256), got %d", k.ID, len(k.Bytes))
		}
		if _, dup := c.aeads[k.ID]; dup {
			return nil, fmt.Errorf("payload key id %s given twice", k.ID)
		}
		block, err := aes.NewCipher(k.Bytes)
		if err != nil {
			return nil, err
		}
		if c.aeads[k.ID], err = cipher.NewGCM(block); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// ParseKeys reads "id:base64,id:base64", the current key first.
func ParseKeys(s string) ([]Key, error) {
	var keys []Key
	for _, part := range strings.Split(strings.TrimSpace(s), ",") {
		id, b64, ok := strings.Cut(strings.TrimSpace(part), ":")
		if !ok {
			return nil, errors.New(`payload keys are written "id:base64key", comma-separated, current first`)
		}
		b, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			return nil, fmt.Errorf("payload key %s is not base64", id)
		}
		keys = append(keys, Key{ID: id, Bytes: b})
	}
	return keys, nil
}

// NewKey returns a fresh random key with the given id, written as in ParseKeys.
func NewKey(id string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return id + ":" + base64.StdEncoding.EncodeToString(b), nil
}

// Encode seals each payload, whole (metadata and data), under the current key.
func (c *Codec) Encode(ps []*commonpb.Payload) ([]*commonpb.Payload, error) {
	out := make([]*commonpb.Payload, len(ps))
	aead := c.aeads[c.current]
	for i, p := range ps {
		plain, err := proto.Marshal(p)
		if err != nil {
			return nil, err
		}
		nonce := make([]byte, aead.NonceSize())
		if _, err := rand.Read(nonce); err != nil {
			return nil, err
		}
		out[i] = &commonpb.Payload{
			Metadata: map[string][]byte{
				converter.MetadataEncoding: []byte(EncodingEncrypted),
				MetadataKeyID:              []byte(c.current),
			},
			Data: aead.Seal(nonce, nonce, plain, []byte(c.current)),
		}
	}
	return out, nil
}

// Decode opens encrypted payloads and passes others through, so history
// written before encryption was turned on still reads.
func (c *Codec) Decode(ps []*commonpb.Payload) ([]*commonpb.Payload, error) {
	out := make([]*commonpb.Payload, len(ps))
	for i, p := range ps {
		if string(p.GetMetadata()[converter.MetadataEncoding]) != EncodingEncrypted {
			out[i] = p
			continue
		}
		id := string(p.GetMetadata()[MetadataKeyID])
		aead, ok := c.aeads[id]
		if !ok {
			return nil, fmt.Errorf("payload sealed with key %q, which is not configured", id)
		}
		// A key that is not configured is the operator's to mend, and
		// everything waits for it; a payload that does not open under a
		// known key is one bad input, refused as such.
		data := p.GetData()
		if len(data) < aead.NonceSize() {
			out[i] = undecryptable("too short")
			continue
		}
		plain, err := aead.Open(nil, data[:aead.NonceSize()], data[aead.NonceSize():], []byte(id))
		if err != nil {
			out[i] = undecryptable("does not open")
			continue
		}
		var dec commonpb.Payload
		if err := proto.Unmarshal(plain, &dec); err != nil {
			out[i] = undecryptable("not a payload")
			continue
		}
		if dec.Metadata == nil {
			dec.Metadata = map[string][]byte{}
		}
		dec.Metadata[MetadataSealed] = []byte("1")
		out[i] = &dec
	}
	return out, nil
}

func undecryptable(why string) *commonpb.Payload {
	return &commonpb.Payload{Metadata: map[string][]byte{converter.MetadataEncoding: []byte(EncodingUndecryptable), "reason": []byte(why)}}
}

// DataConverter returns the default data converter wrapped with c.
func (c *Codec) DataConverter() converter.DataConverter {
	return converter.NewCodecDataConverter(converter.GetDefaultDataConverter(), c)
}

// FailureConverter encodes failure messages and stack traces with c too, so
// personal data in an error does not reach Temporal in clear. A refused
// staff input (payload.RefusalType), whose reason holds no personal data by
// design, stays in clear, so the Web UI shows why it was refused.
func (c *Codec) FailureConverter() converter.FailureConverter {
	dc := c.DataConverter()
	return failureConverter{
		sealed: temporal.NewDefaultFailureConverter(temporal.DefaultFailureConverterOptions{DataConverter: dc, EncodeCommonAttributes: true}),
		clear:  temporal.NewDefaultFailureConverter(temporal.DefaultFailureConverterOptions{DataConverter: dc}),
	}
}

type failureConverter struct{ sealed, clear converter.FailureConverter }

func (f failureConverter) ErrorToFailure(err error) *failurepb.Failure {
	var app *temporal.ApplicationError
	if errors.As(err, &app) && app.Type() == payload.RefusalType && app.Unwrap() == nil {
		fl := f.clear.ErrorToFailure(err)
		fl.StackTrace = "" // where in dsr's code is no business of the UI's
		return fl
	}
	return f.sealed.ErrorToFailure(err)
}

// FailureToError reads both: a sealed failure is opened, a clear one read.
func (f failureConverter) FailureToError(fl *failurepb.Failure) error {
	return f.sealed.FailureToError(fl)
}
