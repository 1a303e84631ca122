package session

import "testing"

func TestSecretName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"pw", true},
		{"pwd", true},
		{"pass", true},
		{"password", true},
		{"remember_pw", true},
		{"userPassword", true},
		{"pin", true},
		{"otp", true},
		{"ssn", true},
		{"card", true},
		{"card_number", true},
		{"creditCard", true},
		{"cvv", true},
		{"secret", true},
		{"client_secret", true},
		{"api_key", true},
		{"apiKey", true},
		{"access_token", true},
		{"refresh_token", true},
		{"id_token", true},
		{"token", true},
		{"private_key", true},
		{"social_security_number", true},
		{"password_reset_sent", false},
		{"password_changed_at", false},
		{"otp_verified", false},
		{"pin_attempts", false},
		{"token_expires", false},
		{"card_id", false},
		{"csrf_token", false},
		{"_csrf_token", false},
		{"xsrf", false},
		{"oauth_state", false},
		{"passenger", false},
		{"spinner", false},
		{"user_id", false},
		{"keyboard_layout", false},
		{"cart", false},
		{"", false},
	} {
		if got := secretName(tc.name); got != tc.want {
			t.Errorf("secretName(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
