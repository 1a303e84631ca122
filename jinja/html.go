package jinja

import (
	"strings"
)

// ContextKind says where in an HTML document an output expression lands.
type ContextKind uint8

// The HTML contexts.
const (
	CtxText    ContextKind = iota + 1 // element content
	CtxRCDATA                         // inside <textarea> or <title>: text, no tags
	CtxComment                        // inside <!-- -->
	CtxTag                            // inside a tag but outside attribute values: tag or attribute name position
	CtxAttr                           // an attribute value (Quote says how it is quoted)
	CtxScript                         // inside a <script> element
	CtxStyle                          // inside a <style> element
	CtxOther                          // a doctype, processing instruction or end tag
)

var contextNames = [...]string{CtxText: "element text", CtxRCDATA: "RCDATA text", CtxComment: "HTML comment",
	CtxTag: "tag (attribute-name position)", CtxAttr: "attribute value", CtxScript: "<script> block",
	CtxStyle: "<style> block", CtxOther: "markup declaration"}

// String names the context kind.
func (k ContextKind) String() string {
	if int(k) < len(contextNames) && contextNames[k] != "" {
		return contextNames[k]
	}
	return "unknown context"
}

// ScriptKind classifies a <script> element by its type attribute.
type ScriptKind uint8

// The script kinds.
const (
	ScriptJS       ScriptKind = iota + 1 // no type, a JavaScript type, "module", or a type set by an expression
	ScriptJSON                           // application/json, application/ld+json, importmap, speculationrules
	ScriptTemplate                       // any other type: data for client-side templates, not executed
)

// Context is where an output expression lands.
type Context struct {
	Kind ContextKind
	// Tag is the lower-case element name: of the tag for CtxTag and
	// CtxAttr, of the raw-text element for CtxScript, CtxStyle and
	// CtxRCDATA; "" otherwise.
	Tag string
	// Attr is the lower-case attribute name for CtxAttr.
	Attr string
	// Quote is the attribute value's quote ('"' or '\'') for CtxAttr, 0
	// when the value is unquoted.
	Quote byte
	// ValueStart is true for CtxAttr when nothing but whitespace precedes
	// the expression in the value (a URL's scheme is chosen there).
	ValueStart bool
	// Script is the kind of <script> for CtxScript.
	Script ScriptKind
	// JSURL is set for CtxAttr when the attribute's value so far is a
	// javascript: URL: the expression lands in JavaScript.
	JSURL bool
}

// String describes the context for messages: `the "href" attribute
// (double-quoted) of <a>`, `a <script> block`, ...
func (c Context) String() string {
	switch c.Kind {
	case CtxAttr:
		q := "unquoted"
		switch c.Quote {
		case '"':
			q = "double-quoted"
		case '\'':
			q = "single-quoted"
		}
		s := "the " + q + " \"" + c.Attr + "\" attribute"
		if c.Tag != "" {
			s += " of <" + c.Tag + ">"
		}
		if c.JSURL {
			s += " (a javascript: URL)"
		}
		return s
	case CtxTag:
		if c.Tag != "" {
			return "the attribute list of <" + c.Tag + "> (outside any attribute value)"
		}
		return "a tag (outside any attribute value)"
	case CtxScript:
		switch c.Script {
		case ScriptJSON:
			return "a JSON <script> block"
		case ScriptTemplate:
			return "a non-JavaScript <script> block"
		}
		return "a <script> block"
	case CtxStyle:
		return "a <style> block"
	case CtxRCDATA:
		return "<" + c.Tag + "> text"
	case CtxComment:
		return "an HTML comment"
	case CtxOther:
		return "a markup declaration"
	}
	return "element text"
}

// EventHandler reports whether the context is an on* attribute value
// or a javascript: URL: JavaScript in an attribute.
func (c Context) EventHandler() bool {
	return c.Kind == CtxAttr && (isEventAttr(c.Attr) || c.JSURL)
}

// StyleAttr reports whether the context is a style attribute value.
func (c Context) StyleAttr() bool { return c.Kind == CtxAttr && c.Attr == "style" }

// URLAttr reports whether the context is a URL-valued attribute.
func (c Context) URLAttr() bool { return c.Kind == CtxAttr && urlAttrs[c.Attr] }

// ActiveURL reports whether the context is a URL attribute whose value
// can run script or load active content when an attacker picks the whole
// URL: a javascript: link or form target, a frame's or embed's source, a
// script's source, an object's data.
func (c Context) ActiveURL() bool {
	if c.Kind != CtxAttr {
		return false
	}
	switch c.Attr {
	case "href":
		return c.Tag != "link" // <link href> loads styles/icons; javascript: does not run there
	case "action", "formaction", "xlink:href":
		return true
	case "src":
		switch c.Tag {
		case "iframe", "frame", "embed", "script":
			return true
		}
	case "data":
		return c.Tag == "object"
	}
	return false
}

var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "data": true,
	"poster": true, "cite": true, "background": true, "ping": true, "manifest": true, "codebase": true,
	"longdesc": true, "srcset": true,
}

func isEventAttr(name string) bool {
	return len(name) > 2 && strings.HasPrefix(name, "on")
}

// OutputContext is one output expression and its HTML context.
type OutputContext struct {
	Output  *Output
	Context Context
}

// ScriptElem is an inline <script> element (one without src).
type ScriptElem struct {
	Pos  Pos // the '<' of the start tag
	Kind ScriptKind
	// Nonce is set when the element has a nonce attribute (a CSP nonce
	// lets it run under a strict policy).
	Nonce bool
}

// AttrRef is an attribute occurrence.
type AttrRef struct {
	Pos  Pos    // the first byte of the attribute name
	Tag  string // lower-case element name
	Name string // lower-case attribute name
}

// HTMLInfo is what the HTML context analysis learned about a template.
type HTMLInfo struct {
	Outputs []OutputContext // every {{ }} in source order with its context
	Scripts []ScriptElem    // inline <script> elements
	// Handlers are the on* event-handler attributes.
	Handlers []AttrRef
	// JSURLs are attributes whose literal value starts with "javascript:".
	JSURLs []AttrRef
	// Tags is the number of HTML start tags seen: zero means the template
	// does not produce HTML markup of its own.
	Tags int
	// Includes are the {% include %} statements with their context.
	Includes []IncludeContext
	// Blocks are the {% block %} statements with the context they start in.
	Blocks []BlockContext
}

// AnalyzeHTML follows the template's text through an HTML tokenizer in
// source order (both branches of an if, loop bodies once) and records
// the context of every output expression, the inline scripts,
// event-handler attributes and javascript: URLs. It is a small tokenizer
// after the HTML standard's states, enough for contexts, not a full
// HTML parser.
func AnalyzeHTML(t *Template) *HTMLInfo {
	return analyzeHTML(t, &htmlAnalyzer{info: &HTMLInfo{}, state: sText})
}

// AnalyzeHTMLIn is AnalyzeHTML for a template whose text starts inside
// the raw-text element rawTag ("script" of the given kind, or "style"):
// a partial included as {% include %} between <script> and </script>.
func AnalyzeHTMLIn(t *Template, rawTag string, kind ScriptKind) *HTMLInfo {
	return analyzeHTML(t, &htmlAnalyzer{info: &HTMLInfo{}, state: sRawText, rawTag: rawTag, rawKind: kind})
}

func analyzeHTML(t *Template, a *htmlAnalyzer) *HTMLInfo {
	Inspect(t, func(n Node) bool {
		switch n := n.(type) {
		case *TextStmt:
			a.text(n.Value, n.Start)
		case *Output:
			a.output(n)
			return false
		case *Include:
			a.info.Includes = append(a.info.Includes, IncludeContext{Include: n, Context: a.context()})
		case *Block:
			a.info.Blocks = append(a.info.Blocks, BlockContext{Block: n, Context: a.context()})
		}
		return true
	})
	return a.info
}

// BlockContext is a {% block %} and the HTML context it starts in.
type BlockContext struct {
	Block   *Block
	Context Context
}

// IncludeContext is an {% include %} and the HTML context it sits in.
type IncludeContext struct {
	Include *Include
	Context Context
}

type htmlState uint8

const (
	sText htmlState = iota
	sTagOpen
	sTagName
	sEndTagName
	sBeforeAttrName
	sAttrName
	sAfterAttrName
	sBeforeAttrValue
	sAttrValueDQ
	sAttrValueSQ
	sAttrValueUQ
	sSelfClosing
	sMarkupDecl // after "<!" or "<?", until '>' (doctype, bogus comment)
	sComment
	sRawText
)

type htmlAnalyzer struct {
	info  *HTMLInfo
	state htmlState
	// cursor is the position of byte cursorAt of the text chunk being
	// analysed: positions are computed forward from it, so a chunk with
	// many tags costs linear time, not quadratic.
	cursor   Pos
	cursorAt int

	tagName  []byte
	tagStart Pos
	endTag   bool
	// attributes of the current start tag
	attrName     []byte
	attrPos      Pos
	attrOpen     bool
	attrValue    []byte
	attrDynamic  bool // an expression is part of the value
	valueStarted bool // the value has non-space content
	scriptType   string
	scriptTypeX  bool // the type attribute holds an expression
	hasSrc       bool
	hasNonce     bool

	rawTag  string // script, style, textarea, title while in sRawText
	rawKind ScriptKind
	mdBuf   []byte // the start of a markup declaration, to spot "<!--"
}

func lower(b []byte) string { return strings.ToLower(string(b)) }

// posAt returns the position of byte i of the text chunk being analysed
// (which starts at start), moving the cursor forward.
func (a *htmlAnalyzer) posAt(start Pos, text string, i int) Pos {
	if i < a.cursorAt {
		a.cursor, a.cursorAt = start, 0
	}
	rest := posIn(a.cursor, text[a.cursorAt:], i-a.cursorAt)
	a.cursor, a.cursorAt = rest, i
	return rest
}

// posIn returns the position of byte i of a text chunk starting at start.
func posIn(start Pos, text string, i int) Pos {
	p := start
	for j := 0; j < i && j < len(text); j++ {
		p.Offset++
		if text[j] == '\n' || (text[j] == '\r' && (j+1 == len(text) || text[j+1] != '\n')) {
			p.Line++
			p.Col = 0
		} else {
			p.Col++
		}
	}
	return p
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func isASCIIAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func (a *htmlAnalyzer) context() Context {
	switch a.state {
	case sText:
		return Context{Kind: CtxText}
	case sRawText:
		switch a.rawTag {
		case "script":
			return Context{Kind: CtxScript, Tag: "script", Script: a.rawKind}
		case "style":
			return Context{Kind: CtxStyle, Tag: "style"}
		}
		return Context{Kind: CtxRCDATA, Tag: a.rawTag}
	case sComment:
		return Context{Kind: CtxComment}
	case sMarkupDecl, sEndTagName:
		return Context{Kind: CtxOther}
	case sBeforeAttrValue:
		return Context{Kind: CtxAttr, Tag: lower(a.tagName), Attr: lower(a.attrName), ValueStart: true}
	case sAttrValueDQ, sAttrValueSQ, sAttrValueUQ:
		q := byte(0)
		if a.state == sAttrValueDQ {
			q = '"'
		} else if a.state == sAttrValueSQ {
			q = '\''
		}
		return Context{Kind: CtxAttr, Tag: lower(a.tagName), Attr: lower(a.attrName), Quote: q,
			ValueStart: !a.valueStarted && !a.attrDynamic, JSURL: isJSURL(a.attrValue)}
	}
	return Context{Kind: CtxTag, Tag: lower(a.tagName)}
}

func (a *htmlAnalyzer) output(o *Output) {
	a.info.Outputs = append(a.info.Outputs, OutputContext{Output: o, Context: a.context()})
	switch a.state {
	case sBeforeAttrValue:
		a.state = sAttrValueUQ
		a.attrDynamic = true
	case sAttrValueDQ, sAttrValueSQ, sAttrValueUQ:
		a.attrDynamic = true
	case sTagOpen:
		// <{{ tag }} ...>: a tag whose name is computed.
		a.beginTag(false)
		a.state = sTagName
	case sAfterAttrName:
		// <div x {{ y }}>: a new attribute-like thing.
		a.finishAttr()
		a.state = sBeforeAttrName
	}
}

func (a *htmlAnalyzer) startAttr(pos Pos) {
	a.finishAttr()
	a.attrOpen = true
	a.attrName = a.attrName[:0]
	a.attrPos = pos
	a.attrValue = a.attrValue[:0]
	a.attrDynamic = false
	a.valueStarted = false
}

// finishAttr records the attribute just completed.
func (a *htmlAnalyzer) finishAttr() {
	if !a.attrOpen {
		return
	}
	a.attrOpen = false
	name := lower(a.attrName)
	tag := lower(a.tagName)
	ref := AttrRef{Pos: a.attrPos, Tag: tag, Name: name}
	if isEventAttr(name) {
		a.info.Handlers = append(a.info.Handlers, ref)
	}
	if urlAttrs[name] && isJSURL(a.attrValue) {
		a.info.JSURLs = append(a.info.JSURLs, ref)
	}
	switch name {
	case "type":
		a.scriptType = strings.TrimSpace(lower(a.attrValue))
		a.scriptTypeX = a.attrDynamic
	case "src":
		a.hasSrc = true
	case "nonce":
		a.hasNonce = true
	}
}

// isJSURL reports whether an attribute's literal value is a javascript:
// URL (ignoring case, leading space and embedded tabs/newlines, as
// browsers do).
func isJSURL(v []byte) bool {
	var b []byte
	for _, c := range v {
		if c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if len(b) == 0 && c <= ' ' {
			continue
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
		if len(b) == len("javascript:") {
			break
		}
	}
	return string(b) == "javascript:"
}

// endStartTag completes a start or end tag at '>'.
func (a *htmlAnalyzer) endStartTag() {
	a.finishAttr()
	a.state = sText
	if a.endTag {
		return
	}
	a.info.Tags++
	switch name := lower(a.tagName); name {
	case "script":
		a.rawTag, a.state = name, sRawText
		a.rawKind = scriptKind(a.scriptType, a.scriptTypeX)
		if !a.hasSrc {
			a.info.Scripts = append(a.info.Scripts, ScriptElem{Pos: a.tagStart, Kind: a.rawKind, Nonce: a.hasNonce})
		}
	case "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes":
		a.rawTag, a.state = name, sRawText
	}
}

func scriptKind(typ string, dynamic bool) ScriptKind {
	if dynamic {
		return ScriptJS
	}
	if i := strings.IndexByte(typ, ';'); i >= 0 {
		typ = strings.TrimSpace(typ[:i])
	}
	switch typ {
	case "", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript",
		"application/x-javascript", "application/x-ecmascript", "text/jscript", "text/livescript",
		"text/x-javascript", "text/x-ecmascript", "text/javascript1.0", "text/javascript1.1",
		"text/javascript1.2", "text/javascript1.3", "text/javascript1.4", "text/javascript1.5":
		return ScriptJS
	case "application/json", "application/ld+json", "importmap", "speculationrules", "text/json":
		return ScriptJSON
	}
	return ScriptTemplate
}

// text feeds a chunk of template text through the tokenizer.
func (a *htmlAnalyzer) text(s string, start Pos) {
	a.cursor, a.cursorAt = start, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch a.state {
		case sText:
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				return
			}
			i += j
			a.state = sTagOpen
			a.tagStart = a.posAt(start, s, i)
		case sTagOpen:
			switch {
			case isASCIIAlpha(c):
				a.beginTag(false)
				a.tagName = append(a.tagName, c)
				a.state = sTagName
			case c == '/':
				if i+1 < len(s) && isASCIIAlpha(s[i+1]) {
					a.beginTag(true)
					a.state = sEndTagName
				} else {
					a.state = sMarkupDecl
				}
			case c == '!' || c == '?':
				a.state = sMarkupDecl
				a.mdBuf = append(a.mdBuf[:0], c)
			default:
				a.state = sText
				i--
			}
		case sTagName:
			switch {
			case isHTMLSpace(c):
				a.state = sBeforeAttrName
			case c == '/':
				a.state = sSelfClosing
			case c == '>':
				a.endStartTag()
			default:
				a.tagName = append(a.tagName, c)
			}
		case sEndTagName:
			if c == '>' {
				a.state = sText
			}
		case sBeforeAttrName, sAfterAttrName:
			switch {
			case isHTMLSpace(c):
			case c == '/':
				a.finishAttr()
				a.state = sSelfClosing
			case c == '>':
				a.endStartTag()
			case c == '=' && a.state == sAfterAttrName:
				a.state = sBeforeAttrValue
			default:
				a.startAttr(a.posAt(start, s, i))
				a.attrName = append(a.attrName, c)
				a.state = sAttrName
			}
		case sAttrName:
			switch {
			case isHTMLSpace(c):
				a.state = sAfterAttrName
			case c == '/':
				a.finishAttr()
				a.state = sSelfClosing
			case c == '=':
				a.state = sBeforeAttrValue
			case c == '>':
				a.endStartTag()
			default:
				a.attrName = append(a.attrName, c)
			}
		case sBeforeAttrValue:
			switch {
			case isHTMLSpace(c):
			case c == '"':
				a.state = sAttrValueDQ
			case c == '\'':
				a.state = sAttrValueSQ
			case c == '>':
				a.endStartTag()
			default:
				a.state = sAttrValueUQ
				a.attrValue = append(a.attrValue, c)
				a.valueStarted = true
			}
		case sAttrValueDQ, sAttrValueSQ:
			q := byte('"')
			if a.state == sAttrValueSQ {
				q = '\''
			}
			if c == q {
				a.finishAttr()
				a.state = sBeforeAttrName
			} else {
				a.attrValue = append(a.attrValue, c)
				if !isHTMLSpace(c) {
					a.valueStarted = true
				}
			}
		case sAttrValueUQ:
			switch {
			case isHTMLSpace(c):
				a.finishAttr()
				a.state = sBeforeAttrName
			case c == '>':
				a.endStartTag()
			default:
				a.attrValue = append(a.attrValue, c)
				a.valueStarted = true
			}
		case sSelfClosing:
			switch {
			case c == '>':
				a.endStartTag()
			case isHTMLSpace(c):
				a.state = sBeforeAttrName
			default:
				a.state = sBeforeAttrName
				i--
			}
		case sMarkupDecl:
			if c == '>' {
				a.state = sText
				continue
			}
			if len(a.mdBuf) < 3 {
				a.mdBuf = append(a.mdBuf, c)
				if string(a.mdBuf) == "!--" {
					a.state = sComment
				}
			}
		case sComment:
			j := strings.Index(s[i:], "-->")
			if j < 0 {
				return
			}
			i += j + 2
			a.state = sText
		case sRawText:
			j := indexEndTag(s[i:], a.rawTag)
			if j < 0 {
				return
			}
			i += j
			a.state = sTagOpen
			a.tagStart = a.posAt(start, s, i)
		}
	}
}

func (a *htmlAnalyzer) beginTag(end bool) {
	a.endTag = end
	a.tagName = a.tagName[:0]
	a.attrOpen = false
	a.scriptType, a.scriptTypeX, a.hasSrc, a.hasNonce = "", false, false, false
}

// indexEndTag returns the index of "</name" (any case, followed by space,
// '/' or '>') in s, or -1.
func indexEndTag(s, name string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return -1
		}
		i += j
		rest := s[i+2:]
		if len(rest) >= len(name) && strings.EqualFold(rest[:len(name)], name) &&
			(len(rest) == len(name) || isHTMLSpace(rest[len(name)]) || rest[len(name)] == '/' || rest[len(name)] == '>') {
			return i
		}
		i += 2
	}
}
