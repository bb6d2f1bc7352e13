#!/usr/bin/env bash
# Bakes the AMI of each named service (default: all three) from this checkout's Maven build output.
#   mvn -DskipTests package               # builds <service>/target/<service>.jar and target/lib/
#   ami-bake/bake.sh user-command          # packer build; the AMI id lands in ami-bake/target/packer-manifest.json
#   ami-bake/bake.sh --validate-only       # what CI runs (no AWS needed)
# AMIs are tagged with the git commit, so the working tree must be clean (ALLOW_DIRTY=1 to override locally).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

mode=build
if [[ ${1:-} == --validate-only ]]; then
  mode=validate
  shift
fi
services=("$@")
((${#services[@]})) || services=(user-command user-query verification)

if [[ $mode == build ]]; then
  if [[ ${ALLOW_DIRTY:-0} != 1 ]] && ! git -C "$root" diff --quiet HEAD --; then
    echo "bake.sh: uncommitted changes; bake from a commit (or ALLOW_DIRTY=1 for a throwaway AMI)" >&2
    exit 1
  fi
  APP_VERSION=${APP_VERSION:-$(cd "$root" && mvn -q help:evaluate -Dexpression=project.version -DforceStdout)}
  GIT_COMMIT=${GIT_COMMIT:-$(git -C "$root" rev-parse --short=12 HEAD)}
  BUILD_NUMBER=${BUILD_NUMBER:-local}
  export APP_VERSION GIT_COMMIT BUILD_NUMBER
fi

for service in "${services[@]}"; do
  if [[ $mode == validate ]]; then
    packer validate -syntax-only -var "service=$service" "$here/packer/service.json"
    continue
  fi
  if [[ ! -f $root/$service/target/$service.jar ]]; then
    echo "bake.sh: no $service/target/$service.jar; run 'mvn -DskipTests package' first" >&2
    exit 1
  fi
  packer build -var "service=$service" "$here/packer/service.json"
done
