package devstack

import (
	"context"
	"fmt"
	"net"
	"time"
)

// freePort asks the kernel for a port that is free on ip now.
func freePort(ip string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// FreePort returns a free port on 127.0.0.1, for tests that run a stack
// beside another.
func FreePort() (int, error) { return freePort("127.0.0.1") }

// waitListening returns a channel closed once addr accepts connections.
func waitListening(ctx context.Context, addr string) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			c, err := net.DialTimeout("tcp", addr, time.Second)
			if err == nil {
				c.Close()
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	return done
}
