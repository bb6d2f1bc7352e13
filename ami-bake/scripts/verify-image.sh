#!/usr/bin/env bash
# Bake step 3 of 3 (root): refuse to produce an AMI that would not boot or that carries a secret.
set -euo pipefail
: "${SERVICE:?SERVICE is required}"
fail() { echo "verify-image: $*" >&2; exit 1; }

java -version 2>&1 | grep -q 'version "17' || fail "java 17 is not the default runtime"
[[ $(getent passwd "$SERVICE" | cut -d: -f7) == /usr/sbin/nologin ]] || fail "user $SERVICE must have no login shell"
systemctl is-enabled --quiet "$SERVICE.service" || fail "$SERVICE.service is not enabled"
systemd-analyze verify "/etc/systemd/system/$SERVICE.service" || fail "$SERVICE.service does not verify"
[[ -f "/opt/$SERVICE/$SERVICE.jar" && -f "/etc/$SERVICE/production.yml" ]] || fail "jar or config missing"
grep -q '^mode: PRODUCTION' "/etc/$SERVICE/production.yml" || fail "production.yml is not in PRODUCTION mode"
command -v aws >/dev/null || fail "aws CLI missing (boot reads secret references with it)"

# Environment-specific values and secrets come from user data at boot, never from the image.
if grep -rEl -- '-----BEGIN [A-Z ]*PRIVATE KEY-----|"d" *: *"|AKIA[0-9A-Z]{16}' "/etc/$SERVICE" /opt/identity; then
  fail "a private key or access key is baked into the image"
fi
[[ ! -e "/run/$SERVICE" ]] || fail "/run/$SERVICE exists at bake time"
echo "verify-image: $SERVICE image ok"
