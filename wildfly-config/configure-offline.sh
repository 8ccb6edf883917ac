#!/usr/bin/env bash
# Applies a CLI script of this folder to a STOPPED WildFly, through an embedded
# server (offline). The scripts themselves are written for a connected CLI
# (jboss-cli.sh --connect --file=...), so this wrapper puts "embed-server" in
# front of them.
#
# Usage: wildfly-config/configure-offline.sh JBOSS_HOME [SERVER_CONFIG [SCRIPT [JBOSS_CLI_ARGS...]]]
#   JBOSS_HOME      the WildFly to configure (default: $JBOSS_HOME)
#   SERVER_CONFIG   default standalone.xml
#   SCRIPT          default wildfly-config/configure-server.cli
#   JBOSS_CLI_ARGS  passed to jboss-cli.sh, e.g. -Dqr.postgresql.jar=/path/to/postgresql.jar
# Running it twice is harmless (every step of the scripts is guarded).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jboss_home="${1:-${JBOSS_HOME:-}}"
server_config="${2:-standalone.xml}"
cli_script="${3:-$here/configure-server.cli}"
shift $(( $# < 3 ? $# : 3 ))

if [[ -z "$jboss_home" || ! -x "$jboss_home/bin/jboss-cli.sh" ]]; then
    echo "usage: $0 JBOSS_HOME [SERVER_CONFIG [SCRIPT [JBOSS_CLI_ARGS...]]]  (no bin/jboss-cli.sh under '${jboss_home}')" >&2
    exit 2
fi
if [[ ! -r "$cli_script" ]]; then
    echo "$0: cannot read CLI script '$cli_script'" >&2
    exit 2
fi

embedded="$(mktemp "${TMPDIR:-/tmp}/qr-configure.XXXXXX")"
trap 'rm -f "$embedded"' EXIT
{
    echo "embed-server --std-out=discard --server-config=${server_config}"
    cat "$cli_script"
    echo
    echo "stop-embedded-server"
} > "$embedded"

# jboss-cli.sh embeds the server found through JBOSS_HOME when it is set: make it this one
export JBOSS_HOME="$(cd "$jboss_home" && pwd)"
"$JBOSS_HOME/bin/jboss-cli.sh" --file="$embedded" "$@"
