package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// ServedBy records the team server this session belongs to, so that a refusal
// elsewhere can say where the annotator is live (LiveOn).
func (s *Session) ServedBy(server string) error {
	return s.db.teamErr(s.db.write(func(ctx context.Context, q querier) error {
		_, err := q.ExecContext(ctx, `INSERT INTO session_servers (session, server) VALUES (?, ?)
			ON CONFLICT (session) DO UPDATE SET server = excluded.server`, s.sessID, server)
		return err
	}))
}

// Holder is who holds an annotator's lease: the team server of the session (empty for
// a session not opened by hashiya serve), its host and pid, and when it was last heard.
type Holder struct {
	Server string
	Host   string
	Pid    int
	Seen   time.Time
}

// LiveOn says who holds annotator's lease; ok is false when nobody does.
func (db *DB) LiveOn(annotator string) (h Holder, ok bool, err error) {
	var beat int64
	err = db.rq.QueryRowContext(context.Background(), `SELECT COALESCE(ss.server, ''), l.host, l.pid, l.heartbeat
		FROM leases l JOIN annotators a ON a.id = l.annotator
		LEFT JOIN session_servers ss ON ss.session = l.session
		WHERE a.name = ?`, annotator).Scan(&h.Server, &h.Host, &h.Pid, &beat)
	if errors.Is(err, sql.ErrNoRows) {
		return Holder{}, false, nil
	}
	if err != nil {
		return Holder{}, false, db.teamErr(err)
	}
	h.Seen = time.UnixMilli(beat)
	return h, true, nil
}
