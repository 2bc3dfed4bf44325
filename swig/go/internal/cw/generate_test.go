package cw

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The committed SWIG output is what ../../generate.sh makes from cw.i and
// the shared interface files now: a change to an interface, or a different
// SWIG, shows up here.  CANDLEWICK_REQUIRE_SWIG=1 (set by tools/test.sh)
// makes a missing swig a failure instead of a skip.
func TestGeneratedCodeIsCurrent(t *testing.T) {
	if _, err := exec.LookPath("swig"); err != nil {
		if os.Getenv("CANDLEWICK_REQUIRE_SWIG") != "" {
			t.Fatal("swig not found")
		}
		t.Skip("swig not found")
	}
	if _, err := os.Stat("../../../common/candlewick_core.i"); err != nil {
		t.Skip("not inside the candlewick repository")
	}
	out := t.TempDir()
	cmd := exec.Command("../../generate.sh", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generate.sh: %v\n%s", err, msg)
	}
	for _, name := range []string{"cw.go", "cw_wrap.c"} {
		fresh, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		committed, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fresh, committed) {
			t.Errorf("internal/cw/%s is not what swig/go/generate.sh makes now: run it and commit the result", name)
		}
	}
}
