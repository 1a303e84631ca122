package http_test

import (
	"testing"

	httprule "github.com/flasksec/flasksec/rules/http"
	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestValidate(t *testing.T) {
	if err := httprule.Rule.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestFixtures(t *testing.T) {
	for _, dir := range []string{
		"testdata/get_state",              // GET routes changing state directly and through helpers in other modules
		"testdata/secrets",                // secrets read from the query string or put into URLs
		"../csrf/testdata/factory_secure", // the full secure app: no finding
	} {
		t.Run(dir, func(t *testing.T) { rulestest.Run(t, dir, httprule.Rule) })
	}
}
