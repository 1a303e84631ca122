package token

import "strconv"

// Token is the kind of a lexical token. Hard keywords and every operator
// have their own kind (as in go/token), so that the parser compares
// integers; soft keywords (match, case, type, _) are scanned as NAME and
// recognised by the parser from context.
type Token uint8

// The list of tokens.
const (
	ILLEGAL Token = iota // a character or sequence that is not valid Python
	EOF                  // end of input (CPython's ENDMARKER)
	COMMENT              // # ... (only when the scanner is asked to return comments)
	NL                   // a non-logical newline (blank line, inside brackets); only with comments mode

	literalBeg
	NAME          // identifier, including soft keywords
	NUMBER        // 123, 0x1f, 1_000, 3.14, 1e10, 2j
	STRING        // a complete string or bytes literal, prefix and quotes included
	FSTRING_START // f" or rf''' ... : the prefix and the opening quote
	FSTRING_MIDDLE
	FSTRING_END
	literalEnd

	NEWLINE // end of a logical line
	INDENT
	DEDENT

	operatorBeg
	LPAR      // (
	RPAR      // )
	LSQB      // [
	RSQB      // ]
	LBRACE    // {
	RBRACE    // }
	COLON     // :
	COMMA     // ,
	SEMI      // ;
	PLUS      // +
	MINUS     // -
	STAR      // *
	SLASH     // /
	VBAR      // |
	AMPER     // &
	LESS      // <
	GREATER   // >
	EQUAL     // =
	DOT       // .
	PERCENT   // %
	EQEQUAL   // ==
	NOTEQUAL  // !=
	LESSEQUAL // <=
	GREATEREQUAL
	TILDE            // ~
	CIRCUMFLEX       // ^
	LEFTSHIFT        // <<
	RIGHTSHIFT       // >>
	DOUBLESTAR       // **
	PLUSEQUAL        // +=
	MINEQUAL         // -=
	STAREQUAL        // *=
	SLASHEQUAL       // /=
	PERCENTEQUAL     // %=
	AMPEREQUAL       // &=
	VBAREQUAL        // |=
	CIRCUMFLEXEQUAL  // ^=
	LEFTSHIFTEQUAL   // <<=
	RIGHTSHIFTEQUAL  // >>=
	DOUBLESTAREQUAL  // **=
	DOUBLESLASH      // //
	DOUBLESLASHEQUAL // //=
	AT               // @
	ATEQUAL          // @=
	RARROW           // ->
	ELLIPSIS         // ...
	COLONEQUAL       // :=
	EXCLAMATION      // ! (only inside f-string replacement fields)
	operatorEnd

	keywordBeg
	FALSE // False
	NONE  // None
	TRUE  // True
	AND
	AS
	ASSERT
	ASYNC
	AWAIT
	BREAK
	CLASS
	CONTINUE
	DEF
	DEL
	ELIF
	ELSE
	EXCEPT
	FINALLY
	FOR
	FROM
	GLOBAL
	IF
	IMPORT
	IN
	IS
	LAMBDA
	NONLOCAL
	NOT
	OR
	PASS
	RAISE
	RETURN
	TRY
	WHILE
	WITH
	YIELD
	keywordEnd
)

var tokens = [...]string{
	ILLEGAL:        "ILLEGAL",
	EOF:            "EOF",
	COMMENT:        "COMMENT",
	NL:             "NL",
	NAME:           "NAME",
	NUMBER:         "NUMBER",
	STRING:         "STRING",
	FSTRING_START:  "FSTRING_START",
	FSTRING_MIDDLE: "FSTRING_MIDDLE",
	FSTRING_END:    "FSTRING_END",
	NEWLINE:        "NEWLINE",
	INDENT:         "INDENT",
	DEDENT:         "DEDENT",

	LPAR:             "(",
	RPAR:             ")",
	LSQB:             "[",
	RSQB:             "]",
	LBRACE:           "{",
	RBRACE:           "}",
	COLON:            ":",
	COMMA:            ",",
	SEMI:             ";",
	PLUS:             "+",
	MINUS:            "-",
	STAR:             "*",
	SLASH:            "/",
	VBAR:             "|",
	AMPER:            "&",
	LESS:             "<",
	GREATER:          ">",
	EQUAL:            "=",
	DOT:              ".",
	PERCENT:          "%",
	EQEQUAL:          "==",
	NOTEQUAL:         "!=",
	LESSEQUAL:        "<=",
	GREATEREQUAL:     ">=",
	TILDE:            "~",
	CIRCUMFLEX:       "^",
	LEFTSHIFT:        "<<",
	RIGHTSHIFT:       ">>",
	DOUBLESTAR:       "**",
	PLUSEQUAL:        "+=",
	MINEQUAL:         "-=",
	STAREQUAL:        "*=",
	SLASHEQUAL:       "/=",
	PERCENTEQUAL:     "%=",
	AMPEREQUAL:       "&=",
	VBAREQUAL:        "|=",
	CIRCUMFLEXEQUAL:  "^=",
	LEFTSHIFTEQUAL:   "<<=",
	RIGHTSHIFTEQUAL:  ">>=",
	DOUBLESTAREQUAL:  "**=",
	DOUBLESLASH:      "//",
	DOUBLESLASHEQUAL: "//=",
	AT:               "@",
	ATEQUAL:          "@=",
	RARROW:           "->",
	ELLIPSIS:         "...",
	COLONEQUAL:       ":=",
	EXCLAMATION:      "!",

	FALSE:    "False",
	NONE:     "None",
	TRUE:     "True",
	AND:      "and",
	AS:       "as",
	ASSERT:   "assert",
	ASYNC:    "async",
	AWAIT:    "await",
	BREAK:    "break",
	CLASS:    "class",
	CONTINUE: "continue",
	DEF:      "def",
	DEL:      "del",
	ELIF:     "elif",
	ELSE:     "else",
	EXCEPT:   "except",
	FINALLY:  "finally",
	FOR:      "for",
	FROM:     "from",
	GLOBAL:   "global",
	IF:       "if",
	IMPORT:   "import",
	IN:       "in",
	IS:       "is",
	LAMBDA:   "lambda",
	NONLOCAL: "nonlocal",
	NOT:      "not",
	OR:       "or",
	PASS:     "pass",
	RAISE:    "raise",
	RETURN:   "return",
	TRY:      "try",
	WHILE:    "while",
	WITH:     "with",
	YIELD:    "yield",
}

// String returns the token's spelling for operators and keywords, and its
// name for the other kinds.
func (tok Token) String() string {
	if int(tok) < len(tokens) && tokens[tok] != "" {
		return tokens[tok]
	}
	return "token(" + strconv.Itoa(int(tok)) + ")"
}

// IsLiteral reports whether tok is a name, number or string token.
func (tok Token) IsLiteral() bool { return literalBeg < tok && tok < literalEnd }

// IsOperator reports whether tok is an operator or delimiter.
func (tok Token) IsOperator() bool { return operatorBeg < tok && tok < operatorEnd }

// IsKeyword reports whether tok is a hard keyword.
func (tok Token) IsKeyword() bool { return keywordBeg < tok && tok < keywordEnd }

// Lookup maps an identifier to its hard keyword token, or NAME.
func Lookup(ident string) Token {
	if len(ident) < 2 || len(ident) > 8 {
		return NAME
	}
	if tok, ok := keywords[ident]; ok {
		return tok
	}
	return NAME
}

// IsSoftKeyword reports whether ident is one of Python's soft keywords,
// which are names except in particular grammar positions.
func IsSoftKeyword(ident string) bool {
	switch ident {
	case "match", "case", "type", "_":
		return true
	}
	return false
}

// keywords is read-only after package initialisation.
var keywords = func() map[string]Token {
	m := make(map[string]Token, keywordEnd-keywordBeg)
	for t := keywordBeg + 1; t < keywordEnd; t++ {
		m[tokens[t]] = t
	}
	return m
}()
