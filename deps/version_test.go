package deps

import "testing"

// TestNormalizeVersion follows the "Normalization" section of PEP 440:
// each alternative spelling must print as the canonical form.
func TestNormalizeVersion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1.0", "1.0"},
		{"v1.0", "1.0"},
		{"V2.0.0", "2.0.0"},
		{"  1.0\t", "1.0"},
		{"1.0A1", "1.0a1"},
		{"1.0alpha1", "1.0a1"},
		{"1.0beta2", "1.0b2"},
		{"1.1.0c1", "1.1.0rc1"},
		{"1.0pre1", "1.0rc1"},
		{"1.0preview1", "1.0rc1"},
		{"1.0-a1", "1.0a1"},
		{"1.0_a.1", "1.0a1"},
		{"1.0.a-1", "1.0a1"},
		{"1.0a", "1.0a0"},
		{"1.0-post1", "1.0.post1"},
		{"1.0post1", "1.0.post1"},
		{"1.0_post_1", "1.0.post1"},
		{"1.0-r4", "1.0.post4"},
		{"1.0rev4", "1.0.post4"},
		{"1.0.post", "1.0.post0"},
		{"1.0-1", "1.0.post1"},
		{"1.0dev", "1.0.dev0"},
		{"1.0-dev2", "1.0.dev2"},
		{"1.0_dev_2", "1.0.dev2"},
		{"1.01.007", "1.1.7"},
		{"2!1.0", "2!1.0"},
		{"0!1.0", "1.0"},
		{"1.0+ubuntu-1", "1.0+ubuntu.1"},
		{"1.0+Ubuntu_1.A", "1.0+ubuntu.1.a"},
		{"1.0b2.post345.dev456", "1.0b2.post345.dev456"},
		{"1!2.0rc1.post3.dev4+abc.5", "1!2.0rc1.post3.dev4+abc.5"},
	}
	for _, tt := range tests {
		v, err := ParseVersion(tt.in)
		if err != nil {
			t.Errorf("ParseVersion(%q): %v", tt.in, err)
			continue
		}
		if got := v.String(); got != tt.want {
			t.Errorf("ParseVersion(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseVersionInvalid(t *testing.T) {
	for _, in := range []string{"", "abc", "1.", ".1", "1..0", "1.0+", "1.0+a..b", "1.0-", "1.0 beta", "1.0++a",
		"1.0.post1.post2", "1!", "99999999999999999999999.0", "1.0rc1a1", "*", "1.*"} {
		if v, err := ParseVersion(in); err == nil {
			t.Errorf("ParseVersion(%q) = %s, want an error", in, v)
		}
	}
}

// TestVersionOrder uses the ordering example of PEP 440's "Summary of
// permitted suffixes and relative ordering", extended with epochs and
// trailing zeros: each version sorts strictly after the one before it.
func TestVersionOrder(t *testing.T) {
	order := []string{
		"0.9", "0.9.1", "0.9.10",
		"1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
		"1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345",
		"1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5",
		"1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1",
		"2.0", "2013.10", "1!0.1", "1!1.0",
	}
	vs := make([]Version, len(order))
	for i, s := range order {
		vs[i] = MustParseVersion(s)
	}
	for i := range vs {
		for j := range vs {
			want := cmpInt(int64(i), int64(j))
			if got := vs[i].Compare(vs[j]); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", order[i], order[j], got, want)
			}
		}
	}
}

func TestVersionEqual(t *testing.T) {
	for _, pair := range [][2]string{{"1.0", "1.0.0"}, {"1.0", "1.0.0.0"}, {"1.0a1", "1.0.0alpha1"},
		{"0!1.0", "1.0"}, {"1.0-1", "1.0.post1"}, {"1.0+A.1", "1.0+a-1"}} {
		if !MustParseVersion(pair[0]).Equal(MustParseVersion(pair[1])) {
			t.Errorf("%s != %s, want equal", pair[0], pair[1])
		}
	}
}

// TestSpecifiers takes its cases from the "Version specifiers" section of
// PEP 440: the compatible release equivalences, the version matching
// examples around 1.1.post1, zero padding, exclusion, and the exclusive
// ordered comparison rules for pre-, post- and local releases.
func TestSpecifiers(t *testing.T) {
	tests := []struct {
		spec    string
		version string
		want    bool
	}{
		// ~= V.N is >= V.N, == V.*
		{"~=2.2", "2.2", true},
		{"~=2.2", "2.3", true},
		{"~=2.2", "2.9.1", true},
		{"~=2.2", "3.0", false},
		{"~=2.2", "2.1", false},
		{"~=1.4.5", "1.4.5", true},
		{"~=1.4.5", "1.4.9", true},
		{"~=1.4.5", "1.5.0", false},
		{"~=1.4.5", "1.4.4", false},
		{"~=2.2.post3", "2.2.post3", true},
		{"~=2.2.post3", "2.2", false},
		{"~=2.2.post3", "2.5", true},
		{"~=2.2.post3", "3.0", false},
		{"~=1.4.5a4", "1.4.5a4", true},
		{"~=1.4.5a4", "1.4.5", true},
		{"~=1.4.5a4", "1.4.5a3", false},
		{"~=1.4.5a4", "1.5", false},
		{"~=2.2.0", "2.2.7", true},
		{"~=2.2.0", "2.3.0", false},
		{"~=1.4.5.0", "1.4.5.3", true},
		{"~=1.4.5.0", "1.4.6", false},
		{"~= 3.1", "3.5", true},
		// Version matching with the PEP's example version 1.1.post1.
		{"== 1.1", "1.1.post1", false},
		{"== 1.1.post1", "1.1.post1", true},
		{"== 1.1.*", "1.1.post1", true},
		{"==1.1.*", "1.1a1", true},
		{"==1.1.*", "1.10", false},
		{"==1.1.*", "1.1", true},
		{"==1.*", "1.9.9", true},
		{"==1.*", "2.0", false},
		{"==3.1.*", "3.1.0", true},
		{"==2!1.*", "1.0", false},
		{"==2!1.*", "2!1.4", true},
		// Zero padding.
		{"==1.1", "1.1.0", true},
		{"==1.1.0", "1.1", true},
		{"==1.1", "1.1.0.1", false},
		// Local labels: ignored unless the clause has one.
		{"==1.1", "1.1+ubuntu.1", true},
		{"==1.1+ubuntu.1", "1.1+ubuntu.1", true},
		{"==1.1+ubuntu.1", "1.1", false},
		{"==1.1+ubuntu.1", "1.1+ubuntu.2", false},
		// Exclusion.
		{"!= 1.1", "1.1.post1", true},
		{"!= 1.1.post1", "1.1.post1", false},
		{"!= 1.1.*", "1.1.post1", false},
		{"!=1.3.4", "1.3.5", true},
		{"!=1.3.4", "1.3.4.0", false},
		// Inclusive ordered comparisons.
		{"<=2.0", "2.0", true},
		{"<=2.0", "2.0+local", true},
		{"<=2.0", "2.0.post1", false},
		{">=2.0", "2.0", true},
		{">=2.0", "2.0rc1", false},
		{">=2.0", "2!0.1", true},
		// Exclusive ordered comparisons.
		{">1.7", "1.7.1", true},
		{">1.7", "1.7", false},
		{">1.7", "1.7.0.post1", false},
		{">1.7", "1.7.0+local", false},
		{">1.7.post2", "1.7.1", true},
		{">1.7.post2", "1.7.0.post3", true},
		{">1.7.post2", "1.7.0", false},
		{"<3.1", "3.0.9", true},
		{"<3.1", "3.1", false},
		{"<3.1", "3.1a1", false},
		{"<3.1", "3.1.dev0", false},
		{"<3.1", "3.0a1", true},
		{"<3.1rc1", "3.1a1", true},
		{"<3.1rc1", "3.1rc1", false},
		// Sets.
		{">=2.0, <3", "2.5", true},
		{">=2.0, <3", "3.0", false},
		// The PEP's syntax example ~= 0.9, >= 1.0, ... admits nothing:
		// ~= 0.9 stays within 0.*.
		{"~= 0.9, >= 1.0, != 1.3.4.*, < 2.0", "1.3.5", false},
		{"~= 0.9, >= 1.0, != 1.3.4.*, < 2.0", "0.9.5", false},
		{"~= 0.9, != 0.9.4.*, < 2.0", "0.9.4.1", false},
		{"~= 0.9, != 0.9.4.*, < 2.0", "0.9.5", true},
		{"", "0.0.1", true},
		// Arbitrary equality: string comparison.
		{"===1.0", "1.0", true},
		{"===1.0", "1.0.0", false},
	}
	for _, tt := range tests {
		set, err := ParseSpecifierSet(tt.spec)
		if err != nil {
			t.Errorf("ParseSpecifierSet(%q): %v", tt.spec, err)
			continue
		}
		v := MustParseVersion(tt.version)
		if got := set.Allows(v); got != tt.want {
			t.Errorf("%q allows %s = %v, want %v", tt.spec, tt.version, got, tt.want)
		}
	}
}

func TestSpecifierErrors(t *testing.T) {
	for _, in := range []string{"1.0", ">=", "~=1", "<1.0.*", ">=1.0+local", "==1.0.dev1.*", "==1.0+a.*", "=>1.0",
		">=1.0,", "==abc", "=== a b"} {
		if set, err := ParseSpecifierSet(in); err == nil {
			t.Errorf("ParseSpecifierSet(%q) = %s, want an error", in, set)
		}
	}
}

func TestPinned(t *testing.T) {
	tests := []struct {
		spec string
		want string // "" when not pinned
	}{
		{"==2.3.2", "2.3.2"},
		{">=2, ==2.3.2", "2.3.2"},
		{"===2.3.2", "2.3.2"},
		{"==2.3.*", ""},
		{">=2.3.2", ""},
		{"~=2.3.2", ""},
		{"", ""},
	}
	for _, tt := range tests {
		set, err := ParseSpecifierSet(tt.spec)
		if err != nil {
			t.Fatal(err)
		}
		v, ok := set.Pinned()
		got := ""
		if ok {
			got = v.String()
		}
		if got != tt.want {
			t.Errorf("Pinned(%q) = %q, want %q", tt.spec, got, tt.want)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Flask", "flask"},
		{"Flask_WTF", "flask-wtf"},
		{"flask.wtf", "flask-wtf"},
		{"FLASK--wtf", "flask-wtf"},
		{"Jinja2", "jinja2"},
		{"zope.interface", "zope-interface"},
		{"a-_.-b", "a-b"},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.in); got != tt.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if !validName("Flask-WTF") || validName("-flask") || validName("flask-") || validName("fl ask") {
		t.Error("validName misjudges a name")
	}
}

// FuzzParseVersion checks that a parsed version prints in a form that
// parses back to an equal version and prints the same again.
func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"1.0", "1!2.0rc1.post3.dev4+abc.5", "v1.0-1", "1.0_a.1", "1.0+ubuntu-1", "0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseVersion(s)
		if err != nil {
			return
		}
		w, err := ParseVersion(v.String())
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", s, v, err)
		}
		if !v.Equal(w) || w.String() != v.String() {
			t.Fatalf("%q: %q reparsed as %q", s, v, w)
		}
	})
}
