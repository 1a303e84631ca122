package scan

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/flasksec/flasksec/rules"
)

// Fingerprint sets the Fingerprint of each finding: the SHA-256 (first
// 128 bits, hex) of the rule ID, the file's path, the enclosing function,
// the evidence with its white space collapsed, and an occurrence index
// that tells apart identical findings in the same function (the first is
// 0, the next 1, in source order). Line numbers are left out on purpose:
// adding or removing lines above or below a finding does not change it,
// while editing the finding's own code does. fs must be sorted (as
// rules.Run returns it), so that occurrence indexes follow source order.
func Fingerprint(fs []rules.Finding) {
	seen := map[string]int{}
	for i := range fs {
		f := &fs[i]
		key := f.RuleID + "\x00" + f.Location.Path + "\x00" + f.Location.Function + "\x00" + normalise(f.Evidence)
		n := seen[key]
		seen[key] = n + 1
		sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(n)))
		f.Fingerprint = hex.EncodeToString(sum[:16])
	}
}

// normalise collapses runs of white space to one space and trims the
// ends, so that re-indenting code keeps its fingerprints.
func normalise(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
