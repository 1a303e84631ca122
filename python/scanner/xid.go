package scanner

import "unicode"

// Go's unicode package has the tables behind ID_Start and ID_Continue but
// not the XID_ variants that Python's identifiers use (PEP 3131). XID_*
// is ID_* without the Pattern_Syntax characters and without the few
// characters whose NFKC form is not an identifier; those are listed here,
// from the Unicode Character Database's DerivedCoreProperties.

// notXIDStart reports the ID_Start characters that are not XID_Start.
func notXIDStart(r rune) bool {
	switch r {
	case 0x037A, 0x0E33, 0x0EB3, 0x309B, 0x309C, 0xFDFA, 0xFDFB, 0xFF9E, 0xFF9F:
		return true
	}
	return nfkcUnstable(r) || unicode.Is(unicode.Pattern_Syntax, r)
}

// notXIDContinue reports the ID_Continue characters that are not
// XID_Continue.
func notXIDContinue(r rune) bool {
	switch r {
	case 0x037A, 0x309B, 0x309C, 0xFDFA, 0xFDFB:
		return true
	}
	return nfkcUnstable(r) || unicode.Is(unicode.Pattern_Syntax, r)
}

// nfkcUnstable covers the Arabic presentation forms that NFKC turns into
// a sequence starting with a combining mark.
func nfkcUnstable(r rune) bool {
	return 0xFC5E <= r && r <= 0xFC63 || 0xFE70 <= r && r <= 0xFE7E && r%2 == 0
}
