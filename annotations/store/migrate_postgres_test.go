package store

import (
	"context"
	"database/sql"
	"reflect"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/internal/pgtest"
)

// buildPostgresVersion makes a PostgreSQL database at schema version v (0 =
// empty) as that version's code would have left it: buildVersion's rows,
// keys given by the database.
func buildPostgresVersion(t *testing.T, url string, v int) {
	t.Helper()
	if v == 0 {
		return
	}
	raw, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	ctx := context.Background()
	if err := migratePostgres(ctx, raw, v); err != nil {
		t.Fatalf("building version %d: %v", v, err)
	}
	c0, c1 := at(t, docA.Text, "روسيا نشرت")
	claim := `{"id":"c1","span":{"id":"c1","start":` + itoa(c0) + `,"end":` + itoa(c1) +
		`,"token_start":3,"token_end":4,"label":"CLAIM","text":"روسيا نشرت"},"claimant":{},"attribution":"asserted",` +
		`"checkworthy":false,"numeric":null,"cluster":"b-2#c1","links":[{"to":"b-2#c1","relation":"same-claim"}]}`
	q := pgQuerier{raw}
	for _, s := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO annotators (name) VALUES ('alice')`, nil},
		{`INSERT INTO sessions (annotator, name, host, pid, started) SELECT id, 'alice-old', 'h', 1, 0 FROM annotators`, nil},
		{`INSERT INTO documents (doc_id, text, text_sha256) VALUES ('a-1', ?, ?)`, []any{docA.Text, sha(docA.Text)}},
		{`INSERT INTO doc_state (annotator, doc, session, updated, next_span, next_claim)
			SELECT a.id, d.id, s.id, 1000, 1, 2 FROM annotators a, documents d, sessions s`, nil},
		{`INSERT INTO claims (annotator, doc, claim_id, start, "end", cluster, body)
			SELECT annotator, doc, 'c1', ?, ?, 'b-2#c1', ? FROM doc_state`, []any{c0, c1, claim}},
	} {
		if _, err := q.ExecContext(ctx, s.sql, s.args...); err != nil {
			t.Fatalf("version %d: %s: %v", v, s.sql, err)
		}
	}
	if v >= 2 { // from version 2 on, the code writes links as rows too
		if _, err := q.ExecContext(ctx, `INSERT INTO links (annotator, from_doc, from_claim, to_doc, to_claim, relation)
			SELECT annotator, doc, 'c1', 'b-2', 'c1', 'same-claim' FROM claims`); err != nil {
			t.Fatal(err)
		}
	}
}

// postgresSchemaOf lists a PostgreSQL database's tables, columns, indexes
// and constraints, to compare a migrated with a fresh one.
func postgresSchemaOf(t *testing.T, db *DB) []string {
	t.Helper()
	rows, err := db.sql.Query(`
		SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' ||
			COALESCE(column_default, '') || ' ' || is_identity
		FROM information_schema.columns WHERE table_schema = current_schema()
		UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
		UNION ALL SELECT 'constraint ' || conrelid::regclass::text || ' ' || pg_get_constraintdef(oid)
		FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func TestMigrationsFromEveryVersionPostgres(t *testing.T) {
	fresh := openDB(t, pgtest.URL(t))
	want := postgresSchemaOf(t, fresh)
	if len(want) < 40 {
		t.Fatalf("the fresh schema is too small to compare: %v", want)
	}
	for v := 0; v < SchemaVersion(); v++ {
		url := pgtest.URL(t)
		buildPostgresVersion(t, url, v)
		db := openDB(t, url)
		var got int
		if err := db.row("SELECT max(version) FROM schema_version").Scan(&got); err != nil || got != SchemaVersion() {
			t.Fatalf("from version %d: schema_version %d (%v), want %d", v, got, err, SchemaVersion())
		}
		if s := postgresSchemaOf(t, db); !reflect.DeepEqual(s, want) {
			t.Fatalf("from version %d the schema differs from a fresh one:\n%s\nwant\n%s", v, strings.Join(s, "\n"), strings.Join(want, "\n"))
		}
		var names []string
		rows, err := db.sql.Query("SELECT name FROM schema_version ORDER BY version")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var n string
			rows.Scan(&n)
			names = append(names, n)
		}
		rows.Close()
		for i, m := range migrations {
			if i >= len(names) || names[i] != m.name {
				t.Fatalf("from version %d: schema_version names %v, want the migrations' own (%s, ...)", v, names, migrations[0].name)
			}
		}
		if v == 0 {
			continue
		}
		checkMigrated(t, db, v)
	}
}

// A database that is not hashiya's, and one newer than this code, are
// refused with nothing changed.
func TestPostgresForeignOrNewerSchemaRefused(t *testing.T) {
	foreign := pgtest.URL(t)
	if err := pgtest.Exec(foreign, "CREATE TABLE notes (x text)"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(foreign); err == nil || !strings.Contains(err.Error(), "not hashiya's") {
		t.Fatalf("another program's database: %v", err)
	}
	newer := pgtest.URL(t)
	db := openDB(t, newer)
	if _, err := db.exec("INSERT INTO schema_version VALUES (99, '0099_future.sql', 0)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(newer); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("a newer schema: %v", err)
	}
}
