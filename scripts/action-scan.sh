#!/usr/bin/env bash
# The scan step of the flasksec GitHub Action (action.yml). It runs
# flasksec with the action's inputs, given in the environment (never
# pasted into the script, so that an input cannot inject shell code):
#
#   FLASKSEC          the flasksec binary (default: flasksec on PATH)
#   INPUT_PATH        paths to scan, separated by white space (default .)
#   INPUT_FORMAT      github (annotations in the pull request, default) or
#                     sarif (a file for code scanning)
#   INPUT_FAIL_ON     severity that fails the job: critical, high (default),
#                     medium, low, or none
#   INPUT_SARIF_FILE  the SARIF file written with format sarif
#                     (default flasksec.sarif)
#   INPUT_ARGS        more flasksec scan flags, separated by white space
#
# It always exits 0 after a scan, writing exit-code (flasksec's: 0 clean,
# 1 findings at or above fail-on, 2 error) and sarif-file to
# $GITHUB_OUTPUT, so that the SARIF upload runs before a later step fails
# the job. It exits 2 at once for a bad input.
set -euo pipefail

format="${INPUT_FORMAT:-github}"
fail_on="${INPUT_FAIL_ON:-high}"
sarif="${INPUT_SARIF_FILE:-flasksec.sarif}"
case "$format" in
github | sarif) ;;
*)
    echo "::error title=flasksec action::format must be github or sarif, not '$format'"
    exit 2
    ;;
esac

args=(scan)
case "$fail_on" in
none) args+=(--fail-on critical) ;;
critical | high | medium | low) args+=(--fail-on "$fail_on") ;;
*)
    echo "::error title=flasksec action::fail-on must be critical, high, medium, low or none, not '$fail_on'"
    exit 2
    ;;
esac
if [ "$format" = sarif ]; then
    args+=(--format sarif --output "$sarif")
else
    args+=(--format github)
fi
read -r -a extra <<<"${INPUT_ARGS:-}"
read -r -a paths <<<"${INPUT_PATH:-.}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)
args+=(${extra[@]+"${extra[@]}"} -- "${paths[@]}")

set +e
"${FLASKSEC:-flasksec}" "${args[@]}"
code=$?
set -e
if [ "$fail_on" = none ] && [ "$code" -eq 1 ]; then
    code=0
fi
out="${GITHUB_OUTPUT:-/dev/null}"
{
    echo "exit-code=$code"
    if [ "$format" = sarif ]; then echo "sarif-file=$sarif"; fi
} >>"$out"
if [ "$code" -ge 2 ]; then
    exit "$code"
fi
exit 0
