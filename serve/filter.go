package serve

import (
	"log/slog"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Session requests the server never grants: the reader needs none of them, and each
// would hand the client a way into the server's machine or its own agent.
var refusedRequests = map[string]string{
	"auth-agent-req@openssh.com": "agent forwarding",
	"x11-req":                    "X11 forwarding",
	"subsystem":                  "subsystem",
}

// sessionChannel serves a session channel after taking out the requests above: they
// are answered "no" here, before the session sees them (its own handler would accept
// agent forwarding).
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	ssh.DefaultSessionHandler(srv, conn, filteredChannel{NewChannel: nc, log: s.log, ctx: ctx}, ctx)
}

type filteredChannel struct {
	gossh.NewChannel
	log *slog.Logger
	ctx ssh.Context
}

func (c filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		for r := range reqs {
			if what, refused := refusedRequests[r.Type]; refused {
				c.log.Warn("refused", "what", what, "user", c.ctx.User(), "remote", c.ctx.RemoteAddr().String(), "key", fingerprintOf(c.ctx))
				if r.WantReply {
					r.Reply(false, nil)
				}
				continue
			}
			out <- r
		}
	}()
	return ch, out, nil
}

// refuseChannel rejects a channel type (port forwarding) with a log line.
func (s *Server) refuseChannel(what string) ssh.ChannelHandler {
	return func(_ *ssh.Server, _ *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
		s.log.Warn("refused", "what", what, "user", ctx.User(), "remote", ctx.RemoteAddr().String(), "key", fingerprintOf(ctx))
		nc.Reject(gossh.Prohibited, what+" is not allowed on this server")
	}
}

// refuseRequest answers a global request (remote port forwarding) "no", with a log line.
func (s *Server) refuseRequest(what string) ssh.RequestHandler {
	return func(ctx ssh.Context, _ *ssh.Server, _ *gossh.Request) (bool, []byte) {
		s.log.Warn("refused", "what", what, "user", ctx.User(), "remote", ctx.RemoteAddr().String(), "key", fingerprintOf(ctx))
		return false, nil
	}
}

// fingerprintOf is the proved key's fingerprint once authentication is over, for logs.
func fingerprintOf(ctx ssh.Context) string {
	if k, ok := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey); ok && k != nil {
		return gossh.FingerprintSHA256(k)
	}
	return ""
}
