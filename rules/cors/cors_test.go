package cors_test

import (
	"testing"

	"github.com/flasksec/flasksec/rules/cors"
	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestValidate(t *testing.T) {
	if err := cors.Rule.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestFixtures(t *testing.T) {
	for _, dir := range []string{
		"testdata/allowlist",              // explicit origins, an anchored regex, a checked Origin echo: no finding
		"testdata/wildcard_creds",         // a wildcard resource with credentials
		"testdata/default_cookie",         // CORS() defaults in a cookie app, @cross_origin() defaults with credentials
		"testdata/public_api",             // a wildcard on a bearer-token public API
		"testdata/manual",                 // hand-written headers: reflected, suffix check, wildcard
		"testdata/regex",                  // origin patterns that match other hosts
		"testdata/dev_only",               // CORS only in development; origins from a config key
		"../csrf/testdata/factory_secure", // the full secure app: no finding
	} {
		t.Run(dir, func(t *testing.T) { rulestest.Run(t, dir, cors.Rule) })
	}
}
