package lsp

import "testing"

func TestUTF8Source(t *testing.T) {
	tests := []struct{ in, want string }{
		{"# -*- coding: latin-1 -*-\ns = 'é'\n", "# -*- coding: utf-8   -*-\ns = 'é'\n"},
		{"#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nx = '€'\n", "#!/usr/bin/env python\n# vim: set fileencoding=utf-8  :\nx = '€'\n"},
		{"# coding=l1\r\nx = 1\r\n", "# coding=utf-8\r\nx = 1\r\n"},
		{"# coding: utf-8\nx = 'é'\n", "# coding: utf-8\nx = 'é'\n"},
		{"# coding: ascii\nx = 1\n", "# coding: ascii\nx = 1\n"},
		{"# coding: klingon\nx = 1\n", "# coding: klingon\nx = 1\n"},         // the loader reports it
		{"import os\n# coding: latin-1\n", "import os\n# coding: latin-1\n"}, // line 2 after code: not a declaration
		{"\n\n# coding: latin-1\n", "\n\n# coding: latin-1\n"},               // line 3: not a declaration
		{"x = 'coding: latin-1'\n", "x = 'coding: latin-1'\n"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(utf8Source(tt.in)); got != tt.want {
			t.Errorf("utf8Source(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
