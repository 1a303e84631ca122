package parser

//go:generate python3 gen_unicodenames.py unicodenames.z

import (
	"bufio"
	"bytes"
	"compress/zlib"
	_ "embed"
	"io"
	"strconv"
	"strings"
	"sync"
)

// unicodeNamesZ is the zlib-compressed table of Unicode character names
// (Unicode 14.0, as in Python 3.11), generated from python3's unicodedata
// by gen_unicodenames.py; the file documents the format.
//
//go:embed unicodenames.z
var unicodeNamesZ []byte

// unicodeNameTable maps the names of the \N{...} escape to code points.
type unicodeNameTable struct {
	names map[string]rune
	cjk   [][2]rune // ranges of CJK unified ideographs
}

// loadUnicodeNames decodes the embedded table once; the result is never
// modified afterwards.
var loadUnicodeNames = sync.OnceValue(func() *unicodeNameTable {
	t := &unicodeNameTable{names: make(map[string]rune, 35000)}
	zr, err := zlib.NewReader(bytes.NewReader(unicodeNamesZ))
	if err != nil {
		return t
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return t
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	var cp rune
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "C;") {
			parts := strings.Split(line, ";")
			a, _ := strconv.ParseUint(parts[1], 16, 32)
			b, _ := strconv.ParseUint(parts[2], 16, 32)
			t.cjk = append(t.cjk, [2]rune{rune(a), rune(b)})
			continue
		}
		d, name, ok := strings.Cut(line, ";")
		if !ok {
			continue
		}
		delta, _ := strconv.ParseUint(d, 16, 32)
		cp += rune(delta)
		t.names[name] = cp
	}
	return t
})

// Hangul syllable composition (Unicode chapter 3.12).
var (
	hangulL = []string{"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"}
	hangulV = []string{"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"}
	hangulT = []string{"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"}
)

// lookupUnicodeName returns the code point named name, as Python's \N{}
// escape finds it (names are matched without regard to case).
func lookupUnicodeName(name string) (rune, bool) {
	name = strings.ToUpper(name)
	t := loadUnicodeNames()
	if r, ok := t.names[name]; ok {
		return r, true
	}
	if hexs, ok := strings.CutPrefix(name, "CJK UNIFIED IDEOGRAPH-"); ok {
		if len(hexs) != 4 && len(hexs) != 5 {
			return 0, false
		}
		v, err := strconv.ParseUint(hexs, 16, 32)
		if err != nil {
			return 0, false
		}
		for _, rg := range t.cjk {
			if rune(v) >= rg[0] && rune(v) <= rg[1] {
				return rune(v), true
			}
		}
		return 0, false
	}
	if rest, ok := strings.CutPrefix(name, "HANGUL SYLLABLE "); ok {
		return hangulSyllable(rest)
	}
	return 0, false
}

// hangulSyllable decodes the short name of a Hangul syllable (e.g. "GAG").
func hangulSyllable(s string) (rune, bool) {
	for l := len(hangulL) - 1; l >= 0; l-- {
		if !strings.HasPrefix(s, hangulL[l]) {
			continue
		}
		rest := s[len(hangulL[l]):]
		for v := range hangulV {
			if !strings.HasPrefix(rest, hangulV[v]) {
				continue
			}
			tail := rest[len(hangulV[v]):]
			for tt := range hangulT {
				if hangulT[tt] == tail {
					return rune(0xAC00 + (l*21+v)*28 + tt), true
				}
			}
		}
	}
	return 0, false
}
