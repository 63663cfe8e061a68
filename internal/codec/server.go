package codec

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"go.temporal.io/sdk/converter"
)

// ServerOptions configure the codec HTTP endpoint the Web UI calls.
type ServerOptions struct {
	// AllowOrigins are the Web UI origins allowed to call (CORS).
	AllowOrigins []string
	// Token, when set, must come as "Authorization: Bearer TOKEN".
	Token string
}

// Handler serves POST /encode and /decode (under any prefix) for the
// Temporal Web UI, with CORS for its origin and an optional bearer token,
// and GET /healthz.
func (c *Codec) Handler(opts ServerOptions) http.Handler {
	codec := converter.NewPayloadCodecHTTPHandler(c)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		for _, o := range opts.AllowOrigins {
			if origin != "" && strings.EqualFold(origin, o) {
				w.Header().Set("Access-Control-Allow-Origin", origin)
				w.Header().Set("Access-Control-Allow-Credentials", "true")
				w.Header().Set("Access-Control-Allow-Headers", "Content-Type,X-Namespace,Authorization")
				w.Header().Set("Access-Control-Allow-Methods", "POST,OPTIONS")
				w.Header().Add("Vary", "Origin")
			}
		}
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusOK)
			return
		}
		if r.Method == http.MethodGet && r.URL.Path == "/healthz" {
			// For a container healthcheck (`dsr health URL`); it tells
			// nothing about the keys.
			w.Write([]byte("ok\n"))
			return
		}
		if r.Method != http.MethodPost {
			http.Error(w, "use POST", http.StatusMethodNotAllowed)
			return
		}
		if opts.Token != "" {
			got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			if subtle.ConstantTimeCompare([]byte(got), []byte(opts.Token)) != 1 {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
		}
		codec.ServeHTTP(w, r)
	})
}
