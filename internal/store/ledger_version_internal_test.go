package store

import "testing"

// isLedgerWrite tells the statements that change what the figures read
// from the rest, whatever their case and shape.
func TestIsLedgerWrite(t *testing.T) {
	for _, c := range []struct {
		q    string
		want bool
	}{
		{"INSERT INTO invoices (entity_id) VALUES (?)", true},
		{"update invoices set open_amount = 0 where id = ?", true},
		{"WITH v AS (SELECT 1) UPDATE allocations SET amount = 1", true},
		{"DELETE FROM promises WHERE id = ?", true},
		{"INSERT INTO activities (note) VALUES (?)", false},
		{"UPDATE invoices_archive SET x = 1", false},
		{"SELECT id FROM invoices WHERE status = 'open' FOR UPDATE", false},
		{"SELECT id FROM invoices WHERE entity_id = ?", false},
	} {
		if got := isLedgerWrite(c.q); got != c.want {
			t.Errorf("isLedgerWrite(%q) = %v, want %v", c.q, got, c.want)
		}
	}
}
