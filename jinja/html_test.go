package jinja

import (
	"strings"
	"testing"
)

// TestAnalyzeHTMLContexts checks the context of the single {{ x }} (or
// of the output marked X) in each template.
func TestAnalyzeHTMLContexts(t *testing.T) {
	tests := []struct {
		src  string
		want Context
	}{
		{`<p>{{ x }}</p>`, Context{Kind: CtxText}},
		{`text {{ x }}`, Context{Kind: CtxText}},
		{`<a href="{{ x }}">`, Context{Kind: CtxAttr, Tag: "a", Attr: "href", Quote: '"', ValueStart: true}},
		{`<a href=" {{ x }}">`, Context{Kind: CtxAttr, Tag: "a", Attr: "href", Quote: '"', ValueStart: true}},
		{`<a href="/u/{{ x }}">`, Context{Kind: CtxAttr, Tag: "a", Attr: "href", Quote: '"'}},
		{`<a HREF='{{ x }}'>`, Context{Kind: CtxAttr, Tag: "a", Attr: "href", Quote: '\'', ValueStart: true}},
		{`<input value={{ x }}>`, Context{Kind: CtxAttr, Tag: "input", Attr: "value", ValueStart: true}},
		{`<input value = {{ x }}>`, Context{Kind: CtxAttr, Tag: "input", Attr: "value", ValueStart: true}},
		{`<input value=a{{ x }}>`, Context{Kind: CtxAttr, Tag: "input", Attr: "value"}},
		{`<input {{ x }}>`, Context{Kind: CtxTag, Tag: "input"}},
		{`<input disabled {{ x }}>`, Context{Kind: CtxTag, Tag: "input"}},
		{`<button onclick="go({{ x }})">`, Context{Kind: CtxAttr, Tag: "button", Attr: "onclick", Quote: '"'}},
		{`<div style="color: {{ x }}">`, Context{Kind: CtxAttr, Tag: "div", Attr: "style", Quote: '"'}},
		{`<script>var a = {{ x }};</script>`, Context{Kind: CtxScript, Tag: "script", Script: ScriptJS}},
		{`<script type="module">{{ x }}</script>`, Context{Kind: CtxScript, Tag: "script", Script: ScriptJS}},
		{`<script type="application/json">{{ x }}</script>`, Context{Kind: CtxScript, Tag: "script", Script: ScriptJSON}},
		{`<script type="text/template"><b>{{ x }}</b></script>`, Context{Kind: CtxScript, Tag: "script", Script: ScriptTemplate}},
		{`<script>if (a < b) {}</script><p>{{ x }}`, Context{Kind: CtxText}},
		{`<SCRIPT>"</div>" {{ x }}</SCRIPT>`, Context{Kind: CtxScript, Tag: "script", Script: ScriptJS}},
		{`<style>p { color: {{ x }} }</style>`, Context{Kind: CtxStyle, Tag: "style"}},
		{`<!-- {{ x }} -->`, Context{Kind: CtxComment}},
		{`<!-- a --> {{ x }}`, Context{Kind: CtxText}},
		{`<textarea>{{ x }}</textarea>`, Context{Kind: CtxRCDATA, Tag: "textarea"}},
		{`<title>{{ x }}</title>`, Context{Kind: CtxRCDATA, Tag: "title"}},
		{`<!DOCTYPE html><p>{{ x }}`, Context{Kind: CtxText}},
		{`<a href="{% if y %}/a{% endif %}{{ x }}">`, Context{Kind: CtxAttr, Tag: "a", Attr: "href", Quote: '"'}},
		{`<a title="{{ y }}" href="{{ x }}">`, Context{Kind: CtxAttr, Tag: "a", Attr: "href", Quote: '"', ValueStart: true}},
		{`<img src=x alt="{{ y }}"/><p>{{ x }}</p>`, Context{Kind: CtxText}},
		{`1 < 2 {{ x }}`, Context{Kind: CtxText}},
		{`<a href="javascript:go('{{ x }}')">`, Context{Kind: CtxAttr, Tag: "a", Attr: "href", Quote: '"', JSURL: true}},
		{`<form action="{{ x }}">`, Context{Kind: CtxAttr, Tag: "form", Attr: "action", Quote: '"', ValueStart: true}},
		{`<p title="a"></p><{{ y }} class="{{ x }}">`, Context{Kind: CtxAttr, Attr: "class", Quote: '"', ValueStart: true}},
		{`<div data-{{ x }}="1">`, Context{Kind: CtxTag, Tag: "div"}},
		{"<div\n  data-x='{{ x }}'>", Context{Kind: CtxAttr, Tag: "div", Attr: "data-x", Quote: '\'', ValueStart: true}},
	}
	for _, tt := range tests {
		tmpl, errs := Parse(tt.src)
		if len(errs) > 0 {
			t.Errorf("Parse(%q): %v", tt.src, errs)
			continue
		}
		info := AnalyzeHTML(tmpl)
		var got *Context
		for i := range info.Outputs {
			if ExprString(info.Outputs[i].Output.X) == "x" {
				got = &info.Outputs[i].Context
			}
		}
		if got == nil {
			t.Errorf("%q: output x not found", tt.src)
			continue
		}
		if *got != tt.want {
			t.Errorf("%q: context %+v, want %+v", tt.src, *got, tt.want)
		}
	}
}

func TestAnalyzeHTMLCounts(t *testing.T) {
	src := `<html><head>
<script src="/static/app.js"></script>
<script>init();</script>
<script type="application/json" id="d">{"a": 1}</script>
</head>
<body onload="start()">
<a href="javascript:void(0)" onclick='go()'>x</a>
<a href=" JavaScript:alert(1)">y</a>
<a href="/ok">z</a>
</body></html>`
	tmpl, errs := Parse(src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	info := AnalyzeHTML(tmpl)
	if len(info.Scripts) != 2 || info.Scripts[0].Pos.Line != 3 || info.Scripts[0].Kind != ScriptJS ||
		info.Scripts[1].Kind != ScriptJSON {
		t.Errorf("scripts = %+v, want inline JS at line 3 and JSON at line 4", info.Scripts)
	}
	var hs []string
	for _, h := range info.Handlers {
		hs = append(hs, h.Tag+"."+h.Name+"@"+h.Pos.String())
	}
	if got := strings.Join(hs, " "); got != "body.onload@6:7 a.onclick@7:30" {
		t.Errorf("handlers = %s", got)
	}
	if len(info.JSURLs) != 2 || info.JSURLs[1].Pos.Line != 8 {
		t.Errorf("javascript: URLs = %+v, want lines 7 and 8", info.JSURLs)
	}
	if info.Tags != 9 {
		t.Errorf("tags = %d, want 9", info.Tags)
	}
}

func TestAnalyzeHTMLIn(t *testing.T) {
	tmpl, _ := Parse(`var a = {{ x }};</script><p>{{ y }}</p>`)
	info := AnalyzeHTMLIn(tmpl, "script", ScriptJS)
	if len(info.Outputs) != 2 || info.Outputs[0].Context.Kind != CtxScript || info.Outputs[1].Context.Kind != CtxText {
		t.Errorf("contexts = %+v", info.Outputs)
	}
	outer, _ := Parse(`<script>{% include "a.js" %}</script>{% include "b.html" %}`)
	inc := AnalyzeHTML(outer).Includes
	if len(inc) != 2 || inc[0].Context.Kind != CtxScript || inc[1].Context.Kind != CtxText {
		t.Errorf("include contexts = %+v", inc)
	}
	base, _ := Parse(`<style>{% block css %}{% endblock %}</style>{% block body %}{% endblock %}`)
	bl := AnalyzeHTML(base).Blocks
	if len(bl) != 2 || bl[0].Context.Kind != CtxStyle || bl[1].Context.Kind != CtxText {
		t.Errorf("block contexts = %+v", bl)
	}
}

// TestPosAtMatchesPosIn checks that the analyser's forward cursor gives
// the same positions as computing each one from the chunk start, for
// increasing and decreasing offsets and CR, LF and CRLF line ends.
func TestPosAtMatchesPosIn(t *testing.T) {
	text := "<p>a</p>\r\n<b>x</b>\r<i>\n</i>\n\n<a href=x>y</a>\r"
	start := Pos{Offset: 7, Line: 3, Col: 2}
	a := &htmlAnalyzer{}
	a.cursor, a.cursorAt = start, 0
	for _, i := range []int{0, 3, 3, 9, 10, 11, 20, 5, 21, 22, 30, len(text), 2, len(text) - 1} {
		if got, want := a.posAt(start, text, i), posIn(start, text, i); got != want {
			t.Errorf("offset %d: posAt = %+v, posIn = %+v", i, got, want)
		}
	}
}
