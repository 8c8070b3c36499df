#!/usr/bin/env bash
# What the test suite needs from the machine: a Redis server on 127.0.0.1:6379 (nothing persisted)
# and Debian's Chromium for the browser tests. Starts or installs them only when missing.
set -euo pipefail

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "[ensure-services] starting redis-server on 127.0.0.1:6379"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "[ensure-services] installing Debian's chromium (browser tests)"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  ($sudo_cmd apt-get install -y chromium || ($sudo_cmd apt-get update && $sudo_cmd apt-get install -y chromium)) >/dev/null
fi
