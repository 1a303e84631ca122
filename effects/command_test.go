package effects

import (
	"testing"

	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/parser"
)

func TestMutatingCommand(t *testing.T) {
	tests := []struct {
		call string
		want string // "" for no state change
	}{
		{`subprocess.run(["systemctl", "restart", unit])`, "systemctl restart"},
		{`subprocess.run(["sudo", "systemctl", "kill", "-s", "HUP", u])`, "systemctl kill"},
		{`subprocess.run(["systemctl", "status", unit])`, ""},
		{`subprocess.run(["systemctl", "--no-pager", "stop", unit])`, "systemctl stop"},
		{`os.system("rm -rf /tmp/x")`, "rm"},
		{`os.system(f"/usr/bin/kill -9 {pid}")`, "kill"},
		{`subprocess.run(["git", "log", "-n", "5"])`, ""},
		{`subprocess.run(["git", "push", "origin", "main"])`, "git push"},
		{`subprocess.check_output(["docker", "ps"])`, ""},
		{`subprocess.Popen(["env", "A=1", "docker", "restart", name])`, "docker restart"},
		{`subprocess.run(cmd)`, ""},
		{`subprocess.run(["ls", "-l"])`, ""},
	}
	for _, tt := range tests {
		e, err := parser.ParseExpr(tt.call)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := mutatingCommand(e.(*ast.Call))
		if (tt.want != "") != ok || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.call, got, ok, tt.want)
		}
	}
}
