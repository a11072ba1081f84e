package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// TeamServer is one team server's part in routing: its name (host and listen address),
// its --overlap and the annotators its team file names.
type TeamServer struct {
	Name       string
	Overlap    int // annotators per document; 0 = all
	Annotators []string
}

// RouteFunc decides one document's annotators. live is every annotator a running server
// names (sorted); pinned are the document's annotators who started it (sorted), which it
// must keep. It returns all the document's annotators.
type RouteFunc func(doc string, live, pinned []string) []string

// TeamStaleAfter is how long a server may go without a heartbeat before its annotators
// take no new documents (what they started stays theirs).
const TeamStaleAfter = StaleAfter

// RouteTeam registers srv (replacing what it said before) and routes docs over the
// annotators of every running server, in one transaction under the routing lock, so
// servers on one database never route at once. A document keeps the annotators who
// started it; choose decides the rest. It refuses a server whose --overlap differs from
// a running server's. The result is the routing version after it.
func (db *DB) RouteTeam(srv TeamServer, docs []string, choose RouteFunc) (int64, error) {
	var version int64
	err := db.write(func(ctx context.Context, q querier) error {
		// The lock first: on PostgreSQL the row lock serialises routing servers; SQLite's
		// one writer already does.
		if _, err := q.ExecContext(ctx, "UPDATE routing SET version = version WHERE id = 1"); err != nil {
			return err
		}
		if err := db.registerTeam(ctx, q, srv); err != nil {
			return err
		}
		live, known, err := db.teamNames(ctx, q)
		if err != nil {
			return err
		}
		current, started, err := readAssignments(ctx, q)
		if err != nil {
			return err
		}
		changed := false
		for _, doc := range docs {
			have := current[doc]
			var pinned []string
			for _, a := range have {
				if started[doc+"\x00"+a] && known[a] {
					pinned = append(pinned, a)
				}
			}
			want := choose(doc, live, pinned)
			for _, a := range have {
				if !slices.Contains(want, a) {
					if _, err := q.ExecContext(ctx, "DELETE FROM assignments WHERE doc = ? AND annotator = ?", doc, a); err != nil {
						return err
					}
					changed = true
				}
			}
			for _, a := range want {
				if !slices.Contains(have, a) {
					if _, err := q.ExecContext(ctx, "INSERT INTO assignments (doc, annotator) VALUES (?, ?)", doc, a); err != nil {
						return err
					}
					changed = true
				}
			}
		}
		if changed {
			if _, err := q.ExecContext(ctx, "UPDATE routing SET version = version + 1 WHERE id = 1"); err != nil {
				return err
			}
		}
		return q.QueryRowContext(ctx, "SELECT version FROM routing WHERE id = 1").Scan(&version)
	})
	if err != nil {
		return 0, db.teamErr(err)
	}
	return version, nil
}

// registerTeam writes srv's registration, refusing an --overlap that differs from a
// running server's.
func (db *DB) registerTeam(ctx context.Context, q querier, srv TeamServer) error {
	now := db.now()
	var other string
	var overlap int
	var seen int64
	err := q.QueryRowContext(ctx, "SELECT server, overlap, seen FROM team_servers WHERE server <> ? AND seen >= ? AND overlap <> ? ORDER BY server LIMIT 1",
		srv.Name, now.Add(-TeamStaleAfter).UnixMilli(), srv.Overlap).Scan(&other, &overlap, &seen)
	switch {
	case err == nil:
		return fmt.Errorf("the server %s routes this database with --overlap %s (seen %s ago), this one with %s: give every server on one database the same --overlap",
			other, overlapName(overlap), now.Sub(time.UnixMilli(seen)).Round(time.Second), overlapName(srv.Overlap))
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO team_servers (server, overlap, seen) VALUES (?, ?, ?)
		ON CONFLICT (server) DO UPDATE SET overlap = excluded.overlap, seen = excluded.seen`, srv.Name, srv.Overlap, now.UnixMilli()); err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, "DELETE FROM team_members WHERE server = ?", srv.Name); err != nil {
		return err
	}
	names := slices.Clone(srv.Annotators)
	slices.Sort(names)
	for _, n := range slices.Compact(names) {
		if _, err := q.ExecContext(ctx, "INSERT INTO team_members (server, name) VALUES (?, ?)", srv.Name, n); err != nil {
			return err
		}
	}
	return nil
}

func overlapName(n int) string {
	if n == 0 {
		return "all"
	}
	return fmt.Sprint(n)
}

// teamNames reads the annotators of running servers (sorted) and of every registered
// server, running or not.
func (db *DB) teamNames(ctx context.Context, q querier) (live []string, known map[string]bool, err error) {
	rows, err := q.QueryContext(ctx, `SELECT m.name, s.seen FROM team_members m JOIN team_servers s ON s.server = m.server`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	fresh := db.now().Add(-TeamStaleAfter).UnixMilli()
	known = map[string]bool{}
	for rows.Next() {
		var name string
		var seen int64
		if err := rows.Scan(&name, &seen); err != nil {
			return nil, nil, err
		}
		known[name] = true
		if seen >= fresh {
			live = append(live, name)
		}
	}
	slices.Sort(live)
	return slices.Compact(live), known, rows.Err()
}

// readAssignments reads every document's annotators, and which of them started it
// (keyed document NUL annotator).
func readAssignments(ctx context.Context, q querier) (map[string][]string, map[string]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT x.doc, x.annotator, CASE WHEN EXISTS (SELECT 1 FROM doc_state ds
			JOIN documents d ON d.id = ds.doc JOIN annotators a ON a.id = ds.annotator
			WHERE d.doc_id = x.doc AND a.name = x.annotator) THEN 1 ELSE 0 END
		FROM assignments x ORDER BY x.doc, x.annotator`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	current, started := map[string][]string{}, map[string]bool{}
	for rows.Next() {
		var doc, name string
		var begun int
		if err := rows.Scan(&doc, &name, &begun); err != nil {
			return nil, nil, err
		}
		current[doc] = append(current[doc], name)
		if begun == 1 {
			started[doc+"\x00"+name] = true
		}
	}
	return current, started, rows.Err()
}

// TeamHeartbeat refreshes the server's registration, so its annotators keep taking
// documents.
func (db *DB) TeamHeartbeat(server string) error {
	return db.teamErr(db.write(func(ctx context.Context, q querier) error {
		_, err := q.ExecContext(ctx, "UPDATE team_servers SET seen = ? WHERE server = ?", db.now().UnixMilli(), server)
		return err
	}))
}

// TeamState is what a server checks between routings: the annotators running servers
// name (sorted; a change means routing again) and the routing version (a change means
// reading the assignments again).
func (db *DB) TeamState() (live []string, version int64, err error) {
	ctx := context.Background()
	if live, _, err = db.teamNames(ctx, db.rq); err != nil {
		return nil, 0, db.teamErr(err)
	}
	if err := db.rq.QueryRowContext(ctx, "SELECT version FROM routing WHERE id = 1").Scan(&version); err != nil {
		return nil, 0, db.teamErr(err)
	}
	return live, version, nil
}

// RoutingVersion counts the changes of assignments so far: one row read, to know
// whether Assignments would read anything new.
func (db *DB) RoutingVersion() (int64, error) {
	var v int64
	err := db.rq.QueryRowContext(context.Background(), "SELECT version FROM routing WHERE id = 1").Scan(&v)
	return v, db.teamErr(err)
}

// Assignments reads every document's annotators (document ID → sorted names), with the
// routing version they belong to.
func (db *DB) Assignments() (map[string][]string, int64, error) {
	var out map[string][]string
	var version int64
	// One read transaction: the version is the assignments'.
	err := db.read(func(ctx context.Context, q querier) error {
		var err error
		if err = q.QueryRowContext(ctx, "SELECT version FROM routing WHERE id = 1").Scan(&version); err != nil {
			return err
		}
		out, _, err = readAssignments(ctx, q)
		return err
	})
	return out, version, db.teamErr(err)
}

// AssignedTo lists the documents assigned to annotator now, sorted by ID.
func (db *DB) AssignedTo(annotator string) ([]string, error) {
	rows, err := db.rq.QueryContext(context.Background(), "SELECT doc FROM assignments WHERE annotator = ? ORDER BY doc", annotator)
	if err != nil {
		return nil, db.teamErr(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, db.teamErr(err)
		}
		out = append(out, d)
	}
	return out, db.teamErr(rows.Err())
}

// read runs fn in one read transaction (a consistent view) on a pooled connection.
func (db *DB) read(fn func(ctx context.Context, q querier) error) error {
	ctx := context.Background()
	opts := &sql.TxOptions{ReadOnly: true} // SQLite: one snapshot from the first read
	if db.pg {
		opts.Isolation = sql.LevelRepeatableRead // one snapshot for every statement
	}
	tx, err := db.sql.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if db.pg {
		return fn(ctx, pgQuerier{tx})
	}
	return fn(ctx, tx)
}

// teamErr names the database in an error of the team tables.
func (db *DB) teamErr(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("database %s: team routing: %w", db.path, err)
}
