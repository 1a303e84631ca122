package scanner

import "testing"

// TestXID checks identifier characters against CPython 3.11's
// str.isidentifier (start: c.isidentifier(); continue: ("a"+c).isidentifier()).
func TestXID(t *testing.T) {
	tests := []struct {
		r                rune
		start, continue_ bool
	}{
		{0x037A, false, false}, // GREEK YPOGEGRAMMENI: NFKC gives a space and a mark
		{0x0E33, false, true},  // THAI SARA AM
		{0xFF9E, false, true},  // HALFWIDTH KATAKANA VOICED SOUND MARK
		{0x2E2F, false, false}, // VERTICAL TILDE: Pattern_Syntax
		{0x00E9, true, true},
		{0xFC5E, false, false},
		{0xFE70, false, false},
		{0xFE71, true, true},
		{0x309B, false, false},
		{0x1D518, true, true}, // MATHEMATICAL FRAKTUR CAPITAL U
		{0x2118, true, true},  // SCRIPT CAPITAL P: Other_ID_Start
		{0x0300, false, true}, // COMBINING GRAVE ACCENT
		{0x00B7, false, true}, // MIDDLE DOT: Other_ID_Continue
	}
	for _, tt := range tests {
		if got := isIDStart(tt.r); got != tt.start {
			t.Errorf("isIDStart(%U) = %v, want %v", tt.r, got, tt.start)
		}
		if got := isIDContinue(tt.r); got != tt.continue_ {
			t.Errorf("isIDContinue(%U) = %v, want %v", tt.r, got, tt.continue_)
		}
	}
}
