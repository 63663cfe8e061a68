package config

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultsNeedNoOutsideService(t *testing.T) {
	c, err := Load(envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != "" || c.SQLitePath() != filepath.Join("data", "dsr.db") {
		t.Errorf("database = %q / %q, want the SQLite file under data/", c.DatabaseURL, c.SQLitePath())
	}
	if c.Policy.PromiseDays != 30 || c.IMAP.Security != "tls" || c.IMAP.ProcessedFolder != "Behandlad" || c.IMAP.PollInterval != 30*time.Second {
		t.Errorf("unexpected defaults: %+v", c)
	}
}

func TestBadValuesNameTheVariable(t *testing.T) {
	for name, value := range map[string]string{
		"DSR_PROMISE_DAYS": "thirty", "IMAP_SECURITY": "ssl", "IMAP_POLL_INTERVAL": "5", "DSR_REMINDER_DAYS": "10,x", "LOG_LEVEL": "loud",
		"DSR_FINANCIAL_YEAR_END": "06-15",
	} {
		_, err := Load(envOf(map[string]string{name: value}))
		if err == nil || !strings.HasPrefix(err.Error(), name+":") {
			t.Errorf("%s=%s: err = %v, want an error naming %s", name, value, err, name)
		}
	}
}

func TestSecretsComeFromAFileToo(t *testing.T) {
	f := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(f, []byte("s3cret\n"), 0o600)
	c, err := Load(envOf(map[string]string{"IMAP_PASSWORD_FILE": f}))
	if err != nil || c.IMAP.Password != "s3cret" {
		t.Errorf("password = %q, err %v; want s3cret from the file", c.IMAP.Password, err)
	}
	_, err = Load(envOf(map[string]string{"IMAP_PASSWORD_FILE": f, "IMAP_PASSWORD": "x"}))
	if err == nil {
		t.Error("both IMAP_PASSWORD and IMAP_PASSWORD_FILE were accepted")
	}
	_, err = Load(envOf(map[string]string{"DATABASE_URL_FILE": filepath.Join(t.TempDir(), "missing")}))
	if err == nil || !strings.Contains(err.Error(), "DATABASE_URL_FILE") {
		t.Errorf("missing secret file: err = %v, want it named", err)
	}
}

// The production compose file and the README must stay in step with what
// the code reads.
func TestComposeFileSetsOnlyVariablesTheCodeReads(t *testing.T) {
	raw, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &compose); err != nil {
		t.Fatalf("docker-compose.yml is not valid YAML: %v", err)
	}
	known := map[string]bool{}
	for _, v := range Variables() {
		known[v] = true
	}
	for _, svc := range []string{"dsr-worker", "dsr-migrate", "dsr-codec", "dsr-signer", "temporal-setup"} {
		s, ok := compose.Services[svc]
		if !ok {
			t.Fatalf("docker-compose.yml has no service %s", svc)
		}
		for name := range s.Environment {
			if !known[name] {
				t.Errorf("service %s sets %s, which dsr does not read", svc, name)
			}
		}
	}
}

func TestREADMEDocumentsEveryVariable(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range Variables() {
		if !regexp.MustCompile("`" + v + "`").Match(raw) {
			t.Errorf("README.md does not document %s", v)
		}
	}
}
