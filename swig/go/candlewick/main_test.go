package candlewick_test

import (
	"os"
	"testing"

	"github.com/candlewick/candlewick/swig/go/internal/testkit"
)

// The C reference outputs the tests compare with are removed after a
// passing run (testkit.Main).
func TestMain(m *testing.M) { os.Exit(testkit.Main(m)) }
