package candlewick

import (
	"testing"

	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// The Status numbers are the header's (the constants are Go constants, so
// they are written out; this keeps them honest).
func TestStatusesAreTheHeaders(t *testing.T) {
	for s, c := range map[Status]int{
		StatusOK: cw.CW_OK, ErrNullArgument: cw.CW_ERR_NULL_ARGUMENT,
		ErrInvalidArgument: cw.CW_ERR_INVALID_ARGUMENT, ErrStructSize: cw.CW_ERR_STRUCT_SIZE,
		ErrSizeOutOfRange: cw.CW_ERR_SIZE_OUT_OF_RANGE, ErrEmptySeries: cw.CW_ERR_EMPTY_SERIES,
		ErrLengthMismatch: cw.CW_ERR_LENGTH_MISMATCH, ErrNonFinite: cw.CW_ERR_NON_FINITE,
		ErrInconsistentOHLC: cw.CW_ERR_INCONSISTENT_OHLC, ErrNegativeVolume: cw.CW_ERR_NEGATIVE_VOLUME,
		ErrBufferTooSmall: cw.CW_ERR_BUFFER_TOO_SMALL, ErrOutOfMemory: cw.CW_ERR_OUT_OF_MEMORY,
		ErrEncode: cw.CW_ERR_ENCODE, ErrInternal: cw.CW_ERR_INTERNAL,
		ErrSeriesTooShort: cw.CW_ERR_SERIES_TOO_SHORT,
	} {
		if int(s) != c {
			t.Errorf("%v is %d in Go, %d in the header", s, int(s), c)
		}
	}
	if MinDimension != int(cw.CW_MIN_DIMENSION) || MaxDimension != int(cw.CW_MAX_DIMENSION) {
		t.Error("dimension limits differ from the header's")
	}
	if MaxPanels != int(cw.CW_MAX_PANELS) {
		t.Error("MaxPanels differs from the header's")
	}
}

// Every enumeration maps each value to a distinct C constant.
func TestEnumTablesAreComplete(t *testing.T) {
	for name, table := range map[string][]enumValue{"themes": themes, "chartTypes": chartTypes,
		"pngPresets": pngPresets, "formats": formats} {
		seen := map[int]bool{}
		for i, v := range table {
			if v.name == "" || seen[v.c] {
				t.Errorf("%s[%d] = %+v: empty or repeated", name, i, v)
			}
			seen[v.c] = true
		}
	}
}
