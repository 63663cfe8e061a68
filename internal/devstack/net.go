package devstack

import (
	"context"
	"fmt"
	"net"
	"time"
)

// freePorts asks the kernel for n distinct ports that are free on ip now.
// Each is left in TIME_WAIT by a connection closed from the listening side,
// which keeps the kernel from handing it out again as an ephemeral port
// before the server binds it (SO_REUSEADDR lets the server bind it).
func freePorts(ip string, n int) ([]int, error) {
	var ports []int
	var listeners []net.Listener
	defer func() {
		for _, l := range listeners {
			l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		listeners = append(listeners, l)
		port := l.Addr().(*net.TCPAddr).Port
		conn, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		server, err := l.Accept()
		if err != nil {
			conn.Close()
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		server.Close()
		conn.Close()
		ports = append(ports, port)
	}
	return ports, nil
}

// FreePorts returns n distinct free ports on 127.0.0.1, for tests that run a
// stack beside another.
func FreePorts(n int) ([]int, error) { return freePorts("127.0.0.1", n) }

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
