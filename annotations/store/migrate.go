package store

import (
	"context"
	"embed"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered schema step, migrations/NNNN_name.sql: the one
// definition for both backends, translated for PostgreSQL (toPostgres), or
// NNNN_name.postgres.sql beside it where SQLite's SQL has no translation.
type migration struct {
	version  int
	name     string
	sql      string
	postgres string
}

var migrations = loadMigrations()

func loadMigrations() []migration {
	files, err := migrationFS.ReadDir("migrations")
	if err != nil {
		panic(err)
	}
	var out []migration
	own := map[string]string{} // NNNN_name.postgres.sql by the name of its migration
	for _, f := range files {
		b, err := migrationFS.ReadFile(path.Join("migrations", f.Name()))
		if err != nil {
			panic(err)
		}
		if base, ok := strings.CutSuffix(f.Name(), ".postgres.sql"); ok {
			own[base+".sql"] = string(b)
			continue
		}
		n, err := strconv.Atoi(strings.SplitN(f.Name(), "_", 2)[0])
		if err != nil {
			panic("migration without a number: " + f.Name())
		}
		out = append(out, migration{version: n, name: f.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := range out {
		m := &out[i]
		if m.version != i+1 {
			panic(fmt.Sprintf("migrations must be numbered 1, 2, ... without gaps: %s", m.name))
		}
		if pg, ok := own[m.name]; ok {
			m.postgres = pg
			delete(own, m.name)
			continue
		}
		pg, err := toPostgres(m.name, m.sql)
		if err != nil {
			panic(err)
		}
		m.postgres = pg
	}
	for name := range own {
		panic("a PostgreSQL migration without its SQLite one: " + postgresName(name))
	}
	return out
}

// schemaVersionSQL makes the table of applied migrations (both backends).
const schemaVersionSQL = `CREATE TABLE schema_version (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL)`

// SchemaVersion is the schema this code writes.
func SchemaVersion() int { return len(migrations) }

// checkHashiya refuses, without writing, a database that is neither empty
// nor hashiya's.
func checkHashiya(ctx context.Context, q querier) error {
	var tables, versioned int
	if err := q.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE name = 'schema_version')
		FROM sqlite_master WHERE type = 'table'`).Scan(&tables, &versioned); err != nil {
		return err
	}
	if tables > 0 && versioned == 0 {
		return fmt.Errorf("it is an SQLite database but not hashiya's (no schema_version table); nothing was changed")
	}
	return nil
}

// migrate brings the schema to version target in one transaction: all
// steps or none. A database without schema_version must be empty (not
// another program's), and one newer than this code is refused.
func migrate(ctx context.Context, q querier, target int) (err error) {
	if _, err := q.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			q.ExecContext(ctx, "ROLLBACK")
		}
	}()
	var tables, versioned int
	if err := q.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE name = 'schema_version')
		FROM sqlite_master WHERE type = 'table'`).Scan(&tables, &versioned); err != nil {
		return err
	}
	current := 0
	switch {
	case versioned == 1:
		if err := q.QueryRowContext(ctx, "SELECT COALESCE(max(version), 0) FROM schema_version").Scan(&current); err != nil {
			return err
		}
	case tables > 0:
		return fmt.Errorf("it is an SQLite database but not hashiya's (no schema_version table); nothing was changed")
	default:
		if _, err := q.ExecContext(ctx, schemaVersionSQL); err != nil {
			return err
		}
	}
	if current > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this hashiya knows (%d): use a newer hashiya", current, len(migrations))
	}
	for _, m := range migrations[current:target] {
		if _, err := q.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := q.ExecContext(ctx, "INSERT INTO schema_version (version, name, applied) VALUES (?, ?, unixepoch('subsec') * 1000)",
			m.version, m.name); err != nil {
			return err
		}
	}
	if current < target { // a migration ran: check what it moved (O(size), so only then)
		rows, err := q.QueryContext(ctx, "PRAGMA foreign_key_check")
		if err != nil {
			return err
		}
		bad := rows.Next()
		rows.Close()
		if bad {
			return fmt.Errorf("schema version %d: rows break foreign keys (PRAGMA foreign_key_check)", target)
		}
	}
	_, err = q.ExecContext(ctx, "COMMIT")
	return err
}
