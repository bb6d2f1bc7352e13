#!/usr/bin/env bash
# Bake step 2 of 3 (root): one service's jar, lib/, production config, systemd unit, boot/stop helpers
# and log rotation. Inputs: SERVICE, APP_VERSION, STAGE_DIR (where packer uploaded the Maven build output).
set -euo pipefail
: "${SERVICE:?SERVICE is required}" "${STAGE_DIR:?STAGE_DIR is required}"
case "$SERVICE" in
  user-command | user-query | verification) ;;
  *) echo "unknown service '$SERVICE'" >&2; exit 1 ;;
esac

# Code and config belong to root; the service user can read, never write them.
install -d -o root -g root -m 0755 "/opt/$SERVICE" "/opt/$SERVICE/lib" /opt/identity/bin
install -d -o root -g "$SERVICE" -m 0750 "/etc/$SERVICE"
install -o root -g root -m 0644 "$STAGE_DIR/$SERVICE.jar" "/opt/$SERVICE/$SERVICE.jar"
install -o root -g root -m 0644 "$STAGE_DIR"/lib/*.jar "/opt/$SERVICE/lib/"
install -o root -g "$SERVICE" -m 0640 "$STAGE_DIR/production.yml" "/etc/$SERVICE/production.yml"
install -o root -g root -m 0755 "$STAGE_DIR"/files/bin/* /opt/identity/bin/

# Ports and the Eureka name, read from the service's own production.yml so the stop hook cannot disagree with it.
/opt/identity/bin/service-facts "/etc/$SERVICE/production.yml" > "/etc/$SERVICE/service.env"
chmod 0644 "/etc/$SERVICE/service.env"

sed "s/@SERVICE@/$SERVICE/g" "$STAGE_DIR/files/systemd/identity-service.service" > "/etc/systemd/system/$SERVICE.service"
sed "s/@SERVICE@/$SERVICE/g" "$STAGE_DIR/files/logrotate/identity-service" > "/etc/logrotate.d/$SERVICE"
# Size-triggered rotation only works if logrotate runs more often than daily.
install -d /etc/systemd/system/logrotate.timer.d
install -m 0644 "$STAGE_DIR/files/systemd/logrotate-hourly.conf" /etc/systemd/system/logrotate.timer.d/hourly.conf

printf 'service=%s\napp_version=%s\n' "$SERVICE" "${APP_VERSION:-unknown}" > /etc/identity-release
systemctl daemon-reload
# Enabled, not started: without user data there is nothing to connect to. It starts on the instance's first boot.
systemctl enable "$SERVICE.service"
rm -rf "$STAGE_DIR"
