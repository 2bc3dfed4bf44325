package bind

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/candlewick/candlewick/swig/go/internal/cw"
)

// The control for the cgo rules the packages follow: the naive call
// (an array of pointers to unpinned Go slices) is caught by cgo's checks in
// this build, and the same call with the slices pinned passes.  So the
// checks are live in the test runs (default cgocheck, cgocheck2), and the
// pinning is what satisfies them.
func TestCgoChecksCatchUnpinnedPointers(t *testing.T) {
	var h uintptr
	if st := cw.Cw_indicator_context_create(nil, &h); st != 0 {
		t.Fatal(st)
	}
	ctx := cw.SwigcptrStruct_SS_cw_indicator_context(h)
	defer cw.Cw_indicator_context_destroy(ctx)
	inputs := cw.Cwswig_cw_f64_column_array_new(1)
	defer cw.Cwswig_free(inputs.Swigcptr())
	data := []float64{1, 2, 3, 4, 5, 6}
	var id int32
	cw.Cw_indicator_find("sma", &id)
	params := []float64{2}

	call := func(pinOutput bool) (panicked string) {
		defer func() {
			if r := recover(); r != nil {
				panicked = fmt.Sprint(r)
			}
		}()
		var pin runtime.Pinner
		defer pin.Unpin()
		F64(cw.Cwswig_cw_f64_column_array_at(inputs, 0), &pin, data)
		out := make([]float64, len(data))
		if pinOutput {
			pin.Pin(&out[0])
		}
		ptrs := []*float64{&out[0]}
		cw.Cw_indicator_compute(ctx, int(id), inputs, 1, &params[0], 1, &ptrs[0], 1, int64(len(out)))
		if out[5] != 5.5 {
			return fmt.Sprintf("sma wrong: %v", out)
		}
		return ""
	}
	if got := call(false); !strings.Contains(got, "unpinned Go pointer") {
		t.Errorf("unpinned output pointer: %q, want cgo's check to panic", got)
	}
	if got := call(true); got != "" {
		t.Errorf("pinned output pointer: %s", got)
	}
}
