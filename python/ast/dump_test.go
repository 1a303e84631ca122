package ast

import (
	"math"
	"math/big"
	"testing"

	"github.com/flasksec/flasksec/python/token"
)

func TestRepr(t *testing.T) {
	huge, _ := new(big.Int).SetString("1000000000000000000000", 10)
	tests := []struct {
		v    Value
		want string
	}{
		{NoneValue{}, "None"},
		{BoolValue(true), "True"},
		{BoolValue(false), "False"},
		{EllipsisValue{}, "Ellipsis"},
		{IntValue{Small: -12}, "-12"},
		{IntValue{Big: huge}, "1000000000000000000000"},
		{FloatValue(1.5), "1.5"},
		{FloatValue(123), "123.0"},
		{FloatValue(1e16), "1e+16"},
		{FloatValue(1e15), "1000000000000000.0"},
		{FloatValue(1e-5), "1e-05"},
		{FloatValue(0.0001), "0.0001"},
		{FloatValue(2.5e-7), "2.5e-07"},
		{FloatValue(1.7976931348623157e308), "1.7976931348623157e+308"},
		{FloatValue(math.Inf(1)), "inf"},
		{FloatValue(0.1), "0.1"},
		{ComplexValue{Imag: 2}, "2j"},
		{ComplexValue{Imag: 1.5}, "1.5j"},
		{ComplexValue{Imag: 1e16}, "1e+16j"},
		{ComplexValue{Imag: math.Inf(1)}, "infj"},
		{StrValue("it's"), `"it's"`},
		{StrValue(`a"b'c`), `'a"b\'c'`},
		{StrValue("tab\there\n\x00\x7f\\"), `'tab\there\n\x00\x7f\\'`},
		{StrValue("é€😀"), "'é€😀'"},
		{StrValue("\u00a0\u200b\u2028"), `'\xa0\u200b\u2028'`},
		{StrValue("\xed\xa0\x80"), `'\ud800'`},
		{StrValue("\U000e0001"), `'\U000e0001'`},
		{BytesValue("a'\x00\xff\"\\"), `b'a\'\x00\xff"\\'`},
		{BytesValue("it's"), `b"it's"`},
	}
	for _, tc := range tests {
		if got := Repr(tc.v); got != tc.want {
			t.Errorf("Repr(%#v) = %s, want %s", tc.v, got, tc.want)
		}
	}
}

func TestDump(t *testing.T) {
	r := func(l1, c1, l2, c2 int32) Range {
		return Range{Start: token.Pos{Line: l1, Col: c1}, Stop: token.Pos{Line: l2, Col: c2}}
	}
	mod := &Module{Body: []Stmt{
		&ImportFrom{Range: r(1, 0, 1, 15), Names: []*Alias{{Range: r(1, 14, 1, 15), Name: "x"}}, Level: 1},
		&FunctionDef{Range: r(2, 0, 2, 13), Name: "f", Args: &Arguments{KwDefaults: []Expr{nil}},
			Body: []Stmt{&Pass{Range: r(2, 9, 2, 13)}}},
		&ExprStmt{Range: r(3, 0, 3, 4), Value: &Constant{Range: r(3, 0, 3, 4), Value: StrValue("a"), Kind: "u"}},
	}}
	want := "Module(body=[ImportFrom(names=[alias(name='x', lineno=1, col_offset=14, end_lineno=1, end_col_offset=15)], level=1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=15), " +
		"FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[None], defaults=[]), body=[Pass(lineno=2, col_offset=9, end_lineno=2, end_col_offset=13)], decorator_list=[], lineno=2, col_offset=0, end_lineno=2, end_col_offset=13), " +
		"Expr(value=Constant(value='a', kind='u', lineno=3, col_offset=0, end_lineno=3, end_col_offset=4), lineno=3, col_offset=0, end_lineno=3, end_col_offset=4)], type_ignores=[])"
	if got := Dump(mod); got != want {
		t.Errorf("Dump:\n got %s\nwant %s", got, want)
	}
	if got := Dump(nil); got != "None" {
		t.Errorf("Dump(nil) = %s", got)
	}
}
