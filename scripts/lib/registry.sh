#!/usr/bin/env bash
# Sourced by the benchmark scripts: loopback docker-registry processes and latency proxies, and their cleanup.
# The caller sets `work` (a temporary directory) and `fixtures` (the tests/ImageGate.Fixtures command, for the
# proxy), and calls stop_all on exit.
pids=()
proxy_fds=()

# A free loopback port (the kernel picks it; a race with another process is possible but harmless here).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# start_registry NAME PORT [UPSTREAM_URL]: Debian's docker-registry on 127.0.0.1:PORT, a pull-through cache of
# UPSTREAM_URL when given; returns once it accepts connections.
start_registry() {
  local name=$1 port=$2 upstream=${3:-}
  mkdir -p "$work/$name/data"
  {
    printf 'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n'
    printf 'storage:\n  filesystem:\n    rootdirectory: %s\n' "$work/$name/data"
    printf 'http:\n  addr: 127.0.0.1:%s\n  secret: %s\n' "$port" "$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    [ -z "$upstream" ] || printf 'proxy:\n  remoteurl: %s\n' "$upstream"
  } >"$work/$name/config.yml"
  /usr/bin/docker-registry serve "$work/$name/config.yml" >"$work/$name/log" 2>&1 &
  pids+=($!)
  for _ in $(seq 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "docker-registry $name did not start: $(cat "$work/$name/log")" >&2
  return 1
}

# start_latency_proxy NAME UPSTREAM_URL DELAY_MS: a LatencyProxy in front of UPSTREAM; sets $NAME to its host:port.
# It is driven through a FIFO this shell holds open (not a subshell: its end would close the FIFO and stop the proxy).
start_latency_proxy() {
  local name=$1 upstream=$2 ms=$3 fd
  mkfifo "$work/$name.in"
  "${fixtures[@]}" latency-proxy "$upstream" "$ms" <"$work/$name.in" >"$work/$name.out" &
  pids+=($!)
  exec {fd}>"$work/$name.in"
  proxy_fds+=("$fd")
  printf -v "${name}_fd" %s "$fd"
  for _ in $(seq 200); do [ -s "$work/$name.out" ] && break; sleep 0.05; done
  printf -v "$name" %s "$(head -1 "$work/$name.out" | sed -E 's#^http://([^/]+)/?$#\1#')"
}

# proxy_counts NAME: prints "REQUESTS ROUND_TRIPS" the proxy saw since the last call, and resets them.
proxy_counts() {
  local fd_var="${1}_fd"
  echo >&"${!fd_var}"
  sleep 0.3
  tail -1 "$work/$1.out"
}

# Every process is signalled before any is waited for: a registry started after a proxy's FIFO was opened holds
# its write end too, and the proxy sees the end of its input (its stop: a generic host swallows SIGTERM) only
# once that registry is gone.
stop_all() {
  local fd pid
  for fd in "${proxy_fds[@]}"; do exec {fd}>&-; done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
