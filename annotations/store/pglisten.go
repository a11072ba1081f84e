package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgChannel is the LISTEN/NOTIFY channel of commits: every write
// transaction that logs an operation notifies it before its COMMIT, so the
// notification reaches the other servers only if, and once, it commits.
const pgChannel = "hashiya_commits"

// pgListen keeps one connection of its own (beside the pool) listening on
// pgChannel until stop is closed, and kicks the commit watcher on every
// notification: another server's commit reaches this one's subscribers at
// once rather than at the next poll. A broken connection (a restart) is
// made again with backoff, and the watcher kicked then, to read what it
// missed; the operation log's polling stays as the fallback.
func (db *DB) pgListen(cfg *pgx.ConnConfig, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-stop
		cancel()
	}()
	wait := 50 * time.Millisecond
	for ctx.Err() == nil {
		conn, err := pgx.ConnectConfig(ctx, cfg)
		if err == nil {
			if _, err = conn.Exec(ctx, "LISTEN "+pgChannel); err == nil {
				wait = 50 * time.Millisecond
				db.watch.kick() // whatever committed while this was not listening
				for err == nil {
					_, err = conn.WaitForNotification(ctx)
					if err == nil {
						db.watch.kick()
					}
				}
			}
			conn.Close(context.Background())
		}
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
		wait = min(wait*2, 2*time.Second)
	}
}
