package parser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/scanner"
	"github.com/flasksec/flasksec/python/token"
)

// validSources must parse without error. When python3 is on the machine,
// their dumps are also compared with CPython's (TestValidAgainstCPython).
var validSources = []string{
	"pass",
	"ﬁle = x.ﬁ(ﬁ=1)", // identifiers are NFKC-folded: file, fi, fi
	"match ﬁ:\n    case C(ﬃ=1): pass",
	"x = 1",
	"x = y = f(a, *b, c=1, **d)",
	"x: int",
	"(x): int = 1",
	"a.b: int",
	"a[0] += 1",
	"*a, b = c",
	"*a = b",
	"x = *a",
	"() = x",
	"[] = x",
	"del ()",
	"del a, (b), [c], d.e, f[0]",
	"a = yield",
	"x = (yield)",
	"x = yield from y",
	"import a, b.c as d",
	"from ..x import (y, z,)",
	"from . import *",
	"from ... import x",
	"global x; nonlocal y",
	"assert x, 'm'; raise E from e; raise",
	"if a: pass\nelif b: pass\nelse: pass",
	"while x: break\nelse: continue",
	"for x, in y: pass",
	"for (a, *b), c.d, e[0] in f: pass",
	"with (a, b): pass",
	"with (a, b) as c: pass",
	"with (a as b, c as (d, e),): pass",
	"with (yield): pass",
	"with (a for a in b): pass",
	"try:\n    pass\nexcept* E:\n    pass",
	"try:\n    pass\nexcept (A, B) as e:\n    pass\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass",
	"async def f():\n    async with a as b, c: await x\n    async for i in y: pass\n    return [i async for i in z]",
	"class A(B, metaclass=M, *c, **d): pass",
	"@a.b(c)\n@d[0] or e\nclass X: pass",
	"@app.route('/x', methods=['GET'])\ndef index():\n    return f'{request.args[\"q\"]!r:>10}'",
	"x = a if b else c; y = lambda a, /, b=1, *c, d, e=2, **f: 0",
	"def f(a, b=1, /, c=2, *, d, e=3, **k): pass",
	"def f(*args: *Ts): pass",
	"x = not not a; y = -+~1; z = a ** -b ** c",
	"x = 1 < 2 <= 3 is not 4 not in 5 in 6 is 7",
	"x = {**a}; y = {a for a in b if c if d}; z = {a: b for a, b in c}",
	"x = [*a, *b]; y = (*a, b); z = {*a, b}",
	"f(x for x in y)",
	"f(a, *b, c, d=1, *e, **f)",
	"f(a:=1); x[a:=1]; (a := 1)",
	"a[1:2:3, b]; a[:]; a[::]; a[*b]; a[1,]; a[b, *c]",
	"u'x' 'y'",
	"b'\\x00\\xff' rb'\\n'",
	"'\\N{EM DASH}\\u00e9\\U0001F600\\xff\\777\\d'",
	"'\\N{latin small letter a}\\N{CJK UNIFIED IDEOGRAPH-4E00}\\N{HANGUL SYLLABLE GAG}'",
	"'\\ud800' '\\udfff'",
	"'''a\\\nb'''",
	"x = 0xFF_FF, 0o17, 0b1, 1_000_000_000_000_000_000_000, 1e1_0, .5j, 1e400, 2.5e-7, 1e16, 123.0",
	"f'{a, b}'; f'{ a , b !r}'; f'{x=}'; f'{x = !s:>{w}}'; f'{{}}{x:}'",
	"f'{x:{y}d}' 'a' f'b{z}'",
	"f'''\n{\n a} {b\n }'''",
	"rf'\\{x}' fr'\\n{y}'",
	"match x:\n    case 1 | 2: pass\n    case {'a': 1, b.c: d, **r}: pass\n    case Point(1, x=0, y=_): pass\n    case [1, *rest]: pass\n    case -1+2j: pass\n    case a.b.c: pass\n    case (1, 2) as t: pass\n    case (): pass\n    case [*_]: pass\n    case None | True | False: pass\n    case 'a' 'b': pass\n    case _ if x: pass",
	"match a, *b:\n    case x, y: pass",
	"match(x)",
	"match = 1; case = 2; type = 3; _ = 4",
	"match.x = 1\nmatch[0] = 1\nmatch -x",
	"type(x)",
	"print(*a, sep='')",
	"x = [\n  1,\n  2,\n]  # trailing comment",
	"if x:\n    pass\n# comment\n\n    # indented comment\nelse:\n    pass",
	"def f(): ...; del x;",
	"lambda: (yield)",
	"x = ('a'\n 'b')",
	"x = (1,)",
	"x = 1,",
	"ä = 1; ｗｉｄｔｈ = 2",
}

// invalidSources must be rejected; » marks the position of the error and
// the part after "ERROR" is a regexp for the message.
var invalidSources = []struct {
	src, msg string
}{
	{"f(**x, »*y)", "iterable argument unpacking follows keyword argument unpacking"},
	{"del »f()", "cannot delete function call"},
	{"»x + 1 = 2", `cannot assign to expression here. Maybe you meant '==' instead of '='\?`},
	{"»f() = 1", `cannot assign to function call here`},
	{"»None = 1", `cannot assign to None`},
	{"f(»x for x in y, 1)", "Generator expression must be parenthesized"},
	{"f(a=1, »b)", "positional argument follows keyword argument"},
	{"f(**a, »b)", "positional argument follows keyword argument unpacking"},
	{"(»*a)", "cannot use starred expression here"},
	{"»print 'x'", `Missing parentheses in call to 'print'. Did you mean print\(...\)\?`},
	{"a = 1 »2", "invalid syntax"},
	{"f(»a b)", `invalid syntax. Perhaps you forgot a comma\?`},
	{"def f(*»): pass", "named arguments must follow bare"},
	{"def f(a=1, »b): pass", "non-default argument follows default argument"},
	{"lambda *»: 0", "named arguments must follow bare"},
	{"if x»\n    pass", "expected ':'"},
	{"if x:\n»pass", "expected an indented block after 'if' statement on line 1"},
	{"x = (1, 2", "never closed"},
	{"»'\\N{NO SUCH NAME}'", "unknown Unicode character name"},
	{"»b'é'", "bytes can only contain ASCII literal characters"},
	{"x = 'a' »b'b'", "cannot mix bytes and nonbytes literals"},
	{"for »f() in x: pass", "cannot assign to function call"},
	{"»(a, b): int", `only single target \(not tuple\) can be annotated`},
	{"»(a, b) += 1", "illegal expression for augmented assignment"},
	{"f(»a.b=1)", "expression cannot contain assignment"},
	{"from x import a, b»,", "trailing comma not allowed"},
	{"try:\n    pass\n»x = 1", "expected 'except' or 'finally' block"},
	{"match x:\n    case -1+»-2j: pass", "invalid syntax"},
	{"match x:\n    case »1j+2: pass", "real number required in complex literal"},
	{"a »b", "invalid syntax"},
	{"f(f'{»}')", "valid expression required"},
	{"(»yield) = 1", "cannot assign to yield expression"},
	{"a »:= 1", "invalid syntax"},
	{"»lambda: 1 = 1", "cannot assign to lambda"},
	{"class A:   \n", "expected an indented block"},
	{"@x\n»x = 1", "invalid syntax"},
}

func TestValid(t *testing.T) {
	for _, src := range validSources {
		mod, err := ParseFile("valid.py", []byte(src+"\n"))
		if err != nil {
			t.Errorf("%q: unexpected error: %v", src, err)
			continue
		}
		if len(mod.Body) == 0 {
			t.Errorf("%q: no statements", src)
		}
		checkInvariants(t, src, mod)
	}
}

func TestInvalid(t *testing.T) {
	for _, tc := range invalidSources {
		src := tc.src
		var want token.Pos
		if i := strings.Index(src, "»"); i >= 0 {
			line := int32(strings.Count(src[:i], "\n") + 1)
			col := int32(i - (strings.LastIndex(src[:i], "\n") + 1))
			want = token.Pos{Line: line, Col: col}
			src = src[:i] + src[i+len("»"):]
		}
		mod, err := ParseFile("bad.py", []byte(src+"\n"))
		if mod == nil {
			t.Fatalf("%q: nil module", src)
		}
		if err == nil {
			t.Errorf("%q: no error, want %q", src, tc.msg)
			continue
		}
		list, ok := err.(scanner.ErrorList)
		if !ok || len(list) == 0 {
			t.Errorf("%q: error is %T, want a non-empty scanner.ErrorList", src, err)
			continue
		}
		first := list[0]
		if !regexp.MustCompile(tc.msg).MatchString(first.Msg) {
			t.Errorf("%q: error %q does not match %q", src, first.Msg, tc.msg)
		}
		if want.IsValid() && first.Pos != want {
			t.Errorf("%q: error at %v, want %v (%s)", src, first.Pos, want, first.Msg)
		}
	}
}

// TestValidAgainstCPython compares the dumps of validSources (those that
// Python 3.11 accepts) with CPython's, in one python3 process.
func TestValidAgainstCPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	dir := t.TempDir()
	var files []string
	for i, src := range validSources {
		name := dir + "/" + string(rune('a'+i/26)) + string(rune('a'+i%26)) + ".py"
		if err := os.WriteFile(name, []byte(src+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	recs := runOracle(t, python, files, true)
	for i, rec := range recs {
		if !strings.HasPrefix(rec, "OK ") {
			continue // newer syntax than the python3 on the machine
		}
		mod, err := ParseFile("valid.py", []byte(validSources[i]+"\n"))
		if err != nil {
			t.Errorf("%q: %v", validSources[i], err)
			continue
		}
		if got := ast.Dump(mod); got != rec[3:] {
			t.Errorf("%q: dump differs from CPython\n%s", validSources[i], shortDiff(rec[3:], got))
		}
	}
}

// TestRecovery checks that statements after a broken one are kept.
func TestRecovery(t *testing.T) {
	src := "import os\nx = 1 +\ny = 2\ndef f() pass\n    pass\nclass C:\n    a = 1\n    b = = 2\n    c = 3\nz = 4\n"
	mod, err := ParseFile("r.py", []byte(src))
	if err == nil {
		t.Fatal("no error")
	}
	var names []string
	for _, s := range mod.Body {
		switch s := s.(type) {
		case *ast.Import:
			names = append(names, "import")
		case *ast.Assign:
			names = append(names, s.Targets[0].(*ast.Name).ID)
		case *ast.ClassDef:
			names = append(names, "class")
			for _, b := range s.Body {
				if a, ok := b.(*ast.Assign); ok {
					names = append(names, a.Targets[0].(*ast.Name).ID)
				}
			}
		}
	}
	got := strings.Join(names, " ")
	if got != "import y class a c z" {
		t.Errorf("recovered statements %q, want \"import y class a c z\"", got)
	}
}

// TestNewerSyntax checks 3.12/3.13 constructs against dumps written from
// the language reference, in the form CPython 3.13 prints the new nodes.
func TestNewerSyntax(t *testing.T) {
	tests := []struct{ src, want string }{
		{"type X[T] = list[T]",
			"Module(body=[TypeAlias(name=Name(id='X', ctx=Store(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), type_params=[TypeVar(name='T', lineno=1, col_offset=7, end_lineno=1, end_col_offset=8)], value=Subscript(value=Name(id='list', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=16), slice=Name(id='T', ctx=Load(), lineno=1, col_offset=17, end_lineno=1, end_col_offset=18), ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=19), lineno=1, col_offset=0, end_lineno=1, end_col_offset=19)], type_ignores=[])"},
		{"type A = int",
			"Module(body=[TypeAlias(name=Name(id='A', ctx=Store(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), value=Name(id='int', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=12), lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)], type_ignores=[])"},
		{"def f[T: int = str, *Ts = *tuple[int], **P = [int]](x: T) -> T: pass",
			"Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='x', annotation=Name(id='T', ctx=Load(), lineno=1, col_offset=55, end_lineno=1, end_col_offset=56), lineno=1, col_offset=52, end_lineno=1, end_col_offset=56)], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass(lineno=1, col_offset=64, end_lineno=1, end_col_offset=68)], decorator_list=[], returns=Name(id='T', ctx=Load(), lineno=1, col_offset=61, end_lineno=1, end_col_offset=62), type_params=[TypeVar(name='T', bound=Name(id='int', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=12), default_value=Name(id='str', ctx=Load(), lineno=1, col_offset=15, end_lineno=1, end_col_offset=18), lineno=1, col_offset=6, end_lineno=1, end_col_offset=18), TypeVarTuple(name='Ts', default_value=Starred(value=Subscript(value=Name(id='tuple', ctx=Load(), lineno=1, col_offset=27, end_lineno=1, end_col_offset=32), slice=Name(id='int', ctx=Load(), lineno=1, col_offset=33, end_lineno=1, end_col_offset=36), ctx=Load(), lineno=1, col_offset=27, end_lineno=1, end_col_offset=37), ctx=Load(), lineno=1, col_offset=26, end_lineno=1, end_col_offset=37), lineno=1, col_offset=20, end_lineno=1, end_col_offset=37), ParamSpec(name='P', default_value=List(elts=[Name(id='int', ctx=Load(), lineno=1, col_offset=46, end_lineno=1, end_col_offset=49)], ctx=Load(), lineno=1, col_offset=45, end_lineno=1, end_col_offset=50), lineno=1, col_offset=39, end_lineno=1, end_col_offset=50)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=68)], type_ignores=[])"},
		{"class C[T](Base): pass",
			"Module(body=[ClassDef(name='C', bases=[Name(id='Base', ctx=Load(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=15)], keywords=[], body=[Pass(lineno=1, col_offset=18, end_lineno=1, end_col_offset=22)], decorator_list=[], type_params=[TypeVar(name='T', lineno=1, col_offset=8, end_lineno=1, end_col_offset=9)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=22)], type_ignores=[])"},
		// PEP 701: the same quote inside a replacement field.
		{`x = f"{f"{x}"}"`,
			"Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=JoinedStr(values=[FormattedValue(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), conversion=-1, lineno=1, col_offset=7, end_lineno=1, end_col_offset=13)], lineno=1, col_offset=7, end_lineno=1, end_col_offset=13), conversion=-1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=15)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=15), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)], type_ignores=[])"},
		// PEP 701: quotes in a nested format spec.
		{`x = f"{x:{"<" if a else ">"}10}"`,
			"Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=IfExp(test=Name(id='a', ctx=Load(), lineno=1, col_offset=17, end_lineno=1, end_col_offset=18), body=Constant(value='<', lineno=1, col_offset=10, end_lineno=1, end_col_offset=13), orelse=Constant(value='>', lineno=1, col_offset=24, end_lineno=1, end_col_offset=27), lineno=1, col_offset=10, end_lineno=1, end_col_offset=27), conversion=-1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=32), Constant(value='10', lineno=1, col_offset=4, end_lineno=1, end_col_offset=32)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=32), lineno=1, col_offset=4, end_lineno=1, end_col_offset=32)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=32), lineno=1, col_offset=0, end_lineno=1, end_col_offset=32)], type_ignores=[])"},
		// PEP 701: a comment inside a multi-line replacement field.
		{"x = f\"{\na # comment\n}\"",
			"Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=JoinedStr(values=[FormattedValue(value=Name(id='a', ctx=Load(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=1), conversion=-1, lineno=1, col_offset=4, end_lineno=3, end_col_offset=2)], lineno=1, col_offset=4, end_lineno=3, end_col_offset=2), lineno=1, col_offset=0, end_lineno=3, end_col_offset=2)], type_ignores=[])"},
	}
	for _, tc := range tests {
		mod, err := ParseFile("new.py", []byte(tc.src+"\n"))
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		if got := ast.Dump(mod); got != tc.want {
			t.Errorf("%q:\n%s", tc.src, shortDiff(tc.want, got))
		}
		checkInvariants(t, tc.src, mod)
	}
}

// TestComments checks that every comment is kept with its position.
func TestComments(t *testing.T) {
	src := "# first\nx = 1  # second\ndef f():\n    # third\n    pass\n"
	mod, err := ParseFile("c.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		text string
		pos  token.Pos
	}{{"# first", token.Pos{Line: 1, Col: 0}}, {"# second", token.Pos{Line: 2, Col: 7}}, {"# third", token.Pos{Line: 4, Col: 4}}}
	if len(mod.Comments) != len(want) {
		t.Fatalf("got %d comments, want %d", len(mod.Comments), len(want))
	}
	for i, w := range want {
		if c := mod.Comments[i]; c.Text != w.text || c.Slash != w.pos {
			t.Errorf("comment %d = %q at %v, want %q at %v", i, c.Text, c.Slash, w.text, w.pos)
		}
	}
}

// TestParseExpr checks the expression entry point.
func TestParseExpr(t *testing.T) {
	x, err := ParseExpr("a + b * 2")
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := x.(*ast.BinOp); !ok || b.Op != ast.Add {
		t.Errorf("got %s", ast.Dump(x))
	}
	if _, err := ParseExpr("a +"); err == nil {
		t.Error("ParseExpr(\"a +\"): no error")
	}
	if _, err := ParseExpr("x = 1"); err == nil {
		t.Error("ParseExpr(\"x = 1\"): no error")
	}
}

// TestDeepNesting checks that hostile nesting gives an error or a tree,
// never a crash.
func TestDeepNesting(t *testing.T) {
	var ifs strings.Builder
	for i := 0; i < 10000; i++ {
		ifs.WriteString(strings.Repeat(" ", i))
		ifs.WriteString("if x:\n")
	}
	ifs.WriteString(strings.Repeat(" ", 10000) + "pass\n")
	tests := []struct {
		name    string
		src     string
		wantErr bool
	}{
		{"100000 parentheses", strings.Repeat("(", 100000) + "x" + strings.Repeat(")", 100000), true},
		{"100000 brackets", strings.Repeat("[", 100000), true},
		{"10000 nested ifs", ifs.String(), true},
		{"100000 unary minus", strings.Repeat("-", 100000) + "x", true},
		{"100000 not", strings.Repeat("not ", 100000) + "x", true},
		{"10000 lambdas", strings.Repeat("lambda: ", 10000) + "x", true},
		// Chains nest one node per link: CPython 3.11 fails a little
		// below 3,000 links (RecursionError); maxTreeDepth stops at 3,000.
		{"100000-term sum", "x = a" + strings.Repeat("+a", 99999), true},
		{"100000-term or", "x = a" + strings.Repeat(" or a", 99999), false},
		{"100000 attributes", "x = a" + strings.Repeat(".a", 99999), true},
		{"100000 calls", "x = a" + strings.Repeat("()", 99999), true},
		{"100000 subscripts", "x = a" + strings.Repeat("[0]", 99999), true},
		{"2900-term sum", "x = a" + strings.Repeat("+a", 2899), false},
		{"2900 attributes", "x = a" + strings.Repeat(".a", 2899), false},
		{"2900 calls", "x = a" + strings.Repeat("()", 2899), false},
		{"1400 method calls", "x = q" + strings.Repeat(".f(y)", 1400), false},
		{"3100-term sum", "x = a" + strings.Repeat("+a", 3099), true},
		{"3100 attributes", "x = a" + strings.Repeat(".a", 3099), true},
		{"1600 method calls", "x = q" + strings.Repeat(".f(y)", 1600), true},
		{"3100 terms in a def", "def f():\n    return a" + strings.Repeat("+a", 3099), true},
		{"200 parentheses", strings.Repeat("(", 199) + "x" + strings.Repeat(")", 199), false},
		// CPython 3.11 parses these at 2,000 and fails at 3,000.
		{"2000 unary minus", strings.Repeat("-", 2000) + "x", false},
		{"2000 not", strings.Repeat("not ", 2000) + "x", false},
		{"2000 lambdas", strings.Repeat("lambda: ", 2000) + "x", false},
		{"2000 conditionals", strings.Repeat("1 if 1 else ", 2000) + "x", false},
		{"2000 powers", strings.Repeat("a**", 2000) + "x", false},
		{"3000 unary minus", strings.Repeat("-", 3000) + "x", true},
	}
	for _, tc := range tests {
		mod, err := ParseFile("deep.py", []byte(tc.src+"\n"))
		if mod == nil {
			t.Fatalf("%s: nil module", tc.name)
		}
		if (err != nil) != tc.wantErr {
			t.Errorf("%s: error = %v, want error %v", tc.name, err, tc.wantErr)
		}
		if err == nil && len(mod.Body) != 1 {
			t.Errorf("%s: %d statements", tc.name, len(mod.Body))
		}
		if err != nil {
			if d := ast.DeeperThan(mod, maxTreeDepth+1); d != nil {
				t.Errorf("%s: error %v, yet a tree deeper than %d is returned", tc.name, err, maxTreeDepth)
			}
		}
	}
}

// TestTreeDepthDropsStatement checks that a statement deeper than
// maxTreeDepth is dropped with an error naming its line, and that the
// statements around it are kept.
func TestTreeDepthDropsStatement(t *testing.T) {
	src := "a = 1\nx = b" + strings.Repeat(".c", 5000) + "\nz = 2\n"
	mod, err := ParseFile("deep.py", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "nested too deeply") || !strings.Contains(err.Error(), "deep.py:2:") {
		t.Fatalf("error = %v, want a depth error on line 2", err)
	}
	if len(mod.Body) != 2 {
		t.Fatalf("%d statements kept, want 2 (a = 1, z = 2)", len(mod.Body))
	}
	if _, err := ParseExpr("b" + strings.Repeat(".c", 5000)); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Errorf("ParseExpr of a 5,000-link chain: error = %v", err)
	}
}

// checkInvariants checks every node of mod: ranges are ordered, and each
// positioned node lies within its nearest positioned ancestor (decorators,
// which CPython places before their def or class, excepted).
func checkInvariants(t *testing.T, name string, mod *ast.Module) {
	t.Helper()
	skip := map[ast.Node]bool{}
	ast.Inspect(mod, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FunctionDef:
			for _, d := range n.DecoratorList {
				skip[d] = true
			}
		case *ast.AsyncFunctionDef:
			for _, d := range n.DecoratorList {
				skip[d] = true
			}
		case *ast.ClassDef:
			for _, d := range n.DecoratorList {
				skip[d] = true
			}
		case *ast.FormattedValue:
			// CPython 3.11 gives a format spec the range of its own
			// f-string token but the fields inside it the range of
			// the whole concatenation.
			if js, ok := n.FormatSpec.(*ast.JoinedStr); ok {
				for _, v := range js.Values {
					skip[v] = true
				}
			}
		}
		return true
	})
	var stack []ast.Node
	ast.Inspect(mod, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		_, hasRange := n.(interface{ Pos() token.Pos })
		if hasRange && n.Pos().IsValid() {
			if n.End().Before(n.Pos()) {
				t.Errorf("%q: %T ends (%v) before it starts (%v)", name, n, n.End(), n.Pos())
			}
			if !skip[n] {
				for i := len(stack) - 1; i >= 0; i-- {
					parent := stack[i]
					if _, ok := parent.(*ast.Module); ok || !parent.Pos().IsValid() {
						continue
					}
					if n.Pos().Before(parent.Pos()) || parent.End().Before(n.End()) {
						t.Errorf("%q: %T [%v-%v] outside its parent %T [%v-%v]", name, n, n.Pos(), n.End(), parent, parent.Pos(), parent.End())
					}
					break
				}
			}
		}
		stack = append(stack, n)
		return true
	})
}

// FuzzParse checks that no input makes the parser panic or hang, and that
// every position lies inside the file.
func FuzzParse(f *testing.F) {
	for _, src := range validSources {
		f.Add([]byte(src + "\n"))
	}
	for _, tc := range invalidSources {
		f.Add([]byte(strings.ReplaceAll(tc.src, "»", "") + "\n"))
	}
	f.Add([]byte("\xef\xbb\xbfx = 1\r\ny = 2\r"))
	f.Add([]byte("# -*- coding: latin-1 -*-\nx = '\xe9'\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		mod, _ := ParseFile("fuzz.py", src)
		if mod == nil {
			t.Fatal("nil module")
		}
		lines := int32(bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 2)
		maxCol := int32(3*len(src) + 1)
		ast.Inspect(mod, func(n ast.Node) bool {
			if n == nil {
				return true
			}
			for _, p := range []token.Pos{n.Pos(), n.End()} {
				if p.IsValid() && (p.Line > lines || p.Col < 0 || p.Col > maxCol) {
					t.Fatalf("%T at %v outside the file", n, p)
				}
			}
			return true
		})
		for _, c := range mod.Comments {
			if c.Slash.Line > lines {
				t.Fatalf("comment at %v outside the file", c.Slash)
			}
		}
	})
}

// TestAcceptReject replays testdata/accept_reject.txt: snippets that
// CPython 3.11's ast.parse accepts (OK) or rejects (ERR), the decision
// recorded with python3; the parser must decide the same way.
func TestAcceptReject(t *testing.T) {
	data, err := os.ReadFile("testdata/accept_reject.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		want, quoted, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		var src string
		if err := json.Unmarshal([]byte(quoted), &src); err != nil {
			t.Fatalf("bad source %s: %v", quoted, err)
		}
		n++
		_, perr := ParseFile("snippet.py", []byte(src))
		if got := map[bool]string{true: "OK", false: "ERR"}[perr == nil]; got != want {
			t.Errorf("%q: got %s (%v), CPython says %s", src, got, perr, want)
		}
	}
	if n < 100 {
		t.Errorf("only %d snippets", n)
	}
}

// TestLargeInputs parses a 20 MB file and a 12 MB line.
func TestLargeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs skipped in -short mode")
	}
	var sb strings.Builder
	n := 0
	for sb.Len() < 20<<20 {
		fmt.Fprintf(&sb, "def f%d(a, b=1):\n    x = a + b * g(a, key='v%d')\n    return [i for i in x if i]\n\n", n, n)
		n++
	}
	mod, err := ParseFile("big.py", []byte(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(mod.Body) != n {
		t.Errorf("got %d statements, want %d", len(mod.Body), n)
	}
	sb.Reset()
	sb.WriteString("x = [0")
	for i := 1; sb.Len() < 12<<20; i++ {
		fmt.Fprintf(&sb, ", %d", i)
	}
	sb.WriteString("]\n")
	mod, err = ParseFile("line.py", []byte(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(mod.Body) != 1 {
		t.Errorf("got %d statements, want 1", len(mod.Body))
	}
}
