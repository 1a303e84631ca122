package ast

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Dump returns the text that CPython 3.11 prints for
// ast.dump(tree, include_attributes=True) of the same tree: class names,
// fields in ASDL order, optional fields left out when they are None, lists
// always shown, constants as Python reprs, then the four position
// attributes of every positioned node.
//
// Nodes that CPython 3.11 does not have (TypeAlias and the type parameters
// TypeVar, ParamSpec, TypeVarTuple) are printed as CPython 3.13 prints
// them. The type_params field of FunctionDef, AsyncFunctionDef and ClassDef
// is printed only when it is not empty, so that the dump of any tree that
// Python 3.11 can parse is identical to 3.11's.
//
// node may be any node of this package (a pointer), a *Module, a slice of
// nodes, or a Value; nil prints as None.
func Dump(node any) string {
	var d dumper
	d.value(reflect.ValueOf(node))
	return d.b.String()
}

type dumper struct {
	b strings.Builder
}

var (
	rangeType    = reflect.TypeOf(Range{})
	valueType    = reflect.TypeOf((*Value)(nil)).Elem()
	commentsType = reflect.TypeOf([]*Comment(nil))
	ctxType      = reflect.TypeOf(ExprContext(0))
	boolOpType   = reflect.TypeOf(BoolOperator(0))
	opType       = reflect.TypeOf(Operator(0))
	unaryOpType  = reflect.TypeOf(UnaryOperator(0))
	cmpOpType    = reflect.TypeOf(CmpOp(0))
)

// pythonClassNames holds the CPython class names that differ from the Go
// type names.
var pythonClassNames = map[string]string{
	"ExprStmt":      "Expr",
	"Arguments":     "arguments",
	"Arg":           "arg",
	"Keyword":       "keyword",
	"Alias":         "alias",
	"WithItem":      "withitem",
	"MatchCase":     "match_case",
	"Comprehension": "comprehension",
	"TypeIgnore":    "TypeIgnore",
}

// pythonFieldNames holds the ASDL field names that are not the plain
// snake_case of the Go field names.
var pythonFieldNames = map[string]string{
	"PosOnlyArgs": "posonlyargs",
	"KwOnlyArgs":  "kwonlyargs",
	"ID":          "id",
}

// fieldName converts a Go field name to its ASDL name.
func fieldName(goName string) string {
	if n, ok := pythonFieldNames[goName]; ok {
		return n
	}
	var sb strings.Builder
	for i, r := range goName {
		if unicode.IsUpper(r) {
			if i > 0 {
				sb.WriteByte('_')
			}
			sb.WriteRune(unicode.ToLower(r))
		} else {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func (d *dumper) value(v reflect.Value) {
	if !v.IsValid() {
		d.b.WriteString("None")
		return
	}
	switch v.Type() {
	case ctxType, boolOpType, opType, unaryOpType, cmpOpType:
		d.b.WriteString(v.Interface().(interface{ String() string }).String())
		d.b.WriteString("()")
		return
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			d.b.WriteString("None")
			return
		}
		if val, ok := v.Interface().(Value); ok {
			d.b.WriteString(Repr(val))
			return
		}
		d.value(v.Elem())
	case reflect.Pointer:
		if v.IsNil() {
			d.b.WriteString("None")
			return
		}
		d.node(v.Elem())
	case reflect.Slice:
		d.b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				d.b.WriteString(", ")
			}
			d.value(v.Index(i))
		}
		d.b.WriteByte(']')
	case reflect.String:
		d.b.WriteString(strRepr(v.String()))
	case reflect.Int, reflect.Int32, reflect.Int64:
		d.b.WriteString(strconv.FormatInt(v.Int(), 10))
	default:
		if val, ok := v.Interface().(Value); ok {
			d.b.WriteString(Repr(val))
			return
		}
		d.b.WriteString("None")
	}
}

// node prints a struct node.
func (d *dumper) node(v reflect.Value) {
	t := v.Type()
	name := t.Name()
	if n, ok := pythonClassNames[name]; ok {
		name = n
	}
	d.b.WriteString(name)
	d.b.WriteByte('(')
	first := true
	sep := func() {
		if !first {
			d.b.WriteString(", ")
		}
		first = false
	}
	var rng *Range
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fv := v.Field(i)
		if f.Type == rangeType {
			r := fv.Interface().(Range)
			rng = &r
			continue
		}
		if f.Type == commentsType {
			continue
		}
		switch f.Type.Kind() {
		case reflect.Interface:
			if fv.IsNil() && f.Type != valueType {
				continue // an optional child that is None
			}
		case reflect.Pointer:
			if fv.IsNil() {
				continue
			}
		case reflect.String:
			if fv.Len() == 0 {
				continue // an optional identifier or string that is None
			}
		case reflect.Slice:
			if f.Name == "TypeParams" && fv.Len() == 0 {
				continue // see the doc comment of Dump
			}
		}
		sep()
		d.b.WriteString(fieldName(f.Name))
		d.b.WriteByte('=')
		d.value(fv)
	}
	if rng != nil {
		sep()
		d.b.WriteString("lineno=")
		d.b.WriteString(strconv.Itoa(int(rng.Start.Line)))
		d.b.WriteString(", col_offset=")
		d.b.WriteString(strconv.Itoa(int(rng.Start.Col)))
		d.b.WriteString(", end_lineno=")
		d.b.WriteString(strconv.Itoa(int(rng.Stop.Line)))
		d.b.WriteString(", end_col_offset=")
		d.b.WriteString(strconv.Itoa(int(rng.Stop.Col)))
	}
	d.b.WriteByte(')')
}

// Repr returns Python's repr of a constant value: None, True, 12,
// 1e+16, 2j, 'text', b'\x00', Ellipsis.
func Repr(v Value) string {
	switch v := v.(type) {
	case NoneValue, nil:
		return "None"
	case BoolValue:
		if v {
			return "True"
		}
		return "False"
	case EllipsisValue:
		return "Ellipsis"
	case IntValue:
		if v.Big != nil {
			return v.Big.String()
		}
		return strconv.FormatInt(v.Small, 10)
	case FloatValue:
		return floatRepr(float64(v), true)
	case ComplexValue:
		return floatRepr(v.Imag, false) + "j"
	case StrValue:
		return strRepr(string(v))
	case BytesValue:
		return bytesRepr(string(v))
	}
	return "None"
}

// floatRepr formats f as Python's repr(float) does: the shortest string
// that round-trips, in positional notation for exponents in [-4, 16) and
// in scientific notation ("1e+16", "1.5e-07") otherwise. With pointZero,
// integral values get a ".0" suffix as float reprs do (complex reprs
// leave it out).
func floatRepr(f float64, pointZero bool) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	neg := false
	if s[0] == '-' {
		neg = true
		s = s[1:]
	}
	mant, expStr, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expStr)
	digits := strings.Replace(mant, ".", "", 1)
	var out string
	if exp < -4 || exp >= 16 {
		out = digits[:1]
		if len(digits) > 1 {
			out += "." + digits[1:]
		}
		if exp < 0 {
			out += "e-" + twoDigits(-exp)
		} else {
			out += "e+" + twoDigits(exp)
		}
	} else if exp < 0 {
		out = "0." + strings.Repeat("0", -exp-1) + digits
	} else if len(digits) > exp+1 {
		out = digits[:exp+1] + "." + digits[exp+1:]
	} else {
		out = digits + strings.Repeat("0", exp+1-len(digits))
		if pointZero {
			out += ".0"
		}
	}
	if neg {
		out = "-" + out
	}
	return out
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// strRepr returns Python's repr of a str held in WTF-8 (see StrValue).
func strRepr(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var sb strings.Builder
	sb.Grow(len(s) + 2)
	sb.WriteByte(quote)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == quote || c == '\\':
				sb.WriteByte('\\')
				sb.WriteByte(c)
			case c == '\t':
				sb.WriteString(`\t`)
			case c == '\n':
				sb.WriteString(`\n`)
			case c == '\r':
				sb.WriteString(`\r`)
			case c < 0x20 || c == 0x7f:
				sb.WriteString(`\x`)
				sb.WriteByte(hexDigit(c >> 4))
				sb.WriteByte(hexDigit(c & 15))
			default:
				sb.WriteByte(c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			// A surrogate in WTF-8 (ED A0..BF xx) or a stray byte.
			if c == 0xED && i+2 < len(s) && s[i+1] >= 0xA0 && s[i+1] <= 0xBF && s[i+2] >= 0x80 && s[i+2] <= 0xBF {
				r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
				size = 3
			} else {
				r = rune(c)
			}
			sb.WriteString(escapeRune(r))
			i += size
			continue
		}
		if isPrintable(r) {
			sb.WriteString(s[i : i+size])
		} else {
			sb.WriteString(escapeRune(r))
		}
		i += size
	}
	sb.WriteByte(quote)
	return sb.String()
}

//go:generate python3 gen_printable.py printable_table.go

// isPrintable reports whether Python's str.isprintable holds for r (a
// non-ASCII code point), with the Unicode version of CPython 3.11.
func isPrintable(r rune) bool {
	lo, hi := 0, len(printableRanges)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case uint32(r) < printableRanges[m][0]:
			hi = m
		case uint32(r) > printableRanges[m][1]:
			lo = m + 1
		default:
			return true
		}
	}
	return false
}

func escapeRune(r rune) string {
	switch {
	case r < 0x100:
		return `\x` + hex(uint64(r), 2)
	case r < 0x10000:
		return `\u` + hex(uint64(r), 4)
	}
	return `\U` + hex(uint64(r), 8)
}

func hex(v uint64, width int) string {
	s := strconv.FormatUint(v, 16)
	return strings.Repeat("0", width-len(s)) + s
}

func hexDigit(b byte) byte {
	return "0123456789abcdef"[b&15]
}

// bytesRepr returns Python's repr of a bytes value.
func bytesRepr(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var sb strings.Builder
	sb.Grow(len(s) + 3)
	sb.WriteByte('b')
	sb.WriteByte(quote)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == quote || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c == '\t':
			sb.WriteString(`\t`)
		case c == '\n':
			sb.WriteString(`\n`)
		case c == '\r':
			sb.WriteString(`\r`)
		case c < 0x20 || c >= 0x7f:
			sb.WriteString(`\x`)
			sb.WriteByte(hexDigit(c >> 4))
			sb.WriteByte(hexDigit(c & 15))
		default:
			sb.WriteByte(c)
		}
	}
	sb.WriteByte(quote)
	return sb.String()
}
