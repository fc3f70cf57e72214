# Sourced by the HTTP benchmarks: starts the service on a fresh temporary home (embedded PostgreSQL, dev config
# with demo data, rate limits lifted so they do not interfere) and stops it when the benchmark exits.
# start_service <http port> [embedded database port]: sets $home (service log in $home/service.log) and $pid.
start_service() {
  local http_port=$1 db_port=${2:-0}
  if (exec 3<>"/dev/tcp/127.0.0.1/$http_port") 2>/dev/null || (exec 3<>"/dev/tcp/127.0.0.1/$((http_port + 1))") 2>/dev/null; then
    echo "port $http_port or $((http_port + 1)) is already in use: set HTTP_PORT to a free pair" >&2
    exit 1
  fi
  ./healthflow build >/dev/null
  home=$(mktemp -d)
  HEALTHFLOW_HOME="$home" HTTP_PORT=$http_port ADMIN_PORT=$((http_port + 1)) HEALTHFLOW_EMBEDDED_DB_PORT=$db_port \
    RATE_LIMIT_PER_MINUTE=100000000 LOGIN_RATE_LIMIT_PER_MINUTE=100000000 ./healthflow run >"$home/service.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$home"' EXIT
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$http_port/ready" || true)" = 200 ] && return 0
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
  done
  echo "the service did not become ready; see its log:" >&2
  tail -20 "$home/service.log" >&2
  exit 1
}
