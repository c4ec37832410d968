package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// The months of one entity, dimension, value and currency are stored packed
// in one column (kpi_snapshots.months, migration 0011): one row per series
// instead of one per month end cuts the rows to write about twentyfold.
//
// Format 1, integers as encoding/binary varints (signed: zigzag):
//
//	byte     format (1)
//	uvarint  n, the number of months (at least 1)
//	n times:
//	  the day: the first as a signed varint of days since 1970-01-01, each
//	           next as a uvarint of days after the previous (at least 1:
//	           the months come in order, each once)
//	  varint   sales
//	  byte     which of the NumSnapshotLines lines follow (bit k: line k,
//	           the buckets, then credits, then disputed); a line left out
//	           is zero
//	  per line present: varint amount, varint count
//
// A change of the format gets a new format byte; decoding rejects one it
// does not know, so a reader never takes new bytes for old figures.
const packFormat1 = 1

// A line mask is one byte.
var _ [8 - NumSnapshotLines]struct{}

// errBadPack is wrapped by every error of decoding a malformed series.
var errBadPack = errors.New("malformed packed snapshots")

// Day numbers are kept within the dates ledger.Date writes (years 1-9999).
var (
	minPackDay = dayNumber(ledger.NewDate(1, time.January, 1))
	maxPackDay = dayNumber(ledger.NewDate(9999, time.December, 31))
)

func dayNumber(d ledger.Date) int64 { return d.Time().Unix() / 86400 }

func dayDate(n int64) ledger.Date { return ledger.DateOf(time.Unix(n*86400, 0).UTC()) }

// appendPacked appends the packed form of snaps to dst: snaps are one
// series (the same entity, dimension, value and currency), their month ends
// strictly increasing.
func appendPacked(dst []byte, snaps []Snapshot) ([]byte, error) {
	if len(snaps) == 0 {
		return dst, errors.New("pack snapshots: no months")
	}
	dst = append(dst, packFormat1)
	dst = binary.AppendUvarint(dst, uint64(len(snaps)))
	var prev int64
	for k := range snaps {
		sn := &snaps[k]
		day := dayNumber(sn.Aging.AsOf)
		if day < minPackDay || day > maxPackDay {
			return dst, fmt.Errorf("pack snapshots: month end %s out of range", sn.Aging.AsOf)
		}
		if k == 0 {
			dst = binary.AppendVarint(dst, day)
		} else {
			if day <= prev {
				return dst, ledger.Errorf(ledger.ErrConflict, "snapshots of %s %q in %s: month end %s given twice or out of order",
					sn.Dimension, sn.Value, sn.Aging.Currency, sn.Aging.AsOf)
			}
			dst = binary.AppendUvarint(dst, uint64(day-prev))
		}
		prev = day
		dst = binary.AppendVarint(dst, sn.Sales)
		lines := packLines(&sn.Aging)
		var mask byte
		for i, l := range lines {
			if l.Amount != 0 || l.Count != 0 {
				mask |= 1 << i
			}
		}
		dst = append(dst, mask)
		for i, l := range lines {
			if mask&(1<<i) != 0 {
				dst = binary.AppendVarint(dst, l.Amount)
				dst = binary.AppendVarint(dst, int64(l.Count))
			}
		}
	}
	return dst, nil
}

// unpack appends to out the months of the packed series b whose month ends
// are within [from, to] (zero: unbounded), each a copy of series with its
// month's figures. A malformed b is an error wrapping errBadPack.
func unpack(out []Snapshot, b []byte, series Snapshot, from, to ledger.Date) ([]Snapshot, error) {
	d := packReader{b: b}
	format, err := d.byte()
	if err != nil {
		return out, err
	}
	if format != packFormat1 {
		return out, fmt.Errorf("%w: format %d unknown", errBadPack, format)
	}
	n, err := d.uvarint()
	if err != nil {
		return out, err
	}
	// Every month takes at least three bytes (day, sales, mask).
	if n == 0 || n > uint64(len(b)-d.off)/3 {
		return out, fmt.Errorf("%w: %d months in %d bytes", errBadPack, n, len(b))
	}
	var day int64
	for k := uint64(0); k < n; k++ {
		if k == 0 {
			if day, err = d.varint(); err != nil {
				return out, err
			}
		} else {
			step, err := d.uvarint()
			if err != nil {
				return out, err
			}
			if step == 0 || step > uint64(maxPackDay-day) {
				return out, fmt.Errorf("%w: month %d is %d days after the previous", errBadPack, k, step)
			}
			day += int64(step)
		}
		if day < minPackDay || day > maxPackDay {
			return out, fmt.Errorf("%w: day %d out of range", errBadPack, day)
		}
		sn := series
		sn.Aging = kpi.Aging{Currency: series.Aging.Currency, AsOf: dayDate(day)}
		if sn.Sales, err = d.varint(); err != nil {
			return out, err
		}
		mask, err := d.byte()
		if err != nil {
			return out, err
		}
		if int(mask)>>NumSnapshotLines != 0 {
			return out, fmt.Errorf("%w: line mask %#x", errBadPack, mask)
		}
		var lines [NumSnapshotLines]kpi.Line
		for i := range lines {
			if mask&(1<<i) == 0 {
				continue
			}
			if lines[i].Amount, err = d.varint(); err != nil {
				return out, err
			}
			c, err := d.varint()
			if err != nil {
				return out, err
			}
			if int64(int(c)) != c {
				return out, fmt.Errorf("%w: count %d", errBadPack, c)
			}
			lines[i].Count = int(c)
		}
		setPackLines(&sn.Aging, &lines)
		if (from.IsZero() || !sn.Aging.AsOf.Before(from)) && (to.IsZero() || !sn.Aging.AsOf.After(to)) {
			out = append(out, sn)
		}
	}
	if d.off != len(b) {
		return out, fmt.Errorf("%w: %d bytes after the last month", errBadPack, len(b)-d.off)
	}
	return out, nil
}

// packLines returns the lines of a in their packed order: the buckets, the
// credits, the disputed part.
func packLines(a *kpi.Aging) [NumSnapshotLines]kpi.Line {
	var out [NumSnapshotLines]kpi.Line
	copy(out[:], a.Buckets[:])
	out[kpi.NumBuckets], out[kpi.NumBuckets+1] = a.Credits, a.Disputed
	return out
}

// setPackLines sets the lines of a from their packed order.
func setPackLines(a *kpi.Aging, lines *[NumSnapshotLines]kpi.Line) {
	copy(a.Buckets[:], lines[:kpi.NumBuckets])
	a.Credits, a.Disputed = lines[kpi.NumBuckets], lines[kpi.NumBuckets+1]
}

// packReader reads a packed series; each error says where it stopped.
type packReader struct {
	b   []byte
	off int
}

func (r *packReader) byte() (byte, error) {
	if r.off >= len(r.b) {
		return 0, fmt.Errorf("%w: ends at byte %d", errBadPack, r.off)
	}
	r.off++
	return r.b[r.off-1], nil
}

func (r *packReader) uvarint() (uint64, error) {
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		return 0, fmt.Errorf("%w: bad varint at byte %d", errBadPack, r.off)
	}
	r.off += n
	return v, nil
}

func (r *packReader) varint() (int64, error) {
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		return 0, fmt.Errorf("%w: bad varint at byte %d", errBadPack, r.off)
	}
	r.off += n
	return v, nil
}
