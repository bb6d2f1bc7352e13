#!/usr/bin/env bash
# Bake step 1 of 3 (runs as root on the bake instance): what every identity service needs from the OS.
# Inputs (environment, set by packer/service.json): SERVICE.
set -euo pipefail
: "${SERVICE:?SERVICE is required (user-command, user-query or verification)}"
export DEBIAN_FRONTEND=noninteractive

# A fresh instance may still be running cloud-init's own apt work.
cloud-init status --wait >/dev/null || true

apt-get update -q
apt-get -y -q upgrade
# JDK 17 runtime from Ubuntu 24.04 LTS; chrony for the Amazon Time Sync Service (event ids are time-based UUIDs).
apt-get install -y -q --no-install-recommends \
  openjdk-17-jre-headless ca-certificates curl logrotate chrony
# AWS CLI v2 resolves secret references (SSM parameters) at boot; Ubuntu 24.04 ships it as a snap.
snap install aws-cli --classic

# An image never changes under a running service: updates arrive as a new bake.
apt-mark hold openjdk-17-jre-headless
systemctl disable unattended-upgrades.service apt-daily.timer apt-daily-upgrade.timer || true

# Amazon Time Sync Service, link-local, available in every VPC.
printf 'server 169.254.169.123 prefer iburst minpoll 4 maxpoll 4\n' > /etc/chrony/sources.d/aws-time-sync.sources

# Connection-heavy services: deeper accept queues, more ephemeral ports for store and Eureka clients.
cat > /etc/sysctl.d/60-identity.conf <<'SYSCTL'
net.core.somaxconn = 4096
net.ipv4.tcp_max_syn_backlog = 8192
net.ipv4.ip_local_port_range = 10240 65535
SYSCTL

# The service's dedicated user: no login shell, no home directory of its own.
if ! id -u "$SERVICE" >/dev/null 2>&1; then
  useradd --system --no-create-home --home-dir "/opt/$SERVICE" --shell /usr/sbin/nologin "$SERVICE"
fi

apt-get clean
rm -rf /var/lib/apt/lists/*
