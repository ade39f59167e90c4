#!/usr/bin/env bash
# Starts or stops a throwaway Azurite (Table service only) for the journal tests.
#
#   eval "$(scripts/azurite.sh start)"   # starts it on a free port, exports OPTIMIZE_TEST_TABLES
#   scripts/azurite.sh env               # prints the export line of the running instance
#   scripts/azurite.sh stop              # stops it and removes its temp folder
#
# Progress goes to stderr; stdout carries only the `export OPTIMIZE_TEST_TABLES=...` line.
# Needs Node.js 20+ and `npm ci` (run automatically when node_modules/.bin/azurite-table is missing).
# Env: AZURITE_STATE_FILE (default <repo>/.optimize/azurite-test.state), AZURITE_START_TIMEOUT (seconds, default 30).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${AZURITE_STATE_FILE:-$repo/.optimize/azurite-test.state}"
timeout="${AZURITE_START_TIMEOUT:-30}"
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

log() { echo "azurite.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

connection_string() {
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:$1/devstoreaccount1;"
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() {
  [[ -f "$state" ]] || return 1
  # shellcheck disable=SC1090
  source "$state"
  kill -0 "$AZURITE_PID" 2>/dev/null
}

start() {
  if running; then
    log "already running (pid $AZURITE_PID, port $AZURITE_PORT)"
    echo "export OPTIMIZE_TEST_TABLES='$(connection_string "$AZURITE_PORT")'"
    return 0
  fi
  command -v node >/dev/null || die "Node.js 20+ is needed to run Azurite; install it from your package manager."
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  (( major >= 20 )) || die "Node.js 20+ is needed to run Azurite; found $(node --version)."
  local bin="$repo/node_modules/.bin/azurite-table"
  if [[ ! -x "$bin" ]]; then
    log "installing Azurite (npm ci) in $repo"
    (cd "$repo" && npm ci --no-audit --no-fund >&2) || die "npm ci failed"
  fi
  [[ -x "$bin" ]] || die "$bin not found after npm ci"

  local port
  port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});')"
  local dir
  dir="$(mktemp -d "${TMPDIR:-/tmp}/optimize-azurite.XXXXXX")"
  mkdir -p "$(dirname "$state")"
  # In-memory persistence (data is thrown away on stop); it excludes --location, so the temp folder is the working
  # directory instead, holding only the log.
  (cd "$dir" && exec nohup "$bin" --tableHost 127.0.0.1 --tablePort "$port" --inMemoryPersistence \
    --skipApiVersionCheck --loose --silent --disableTelemetry >"$dir/azurite.log" 2>&1) &
  local pid=$!
  printf 'AZURITE_PID=%s\nAZURITE_PORT=%s\nAZURITE_DIR=%q\n' "$pid" "$port" "$dir" >"$state"

  local waited=0
  until listening "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$dir/azurite.log" >&2 || true
      rm -f "$state"
      die "Azurite exited before listening on 127.0.0.1:$port (log above)"
    fi
    if (( waited >= timeout * 10 )); then
      kill "$pid" 2>/dev/null || true
      rm -f "$state"
      die "Azurite did not listen on 127.0.0.1:$port within ${timeout}s (log: $dir/azurite.log)"
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  log "Azurite tables listening on 127.0.0.1:$port (pid $pid, state $state)"
  echo "export OPTIMIZE_TEST_TABLES='$(connection_string "$port")'"
}

stop() {
  if ! running; then
    log "not running"
    rm -f "$state"
    return 0
  fi
  kill -INT "$AZURITE_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$AZURITE_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$AZURITE_PID" 2>/dev/null || true
  [[ -n "${AZURITE_DIR:-}" && "$AZURITE_DIR" == */optimize-azurite.* ]] && rm -rf "$AZURITE_DIR"
  rm -f "$state"
  log "stopped (pid $AZURITE_PID)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env)
    running || die "not running: run scripts/azurite.sh start"
    echo "export OPTIMIZE_TEST_TABLES='$(connection_string "$AZURITE_PORT")'"
    ;;
  *) echo "usage: scripts/azurite.sh start|stop|env" >&2; exit 2 ;;
esac
