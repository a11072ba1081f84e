package pgtest

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { Main(m) }

func query(t *testing.T, url, q string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Each test gets an empty database of its own.
func TestURLIsFreshDatabase(t *testing.T) {
	a, b := URL(t), URL(t)
	if a == b {
		t.Fatalf("two calls gave one database: %s", a)
	}
	if err := Exec(a, "CREATE TABLE x (n int)"); err != nil {
		t.Fatal(err)
	}
	if n := query(t, b, "SELECT count(*) FROM pg_tables WHERE tablename = 'x'"); n != 0 {
		t.Fatalf("second database sees the first's table")
	}
}

// A restart cuts connections but keeps what was committed.
func TestPrivateRestartKeepsCommitted(t *testing.T) {
	c := Private(t)
	u := c.URL(t)
	if err := Exec(u, "CREATE TABLE x (n int); INSERT INTO x VALUES (1), (2)"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if err := c.Restart(); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "SELECT 1"); err == nil {
		t.Fatal("a connection from before the restart still works")
	}
	if n := query(t, u, "SELECT count(*) FROM x"); n != 2 {
		t.Fatalf("after restart: %d rows, want 2", n)
	}
}
