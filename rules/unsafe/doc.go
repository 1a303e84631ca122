// Package unsafe implements two rules of flasksec's own namespace, beyond
// the spec's section 4 but named in its audit list (deserialisation) and
// its injection family: FLASKSEC-DESERIALIZE-001 (unsafe deserialisers on
// untrusted data) and FLASKSEC-EVAL-001 (eval, exec, compile and dynamic
// imports of untrusted data).
package unsafe
