# Shared by smoke-test and security-check (sourced, not run): HTTP requests with curl, JSON reading with jq or
# python3, and the "ok <step> (<ms> ms)" / "FAIL <step>: <why>" output.
# shellcheck shell=bash

CHECKS_TIMEOUT=${CHECKS_TIMEOUT:-10}
CHECKS_CONNECT_TIMEOUT=${CHECKS_CONNECT_TIMEOUT:-5}

# Exit codes: 0 every step passed, 1 a step failed (the last line names it), 2 wrong usage or a missing tool.
checks_usage_error() {
  echo "$1" >&2
  exit 2
}

# Checks the tools and the base URL ($1) and sets BASE (without a trailing slash) and a private temporary directory.
checks_init() {
  command -v curl >/dev/null 2>&1 || checks_usage_error "curl is needed (apt-get install curl, apk add curl, brew install curl)."
  # CHECKS_JSON_TOOL=jq|python3 picks one when both are installed (the tests run both)
  if [ -n "${CHECKS_JSON_TOOL:-}" ]; then
    JSON_TOOL=$CHECKS_JSON_TOOL
    command -v "$JSON_TOOL" >/dev/null 2>&1 || checks_usage_error "CHECKS_JSON_TOOL=$JSON_TOOL is not installed."
  elif command -v jq >/dev/null 2>&1; then
    JSON_TOOL=jq
  elif command -v python3 >/dev/null 2>&1; then
    JSON_TOOL=python3
  else
    checks_usage_error "jq or python3 is needed to read JSON (apt-get install jq, apk add jq, brew install jq)."
  fi
  case "${1:-}" in
    http://?*|https://?*) BASE=${1%/} ;;
    *) checks_usage_error "usage: $(basename "$0") <base-url>   (http:// or https://, e.g. https://api.healthflow.example)" ;;
  esac
  case "$CHECKS_TIMEOUT" in ''|*[!0-9]*) checks_usage_error "CHECKS_TIMEOUT must be whole seconds" ;; esac
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/healthflow-checks.XXXXXX") || checks_usage_error "cannot create a temporary directory"
  chmod 700 "$WORK"
  trap 'rm -rf "$WORK"' EXIT
  BODY="$WORK/body"
  HEADERS="$WORK/headers"
}

ok() { # step ms [note]
  printf 'ok %s (%s ms)%s\n' "$1" "$2" "${3:+ $3}"
}

# Milliseconds since the epoch (bash 5's EPOCHREALTIME; whole seconds on older shells).
now_ms() {
  if [ -n "${EPOCHREALTIME:-}" ]; then
    local micros=${EPOCHREALTIME/[.,]/}
    echo $((micros / 1000))
  else
    echo $((SECONDS * 1000))
  fi
}

skip() { # step why
  printf 'skip %s: %s\n' "$1" "$2"
}

# Prints the failure and ends the script: later steps depend on earlier ones, and the first failure is the one to fix.
fail() { # step why
  printf 'FAIL %s: %s\n' "$1" "$2"
  exit 1
}

# One request. Usage: http METHOD PATH [curl options…]. Sets STATUS (000 when no answer came), MS (total time), and
# ERROR (curl's message when no answer came); the body is in $BODY, the response headers in $HEADERS.
http() {
  local method=$1 path=$2 out
  shift 2
  : >"$BODY"
  : >"$HEADERS"
  ERROR=""
  # shellcheck disable=SC2086 # CHECKS_CURL_OPTIONS holds several words on purpose
  if out=$(curl -sS -X "$method" -o "$BODY" -D "$HEADERS" -w '%{http_code} %{time_total}' \
      --max-time "$CHECKS_TIMEOUT" --connect-timeout "$CHECKS_CONNECT_TIMEOUT" ${CHECKS_CURL_OPTIONS:-} \
      "$@" "$BASE$path" 2>"$WORK/curl-error"); then
    STATUS=${out%% *}
  else
    STATUS=000
    ERROR=$(sed -n 's/^curl: ([0-9]*) //p' "$WORK/curl-error" | head -n 1)
    [ -n "$ERROR" ] || ERROR=$(head -n 1 "$WORK/curl-error")
  fi
  MS=$(printf '%s' "${out#* }" | awk '{ printf "%d", $1 * 1000 + 0.5 }')
  [ -n "$MS" ] || MS=0
}

# Why a request did not give the expected status, in one line: the transport error, or status and problem detail.
why() { # expected-status
  if [ "$STATUS" = 000 ]; then
    printf 'no answer from %s (%s)' "$BASE" "${ERROR:-unknown error}"
  else
    local detail
    detail=$(json_get detail <"$BODY" 2>/dev/null | head -c 200)
    printf 'HTTP %s, expected %s%s' "$STATUS" "$1" "${detail:+ ($detail)}"
  fi
}

# The value of response header $1 (case-insensitive, last occurrence, without the trailing CR), or nothing.
header() {
  awk -v name="$1" 'BEGIN { name = tolower(name) ":" }
    { line = $0; sub(/\r$/, "", line) }
    tolower(substr(line, 1, length(name))) == name { value = substr(line, length(name) + 1); sub(/^[ \t]+/, "", value) }
    END { if (value != "") print value }' "$HEADERS"
}

# Reads JSON on stdin and prints the value at a dotted path (data.0.id): strings bare, numbers as written, objects
# and arrays as JSON; nothing when the path does not exist or is null.
json_get() {
  if [ "$JSON_TOOL" = jq ]; then
    jq -r --arg path "$1" 'getpath($path | split(".") | map(tonumber? // .)) | select(. != null)
      | if type == "object" or type == "array" then tojson else . end' 2>/dev/null || true
  else
    python3 -c '
import json, sys
try:
    value = json.load(sys.stdin)
except ValueError:
    sys.exit(0)
for key in sys.argv[1].split("."):
    if isinstance(value, list) and key.isdigit() and int(key) < len(value):
        value = value[int(key)]
    elif isinstance(value, dict) and key in value:
        value = value[key]
    else:
        sys.exit(0)
if value is None:
    sys.exit(0)
if isinstance(value, (dict, list, bool)):
    print(json.dumps(value))
else:
    print(value)
' "$1"
  fi
}

# Reads JSON on stdin and prints the length of the array at a dotted path (0 when absent).
json_length() {
  if [ "$JSON_TOOL" = jq ]; then
    jq -r --arg path "$1" 'getpath($path | split(".") | map(tonumber? // .)) | if type == "array" then length else 0 end' 2>/dev/null || echo 0
  else
    python3 -c '
import json, sys
try:
    value = json.load(sys.stdin)
    for key in sys.argv[1].split("."):
        value = value[int(key)] if isinstance(value, list) else value[key]
    print(len(value) if isinstance(value, list) else 0)
except (ValueError, KeyError, IndexError, TypeError):
    print(0)
' "$1"
  fi
}

# Writes {"email": $1 env var, "password": $2 env var} as JSON: the values are read from the environment, so the
# password never appears on a command line (ps) or in a file outside the private temporary directory.
json_credentials() { # email-variable password-variable
  if [ "$JSON_TOOL" = jq ]; then
    jq -n --arg e "$1" --arg p "$2" '{email: env[$e], password: env[$p]}'
  else
    python3 -c 'import json, os, sys; print(json.dumps({"email": os.environ[sys.argv[1]], "password": os.environ[sys.argv[2]]}))' "$1" "$2"
  fi
}
