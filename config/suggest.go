package config

import "strings"

// Suggest returns the candidate closest to word, for a "did you mean"
// hint after a typo in a key or a rule ID, or "" when none is close:
// the edit distance (case-insensitive, counting an exchange of two
// neighbouring characters as one edit) must be at most 2, or a fifth of
// the word's length for a long word. Ties go to the earlier candidate.
func Suggest(word string, candidates []string) string {
	w := strings.ToLower(word)
	best, bestD := "", max(2, len(w)/5)+1
	for _, c := range candidates {
		if d := editDistance(w, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// didYouMean returns ` (did you mean "x"?)` or "".
func didYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return ` (did you mean "` + s + `"?)`
	}
	return ""
}

// DidYouMean is didYouMean for other packages: a hint to append to an
// error about an unknown word, or "".
func DidYouMean(word string, candidates []string) string { return didYouMean(word, candidates) }

// editDistance is the optimal-string-alignment distance of a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
