package deploy_test

import (
	"testing"

	"github.com/flasksec/flasksec/rules/deploy"
	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestRules(t *testing.T) {
	cases := []string{"prod_dockerfile", "dev_only", "gunicorn_ok", "procfile_run", "compose", "factory_app", "factory_secure", "module_level", "entrypoint_cmd", "boot_script", "dev_script", "compose_dev", "always_dev", "main_helper"}
	for _, c := range cases {
		t.Run(c, func(t *testing.T) {
			rulestest.Run(t, "testdata/"+c, deploy.DevServer, deploy.DebugMode)
		})
	}
}
