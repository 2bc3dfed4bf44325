package candlewick

import "github.com/candlewick/candlewick/swig/go/internal/cw"

// Version is the version of the loaded library, "MAJOR.MINOR.PATCH".
func Version() string { return cw.Cw_version_string() }

// VersionNumber is the loaded library's MAJOR*1000000 + MINOR*1000 + PATCH.
func VersionNumber() int { return int(cw.Cw_version()) }

// The frame size limits, in pixels, inclusive.
const (
	MinDimension = 16
	MaxDimension = 16384
)
