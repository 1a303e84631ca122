package token

import "testing"

func TestLookup(t *testing.T) {
	tests := []struct {
		ident string
		want  Token
	}{
		{"def", DEF},
		{"None", NONE},
		{"await", AWAIT},
		{"yield", YIELD},
		{"match", NAME}, // soft keyword
		{"type", NAME},
		{"_", NAME},
		{"define", NAME},
		{"Def", NAME},
		{"", NAME},
	}
	for _, tt := range tests {
		if got := Lookup(tt.ident); got != tt.want {
			t.Errorf("Lookup(%q) = %v, want %v", tt.ident, got, tt.want)
		}
	}
}

func TestClasses(t *testing.T) {
	for tok := ILLEGAL; tok < keywordEnd; tok++ {
		if tok == literalBeg || tok == literalEnd || tok == operatorBeg || tok == operatorEnd || tok == keywordBeg {
			continue
		}
		n := 0
		for _, b := range []bool{tok.IsLiteral(), tok.IsOperator(), tok.IsKeyword()} {
			if b {
				n++
			}
		}
		if n > 1 {
			t.Errorf("%v belongs to %d classes", tok, n)
		}
		if tok.String() == "" {
			t.Errorf("token %d has no name", tok)
		}
	}
	if !DOUBLESLASHEQUAL.IsOperator() || !WITH.IsKeyword() || !FSTRING_MIDDLE.IsLiteral() {
		t.Error("classification is wrong")
	}
}

func TestPos(t *testing.T) {
	a, b := Pos{Line: 1, Col: 4}, Pos{Line: 2, Col: 0}
	if !a.Before(b) || b.Before(a) || a.Before(a) {
		t.Error("Before is wrong")
	}
	if a.String() != "1:5" || (Pos{}).String() != "-" || (Pos{}).IsValid() {
		t.Error("String/IsValid wrong")
	}
}
