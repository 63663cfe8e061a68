package codec

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/harmoniq/dsr/internal/payload"
	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"google.golang.org/protobuf/encoding/protojson"
)

func mustCodec(t *testing.T, spec string) *Codec {
	t.Helper()
	keys, err := ParseKeys(spec)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(keys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func key(t *testing.T, id string) string {
	k, err := NewKey(id)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

const secret = "19900704-2386 Åsa Öberg"

func TestPayloadsAreSealedAndOpenAgain(t *testing.T) {
	c := mustCodec(t, key(t, "k1"))
	dc := c.DataConverter()
	p, err := dc.ToPayload(map[string]string{"note": secret})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(p.Data, []byte("19900704")) || string(p.Metadata[MetadataKeyID]) != "k1" {
		t.Fatalf("payload not sealed: %q %v", p.Data, p.Metadata)
	}
	var back map[string]string
	if err := dc.FromPayload(p, &back); err != nil || back["note"] != secret {
		t.Fatalf("round trip = %v, %v", back, err)
	}
}

func TestOldKeysStillOpenAfterARotation(t *testing.T) {
	k1, k2 := key(t, "k1"), key(t, "k2")
	old := mustCodec(t, k1)
	sealed, _ := old.Encode([]*commonpb.Payload{{Data: []byte(secret)}})
	rotated := mustCodec(t, k2+","+k1)
	opened, err := rotated.Decode(sealed)
	if err != nil || string(opened[0].Data) != secret {
		t.Fatalf("rotated codec could not open an old payload: %v", err)
	}
	resealed, _ := rotated.Encode(opened)
	if string(resealed[0].Metadata[MetadataKeyID]) != "k2" {
		t.Error("rotated codec does not seal with the new key")
	}
	if _, err := mustCodec(t, k2).Decode(sealed); err == nil || !strings.Contains(err.Error(), `"k1"`) {
		t.Errorf("a codec without k1 opened its payload or did not say why: %v", err)
	}
}

// A tampered payload does not open; it decodes to a payload marked
// undecryptable, which the workflow refuses, instead of failing the
// workflow task for good.
func TestATamperedPayloadDoesNotOpen(t *testing.T) {
	c := mustCodec(t, key(t, "k1"))
	sealed, _ := c.Encode([]*commonpb.Payload{{Data: []byte(secret)}})
	sealed[0].Data[len(sealed[0].Data)-1] ^= 1
	out, err := c.Decode(sealed)
	if err != nil {
		t.Fatal(err)
	}
	if string(out[0].Metadata["encoding"]) != EncodingUndecryptable || len(out[0].Data) != 0 || out[0].Metadata[MetadataSealed] != nil {
		t.Errorf("a tampered payload decoded to %v", out[0])
	}
}

func TestAnOpenedPayloadIsMarkedSealed(t *testing.T) {
	c := mustCodec(t, key(t, "k1"))
	sealed, _ := c.Encode([]*commonpb.Payload{{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(`{}`)}})
	out, err := c.Decode(sealed)
	if err != nil || string(out[0].Metadata[MetadataSealed]) != "1" {
		t.Errorf("an opened payload is not marked sealed: %v, %v", out, err)
	}
}

func TestPlainPayloadsPassThrough(t *testing.T) {
	c := mustCodec(t, key(t, "k1"))
	plain := &commonpb.Payload{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(`"x"`)}
	out, err := c.Decode([]*commonpb.Payload{plain})
	if err != nil || out[0] != plain {
		t.Errorf("plain payload changed: %v", err)
	}
}

func TestFailureMessagesAreEncoded(t *testing.T) {
	c := mustCodec(t, key(t, "k1"))
	f := c.FailureConverter().ErrorToFailure(temporal.NewApplicationError("no customer "+secret, "NotFound"))
	if strings.Contains(f.GetMessage(), "19900704") || strings.Contains(f.GetStackTrace(), "19900704") || f.GetEncodedAttributes() == nil {
		t.Fatalf("failure leaks: message %q", f.GetMessage())
	}
	back := c.FailureConverter().FailureToError(f)
	if !strings.Contains(back.Error(), secret) {
		t.Errorf("decoded failure = %v", back)
	}
}

// TestARefusalStaysReadable: the reason a staff input was refused, which
// names the field and the rule and never the value, stays in clear for the
// Web UI; a refusal that wraps another error, and every other failure,
// are sealed.
func TestARefusalStaysReadable(t *testing.T) {
	c := mustCodec(t, key(t, "k1"))
	refused := temporal.NewNonRetryableApplicationError(`"outcome" must be approved, partly_approved or refused`, payload.RefusalType, nil)
	f := c.FailureConverter().ErrorToFailure(refused)
	if f.GetEncodedAttributes() != nil || !strings.Contains(f.GetMessage(), `"outcome" must be`) || f.GetStackTrace() != "" {
		t.Errorf("the refusal reaches Temporal as %q (encoded %v, stack %q)", f.GetMessage(), f.GetEncodedAttributes() != nil, f.GetStackTrace())
	}
	if back := c.FailureConverter().FailureToError(f); !strings.Contains(back.Error(), `"outcome" must be`) {
		t.Errorf("read back: %v", back)
	}
	wrapped := temporal.NewNonRetryableApplicationError("refused", payload.RefusalType, errors.New("no customer "+secret))
	if f := c.FailureConverter().ErrorToFailure(wrapped); strings.Contains(f.String(), "19900704") {
		t.Errorf("a refusal wrapping an error leaks it: %v", f)
	}
}

func TestTheCodecServerServesTheWebUI(t *testing.T) {
	c := mustCodec(t, key(t, "k1"))
	srv := httptest.NewServer(c.Handler(ServerOptions{AllowOrigins: []string{"http://127.0.0.1:8233"}, Token: "t0ken"}))
	defer srv.Close()
	plain, _ := converter.GetDefaultDataConverter().ToPayloads(secret)
	body, _ := json.Marshal(plain)

	post := func(path, token string, b []byte) *http.Response {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", "http://127.0.0.1:8233")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	if resp := post("/encode", "wrong", body); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong token: %s", resp.Status)
	}
	resp := post("/encode", "t0ken", body)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Access-Control-Allow-Origin") != "http://127.0.0.1:8233" {
		t.Fatalf("encode: %s, CORS %q", resp.Status, resp.Header.Get("Access-Control-Allow-Origin"))
	}
	var sealed bytes.Buffer
	sealed.ReadFrom(resp.Body)
	if strings.Contains(sealed.String(), "19900704") {
		t.Fatal("encode returned plaintext")
	}
	resp = post("/decode", "t0ken", sealed.Bytes())
	var raw bytes.Buffer
	raw.ReadFrom(resp.Body)
	var opened commonpb.Payloads
	if err := protojson.Unmarshal(raw.Bytes(), &opened); err != nil {
		t.Fatalf("decode response %s: %v", raw.String(), err)
	}
	var got string
	if err := converter.GetDefaultDataConverter().FromPayloads(&opened, &got); err != nil || got != secret {
		t.Errorf("decode gave %q, %v; want the original", got, err)
	}
}
