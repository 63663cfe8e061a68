package devstack

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// DovecotTLS is the certificate Dovecot serves IMAP over TLS with.
type DovecotTLS struct{ CertFile, KeyFile string }

// StartDovecot runs Dovecot (Debian's dovecot-imapd, which .ci/run installs)
// on a free loopback port with a throwaway mail store, for this test only.
// Every user's password is "pw". With tls, it serves IMAP over TLS (imaps)
// with that certificate, and nothing in plain.
func StartDovecot(t testing.TB, tls *DovecotTLS) string {
	t.Helper()
	bin, err := exec.LookPath("dovecot")
	if err != nil {
		t.Fatalf("Dovecot is needed (apt-get install dovecot-imapd; .ci/run does): %v", err)
	}
	dir, err := os.MkdirTemp("", "dsr-dovecot-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	home := filepath.Join(dir, "home")
	os.MkdirAll(home, 0o755)
	nobody, _ := user.Lookup("nobody")
	uid, _ := strconv.Atoi(nobody.Uid)
	gid, _ := strconv.Atoi(nobody.Gid)
	if err := os.Chown(home, uid, gid); err != nil {
		t.Fatalf("prepare Dovecot's mail store (the test runs as root, as CI does): %v", err)
	}
	ports, err := FreePorts(1)
	if err != nil {
		t.Fatal(err)
	}
	ssl := "ssl = no"
	listeners := fmt.Sprintf("  inet_listener imap {\n    address = 127.0.0.1\n    port = %d\n  }\n  inet_listener imaps {\n    port = 0\n  }", ports[0])
	if tls != nil {
		ssl = fmt.Sprintf("ssl = required\nssl_cert = <%s\nssl_key = <%s", tls.CertFile, tls.KeyFile)
		listeners = fmt.Sprintf("  inet_listener imap {\n    port = 0\n  }\n  inet_listener imaps {\n    address = 127.0.0.1\n    port = %d\n  }", ports[0])
	}
	conf := filepath.Join(dir, "dovecot.conf")
	os.WriteFile(conf, []byte(fmt.Sprintf(`protocols = imap
listen = 127.0.0.1
base_dir = %[1]s/run
state_dir = %[1]s/state
log_path = %[1]s/dovecot.log
%[6]s
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:%[2]s/%%u/Maildir
first_valid_uid = 1
passdb {
  driver = static
  args = password=pw
}
userdb {
  driver = static
  args = uid=%[3]d gid=%[4]d home=%[2]s/%%u
}
service imap-login {
%[7]s
}
`, dir, home, uid, gid, ports[0], ssl, listeners)), 0o644)
	os.MkdirAll(filepath.Join(dir, "run"), 0o755)
	os.MkdirAll(filepath.Join(dir, "state"), 0o755)
	// In the foreground (-F), so the test owns the process and ends it.
	cmd := exec.Command(bin, "-F", "-c", conf)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start Dovecot: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	addr := fmt.Sprintf("127.0.0.1:%d", ports[0])
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return addr
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
			t.Fatalf("Dovecot did not listen on %s:\n%s", addr, log)
		}
	}
}
