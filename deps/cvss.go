package deps

import (
	"fmt"
	"math"
	"strings"
)

// CVSS3BaseScore computes the base score of a CVSS v3.0 or v3.1 vector
// ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H" is 7.5) with the
// formulas of the CVSS v3.1 specification. It is used for advisories
// that give a vector but no severity rating.
func CVSS3BaseScore(vector string) (float64, error) {
	parts := strings.Split(vector, "/")
	if len(parts) == 0 || !strings.HasPrefix(parts[0], "CVSS:3.") {
		return 0, fmt.Errorf("not a CVSS v3 vector: %q", vector)
	}
	m := map[string]string{}
	for _, p := range parts[1:] {
		k, v, ok := strings.Cut(p, ":")
		if !ok {
			return 0, fmt.Errorf("CVSS vector %q: bad metric %q", vector, p)
		}
		m[k] = v
	}
	weight := func(metric string, table map[string]float64) (float64, error) {
		w, ok := table[m[metric]]
		if !ok {
			return 0, fmt.Errorf("CVSS vector %q: missing or invalid %s", vector, metric)
		}
		return w, nil
	}
	changed := m["S"] == "C"
	if m["S"] != "C" && m["S"] != "U" {
		return 0, fmt.Errorf("CVSS vector %q: missing or invalid S", vector)
	}
	prTable := map[string]float64{"N": 0.85, "L": 0.62, "H": 0.27}
	if changed {
		prTable = map[string]float64{"N": 0.85, "L": 0.68, "H": 0.5}
	}
	cia := map[string]float64{"H": 0.56, "L": 0.22, "N": 0}
	var w [7]float64
	var err error
	for i, spec := range []struct {
		metric string
		table  map[string]float64
	}{
		{"AV", map[string]float64{"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2}},
		{"AC", map[string]float64{"L": 0.77, "H": 0.44}},
		{"PR", prTable},
		{"UI", map[string]float64{"N": 0.85, "R": 0.62}},
		{"C", cia}, {"I", cia}, {"A", cia},
	} {
		if w[i], err = weight(spec.metric, spec.table); err != nil {
			return 0, err
		}
	}
	iss := 1 - (1-w[4])*(1-w[5])*(1-w[6])
	var impact float64
	if changed {
		impact = 7.52*(iss-0.029) - 3.25*math.Pow(iss-0.02, 15)
	} else {
		impact = 6.42 * iss
	}
	if impact <= 0 {
		return 0, nil
	}
	exploitability := 8.22 * w[0] * w[1] * w[2] * w[3]
	if changed {
		return roundUp1(math.Min(1.08*(impact+exploitability), 10)), nil
	}
	return roundUp1(math.Min(impact+exploitability, 10)), nil
}

// roundUp1 is the specification's Roundup: the smallest number with one
// decimal that is at least x, computed on integers to avoid floating
// point artefacts.
func roundUp1(x float64) float64 {
	n := int64(math.Round(x * 100000))
	if n%10000 == 0 {
		return float64(n) / 100000
	}
	return float64(n/10000+1) / 10
}

// severityOfScore maps a CVSS score to the qualitative rating.
func severityOfScore(score float64) Severity {
	switch {
	case score >= 9:
		return SeverityCritical
	case score >= 7:
		return SeverityHigh
	case score >= 4:
		return SeverityModerate
	case score > 0:
		return SeverityLow
	}
	return SeverityUnknown
}
