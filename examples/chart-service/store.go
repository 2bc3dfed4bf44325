package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver (pure Go)
)

// Store is the OHLCV database: one table of daily (or any interval) bars,
// keyed by symbol and time, in SQLite.
type Store struct {
	db *sql.DB
}

const schema = `
CREATE TABLE IF NOT EXISTS bars (
  symbol TEXT NOT NULL,
  time   INTEGER NOT NULL,  -- Unix seconds, UTC
  open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL,
  volume REAL NOT NULL,
  PRIMARY KEY (symbol, time)
) WITHOUT ROWID;`

// OpenStore opens (creating if needed) the database at path.  readOnly
// opens it for queries only (the server).
func OpenStore(path string, readOnly bool) (*Store, error) {
	dsn := "file:" + path + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)"
	if readOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("database %s: %w (create it with the load subcommand)", path, err)
		}
		dsn = "file:" + path + "?mode=ro&_pragma=busy_timeout(5000)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	if !readOnly {
		if _, err := db.Exec(schema); err != nil {
			db.Close()
			return nil, fmt.Errorf("database %s: %w", path, err)
		}
	}
	return &Store{db: db}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// LoadCSV replaces the bars of symbol with the rows of a CSV file whose
// header names time,open,high,low,close[,volume] in any order (time as Unix
// seconds or YYYY-MM-DD).  Every row is checked as the renderer would
// (finite, high >= low, open and close inside); a bad row names its line.
// One transaction: a failed file leaves the database as it was.
func (s *Store) LoadCSV(ctx context.Context, symbol, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return 0, fmt.Errorf("%s: header: %w", path, err)
	}
	col := map[string]int{}
	for i, name := range header {
		col[strings.ToLower(strings.TrimSpace(name))] = i
	}
	for _, need := range []string{"time", "open", "high", "low", "close"} {
		if _, ok := col[need]; !ok {
			return 0, fmt.Errorf("%s: the header has no %q column", path, need)
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM bars WHERE symbol = ?", symbol); err != nil {
		return 0, err
	}
	insert, err := tx.PrepareContext(ctx, "INSERT INTO bars VALUES (?, ?, ?, ?, ?, ?, ?)")
	if err != nil {
		return 0, err
	}
	defer insert.Close()
	n := 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", path, err)
		}
		t, err := parseTime(rec[col["time"]])
		if err != nil {
			return 0, fmt.Errorf("%s:%d: time: %w", path, line, err)
		}
		var v [5]float64
		for k, name := range []string{"open", "high", "low", "close", "volume"} {
			i, ok := col[name]
			if !ok { // volume is optional
				continue
			}
			if v[k], err = strconv.ParseFloat(strings.TrimSpace(rec[i]), 64); err != nil {
				return 0, fmt.Errorf("%s:%d: %s: %w", path, line, name, err)
			}
		}
		if err := checkBar(v); err != nil {
			return 0, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if _, err := insert.ExecContext(ctx, symbol, t, v[0], v[1], v[2], v[3], v[4]); err != nil {
			return 0, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		n++
	}
	if n == 0 {
		return 0, fmt.Errorf("%s: no rows", path)
	}
	return n, tx.Commit()
}

func checkBar(v [5]float64) error {
	o, h, l, c, vol := v[0], v[1], v[2], v[3], v[4]
	for _, x := range v {
		if x != x || x > 1e300 || x < -1e300 {
			return errors.New("prices and volume must be finite")
		}
	}
	switch {
	case h < l:
		return fmt.Errorf("high %g below low %g", h, l)
	case o < l || o > h || c < l || c > h:
		return fmt.Errorf("open %g or close %g outside low..high %g..%g", o, c, l, h)
	case vol < 0:
		return fmt.Errorf("negative volume %g", vol)
	}
	return nil
}

// SymbolFromPath is a CSV file's symbol: its base name without extension,
// upper case ("data/acme.csv" -> "ACME").
func SymbolFromPath(path string) string {
	return strings.ToUpper(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
}

// ErrNoSymbol is returned by Bars for a symbol the database does not have.
var ErrNoSymbol = errors.New("no such symbol")

// Bars reads the last `limit` bars of symbol with from <= time < to, in
// time order.  ErrNoSymbol when the symbol has no bars at all; an empty
// series when it has none in the range.
func (s *Store) Bars(ctx context.Context, symbol string, from, to int64, limit int) (candlewick.Series, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT time, open, high, low, close, volume FROM
	  (SELECT * FROM bars WHERE symbol = ? AND time >= ? AND time < ? ORDER BY time DESC LIMIT ?)
	  ORDER BY time`, symbol, from, to, limit)
	if err != nil {
		return candlewick.Series{}, err
	}
	defer rows.Close()
	var out candlewick.Series
	for rows.Next() {
		var t int64
		var o, h, l, c, v float64
		if err := rows.Scan(&t, &o, &h, &l, &c, &v); err != nil {
			return candlewick.Series{}, err
		}
		out.Time = append(out.Time, t)
		out.Open = append(out.Open, o)
		out.High = append(out.High, h)
		out.Low = append(out.Low, l)
		out.Close = append(out.Close, c)
		out.Volume = append(out.Volume, v)
	}
	if err := rows.Err(); err != nil {
		return candlewick.Series{}, err
	}
	if len(out.Time) == 0 {
		var one int
		err := s.db.QueryRowContext(ctx, "SELECT 1 FROM bars WHERE symbol = ? LIMIT 1", symbol).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return out, ErrNoSymbol
		}
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// Symbols lists the symbols with their bar counts.
func (s *Store) Symbols(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT symbol, count(*) FROM bars GROUP BY symbol")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var sym string
		var n int
		if err := rows.Scan(&sym, &n); err != nil {
			return nil, err
		}
		out[sym] = n
	}
	return out, rows.Err()
}

// parseTime reads Unix seconds or a YYYY-MM-DD date (UTC midnight).
func parseTime(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if t, err := strconv.ParseInt(s, 10, 64); err == nil {
		return t, nil
	}
	d, err := parseDate(s)
	if err != nil {
		return 0, fmt.Errorf("%q is neither Unix seconds nor YYYY-MM-DD", s)
	}
	return d, nil
}
