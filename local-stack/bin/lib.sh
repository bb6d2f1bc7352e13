# shellcheck shell=bash
# local-stack/bin/lib.sh - small process helpers shared by bin/stores and by scripts that start
# other local processes (e.g. the Dropwizard services) the same way. Source it; it defines
# functions only (prefix ls_), sets no shell options and starts nothing.
#
# Conventions:
#   - a pid file holds one line: the pid of the process itself (not of a wrapper shell);
#   - a pid counts as ours only if that process started before its pid file was written, so a
#     stale pid file whose pid was reused by an unrelated process is noticed and that process
#     is never signalled (do not touch pid files after writing them);
#   - functions return non-zero on failure and print errors to stderr; they never exit and
#     are safe to call under `set -euo pipefail`.
#
# Example (a later script):
#   . "$(dirname "$0")/lib.sh"
#   ls_port_in_use 8080 && { echo "port 8080 taken" >&2; exit 1; }
#   ls_start_bg "$RUN/pids/user-command.pid" "$RUN/logs/user-command.log" "$RUN/data/user-command" \
#     java -Xmx256m -cp "$cp" com.example.Main server config.yml
#   ls_wait_http http://127.0.0.1:8081/healthcheck 120 "$(ls_pid_of "$RUN/pids/user-command.pid")"
#   ...
#   ls_stop_pidfile "$RUN/pids/user-command.pid" 20

# Print a message to stderr.
ls_err() { printf '%s\n' "$*" >&2; }

# Seconds since the epoch with fractions (bash 5 EPOCHREALTIME, falls back to date).
ls_now() { if [[ -n "${EPOCHREALTIME:-}" ]]; then printf '%s\n' "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi; }

# Seconds elapsed since START (a value of ls_now), one decimal.
ls_elapsed() { awk -v s="$1" -v e="$(ls_now)" 'BEGIN { printf "%.1f\n", e - s }'; }

# True if PID is a live (non-zombie) process.
ls_alive() {
  local pid=$1 state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  state=$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$pid/stat" 2>/dev/null) || return 0
  [[ "$state" != Z ]]
}

# Start time of process PID in whole seconds since the epoch (from /proc; 1 s precision).
ls_proc_start() {
  local ticks btime hz
  ticks=$(awk '{ sub(/^.*\) /, ""); print $20 }' "/proc/$1/stat" 2>/dev/null) || return 1
  btime=$(awk '/^btime/ { print $2 }' /proc/stat) || return 1
  hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
  [[ -n "$ticks" && -n "$btime" ]] || return 1
  echo $(( btime + ticks / hz ))
}

# The start time of PID in clock ticks since boot (/proc/PID/stat field 22): the same number for
# the life of a process, whatever the wall clock does.
ls_proc_ticks() {
  awk '{ sub(/^.*\) /, ""); print $20 }' "/proc/$1/stat" 2>/dev/null
}

# True if PID can be the process PIDFILE was written for. ls_start_bg records the process's start
# ticks beside the pid file (PIDFILE.start): the same pid with the same ticks is the same process.
# Without that record: it started before the file was written (wall-clock seconds, so a clock
# step, e.g. after a VM is resumed, can make an old process look newer than its file).
ls_pid_owns() {
  local pid=$1 pidfile=$2 start mtime recorded
  if [[ -f "$pidfile.start" ]] && recorded=$(head -n 1 "$pidfile.start" 2>/dev/null) &&
     [[ -n "$recorded" ]] && start=$(ls_proc_ticks "$pid") && [[ -n "$start" ]]; then
    [[ "$start" == "$recorded" ]]
    return
  fi
  start=$(ls_proc_start "$pid") || return 0  # no /proc: trust the pid file
  mtime=$(stat -c %Y "$pidfile" 2>/dev/null) || return 1
  (( start <= mtime + 1 ))
}

# Print the pid in PIDFILE if that process is alive and ours; else print nothing, return 1.
ls_pid_of() {
  local pidfile=$1 pid
  [[ -f "$pidfile" ]] || return 1
  pid=$(head -n 1 "$pidfile" 2>/dev/null)
  ls_alive "$pid" && ls_pid_owns "$pid" "$pidfile" || return 1
  printf '%s\n' "$pid"
}

# True if something listens on TCP PORT on this host (any address).
ls_port_in_use() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]]
  else
    ls_tcp_open 127.0.0.1 "$port"
  fi
}

# Pids of processes listening on TCP PORT (needs ss; may be empty without root).
ls_port_pids() {
  { ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u; } || true
}

# The listeners (ss lines) that take ADDR:PORT: on ADDR itself or on a wildcard address.
ls_addr_listeners() {
  local addr=$1 port=$2
  ss -Hltnp "sport = :$port" 2>/dev/null |
    awk -v a="$addr" -v p="$port" '{ if ($4 == a ":" p || $4 == "0.0.0.0:" p || $4 == "*:" p || $4 == "[::]:" p || $4 == "[::ffff:" a "]:" p) print }'
}

# True if something listens on TCP ADDR:PORT (ADDR itself or a wildcard); without ss, tries to connect.
ls_addr_port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ls_addr_listeners "$1" "$2")" ]]
  else
    ls_tcp_open "$1" "$2"
  fi
}

# Pids of processes listening on ADDR:PORT (needs ss; may be empty without root).
ls_addr_port_pids() {
  { ls_addr_listeners "$1" "$2" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u; } || true
}

# Where Cassandra listens for CASSANDRA_NODES (default 1): one node on 127.0.0.1, or a ring whose
# node N (1-based) listens on 127.0.0.(N+1). Exports the two values the services' configuration
# reads: CASSANDRA_CONTACT_POINTS (comma-separated) and CASSANDRA_REPLICATION_FACTOR (min(nodes, 3)).
ls_cassandra_env() {
  local nodes=${CASSANDRA_NODES:-1} i points=()
  if ! [[ "$nodes" =~ ^[1-9]$ ]]; then
    ls_err "CASSANDRA_NODES must be 1 to 9, not '$nodes'"
    return 1
  fi
  if (( nodes == 1 )); then
    points=(127.0.0.1)
  else
    for (( i = 1; i <= nodes; i++ )); do points+=("127.0.0.$(( i + 1 ))"); done
  fi
  export CASSANDRA_NODES=$nodes
  CASSANDRA_CONTACT_POINTS=$(IFS=,; echo "${points[*]}")
  CASSANDRA_REPLICATION_FACTOR=$(( nodes < 3 ? nodes : 3 ))
  export CASSANDRA_CONTACT_POINTS CASSANDRA_REPLICATION_FACTOR
}

# True if a TCP connection to HOST:PORT succeeds within one second.
ls_tcp_open() {
  # shellcheck disable=SC2016 # $1/$2 expand in the child bash
  timeout 1 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# True if URL answers HTTP 2xx within two seconds (extra args go to curl, e.g. -u user:pass).
ls_http_ok() {
  local url=$1; shift
  curl -fsS -o /dev/null --max-time 2 "$@" "$url" 2>/dev/null
}

# True if a Redis server on 127.0.0.1:PORT answers PING with PONG (redis-cli or raw RESP).
ls_redis_ping() {
  local port=$1
  if command -v redis-cli >/dev/null 2>&1; then
    [[ "$(timeout 2 redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == PONG ]]
  else
    # shellcheck disable=SC2016 # $1 expands in the child bash
    timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"; printf "PING\r\n" >&3; read -r l <&3; [[ $l == +PONG* ]]' _ "$port" 2>/dev/null
  fi
}

# Start CMD... in the background: cwd DIR, stdin /dev/null, stdout+stderr to LOGFILE (the
# previous log is kept as LOGFILE.1), own session (setsid), pid written to PIDFILE. Prints the pid.
ls_start_bg() {
  local pidfile=$1 logfile=$2 dir=$3 pid
  shift 3
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")" "$dir" || return 1
  [[ -f "$logfile" ]] && mv -f "$logfile" "$logfile.1"
  (
    cd "$dir" || exit 1
    # exec all the way down, so $! below is the real process. setsid (new session: no SIGINT/
    # SIGHUP from the caller's terminal) forks only when it is a process-group leader, which
    # happens under job control (set -m): then the job already has its own group, skip it.
    if command -v setsid >/dev/null 2>&1 &&
       [[ "$(awk '{ sub(/^.*\) /, ""); print $3 }' "/proc/$BASHPID/stat" 2>/dev/null)" != "$BASHPID" ]]; then
      exec setsid "$@" </dev/null >>"$logfile" 2>&1
    fi
    exec "$@" </dev/null >>"$logfile" 2>&1
  ) &
  pid=$!
  printf '%s\n' "$pid" >"$pidfile"
  ls_proc_ticks "$pid" >"$pidfile.start" || rm -f "$pidfile.start"
  printf '%s\n' "$pid"
}

# Poll CHECK-CMD... every 0.25 s until it succeeds (0), PID dies (2) or TIMEOUT seconds pass (1).
ls_wait_until() {
  local timeout=$1 pid=$2 deadline
  shift 2
  deadline=$(( SECONDS + timeout ))
  while (( SECONDS < deadline )); do
    "$@" && return 0
    if [[ -n "$pid" ]] && ! ls_alive "$pid"; then return 2; fi
    sleep 0.25
  done
  "$@"
}

# Wait until 127.0.0.1:PORT accepts TCP connections; TIMEOUT seconds; give up early if PID dies.
ls_wait_tcp() { ls_wait_until "$2" "${3:-}" ls_tcp_open 127.0.0.1 "$1"; }

# Wait until URL answers 2xx; TIMEOUT seconds; give up early if PID dies; extra args to curl.
ls_wait_http() { local url=$1 timeout=$2 pid=${3:-}; shift $(( $# < 3 ? $# : 3 )); ls_wait_until "$timeout" "$pid" ls_http_ok "$url" "$@"; }

# Kill the process of PIDFILE at once (SIGKILL, as a crash would), wait until it is gone, remove
# PIDFILE. For fault tests. Succeeds when the pid file is missing or stale. A killed process that
# is inside a disk write (state D) dies only when the write returns: on a busy machine a Cassandra
# node took more than 10 s, so this waits up to 60 s, and keeps PIDFILE if the process outlives it
# (a "not running" node whose old process still holds its ports would not start again).
ls_kill_pidfile() {
  local pidfile=$1 pid deadline
  pid=$(ls_pid_of "$pidfile") || { rm -f "$pidfile" "$pidfile.start"; return 0; }
  kill -KILL "$pid" 2>/dev/null || true
  deadline=$(( SECONDS + 60 ))
  while ls_alive "$pid" && (( SECONDS < deadline )); do sleep 0.05; done
  wait "$pid" 2>/dev/null || true
  if ls_alive "$pid"; then
    ls_err "pid $pid ($(basename "$pidfile" .pid)) still exists 60 s after SIGKILL, state $(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$pid/stat" 2>/dev/null)"
    return 1
  fi
  rm -f "$pidfile" "$pidfile.start"
}

# Stop the process of PIDFILE: SIGTERM, wait up to GRACE seconds (default 20), then SIGKILL.
# Removes PIDFILE. Succeeds (idempotent) when the pid file is missing or stale.
ls_stop_pidfile() {
  local pidfile=$1 grace=${2:-20} pid deadline
  pid=$(ls_pid_of "$pidfile") || { rm -f "$pidfile" "$pidfile.start"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( SECONDS + grace ))
  while ls_alive "$pid" && (( SECONDS < deadline )); do sleep 0.2; done
  if ls_alive "$pid"; then
    ls_err "pid $pid ($(basename "$pidfile" .pid)) ignored SIGTERM for ${grace}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    deadline=$(( SECONDS + 60 ))  # see ls_kill_pidfile
    while ls_alive "$pid" && (( SECONDS < deadline )); do sleep 0.1; done
  fi
  wait "$pid" 2>/dev/null || true  # reap it when it is our own child
  rm -f "$pidfile" "$pidfile.start"
  ! ls_alive "$pid"
}

# Print the last N (default 40) lines of LOGFILE, indented, to stderr.
ls_tail_log() {
  local logfile=$1 n=${2:-40}
  [[ -f "$logfile" ]] || { ls_err "  (no log at $logfile)"; return 0; }
  ls_err "---- last $n lines of $logfile ----"
  tail -n "$n" "$logfile" | sed 's/^/  | /' >&2
  ls_err "----"
}
