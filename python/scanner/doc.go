// Package scanner implements the Python 3 tokenizer used by the parser.
//
// It reads source as CPython does (see Decode: BOM, PEP 263 coding
// declarations, line endings translated to "\n") and returns the tokens of
// CPython's tokenizer, with CPython 3.11's error messages, and PEP 701
// f-strings split as the 3.12 tokenizer splits them.
//
// # Positions
//
// Every token has a start and an end token.Pos: a 1-based line and a
// 0-based column counted in UTF-8 bytes of the decoded line, which is
// CPython's lineno/col_offset (and end_lineno/end_col_offset).
//
// # The token stream
//
//   - Logical lines end with NEWLINE; blank lines, comment-only lines and
//     line ends inside brackets give no NEWLINE (they are NL tokens, returned
//     only with ScanComments, as are COMMENT tokens). A last line without a
//     line end still gets a NEWLINE, with an empty literal and a zero width.
//   - INDENT and DEDENT follow CPython's rules (tabs to multiples of 8, form
//     feeds reset the column, tab/space consistency checked). At the end of
//     input every open block gets its DEDENT, then EOF is returned forever.
//   - Hard keywords have their own token kinds; soft keywords (match, case,
//     type, _) are NAME. NAME literals are the source text; NormalizeName
//     gives the NFKC form CPython uses for the identifier.
//   - STRING is a whole string or bytes literal, prefix and quotes included,
//     escapes not processed.
//   - An f-string is FSTRING_START (prefix and opening quote), then literal
//     text as FSTRING_MIDDLE (raw source text: escapes, "{{" and "}}" are
//     left for the parser), and for each replacement field LBRACE, the
//     expression's tokens, an optional EQUAL (the "=" of f"{x=}"), an
//     optional EXCLAMATION and NAME (the conversion), an optional COLON
//     followed by the format spec (FSTRING_MIDDLE chunks and nested fields;
//     an empty spec gives no FSTRING_MIDDLE), and RBRACE; finally
//     FSTRING_END (the closing quote). Fields may nest quotes of the same
//     kind and span lines, as PEP 701 allows.
//
// # Errors
//
// Errors go to the ErrorList given to Init, at most one per line and at
// most a thousand per file; scanning never stops and never panics. Bad
// input is returned as ILLEGAL tokens, each of which comes with an error
// already recorded (on its line), so that the parser can recover without
// reporting it again. Nesting is bounded as in CPython (200 brackets, 100
// indentation levels, 150 nested f-strings), which keeps memory linear in
// the input.
package scanner
