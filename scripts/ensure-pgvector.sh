#!/usr/bin/env bash
# Makes sure the PostgreSQL server at $PGHOST:$PGPORT can `CREATE EXTENSION vector`.
# pgvector for PostgreSQL 15 is not packaged in Debian bookworm, so when the extension is missing we build it
# from Debian trixie's *source* package (no binary download: only Debian's own source archive and toolchain).
set -euo pipefail

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
DB=${PGVECTOR_CHECK_DB:-postgres}
export PGHOST PGPORT PGUSER

psql_q() { psql -X -v ON_ERROR_STOP=1 -qAt -d "$DB" "$@"; }

if psql_q -c 'CREATE EXTENSION IF NOT EXISTS vector' >/dev/null 2>&1; then
  echo "pgvector: available ($(psql_q -c "select extversion from pg_extension where extname='vector'"))"
  exit 0
fi

pg_major=$(psql_q -c 'show server_version_num' | cut -c1-2)
echo "pgvector: missing for PostgreSQL ${pg_major}; building it from Debian's source package"

# The mirror this machine already uses, so the build needs no host beyond its own apt sources.
mirror=$( (grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true) |
  grep -oE "https?://[^ ]*debian[^ ]*" | grep -v security | head -n1 || true)
mirror=${mirror:-http://deb.debian.org/debian}

work=$(mktemp -d /tmp/pgvector-build.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/src"
echo "deb-src $mirror trixie main" >"$work/trixie-src.list"
apt_opts=(-o "Dir::Etc::SourceList=$work/trixie-src.list" -o "Dir::Etc::SourceParts=-"
  -o "Dir::State::Lists=$work/lists" -o "APT::Sandbox::User=root")

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq "postgresql-server-dev-${pg_major}" make gcc dpkg-dev >/dev/null
apt-get "${apt_opts[@]}" update -qq
(cd "$work/src" && apt-get "${apt_opts[@]}" source --download-only pgvector >/dev/null)
dsc=$(ls "$work/src"/pgvector_*.dsc | head -n1)
dpkg-source --no-check -x "$dsc" "$work/src/pgvector" >/dev/null
# OPTFLAGS="" drops -march=native so the library runs on any x86-64 machine the cluster may move to.
make -s -C "$work/src/pgvector" PG_CONFIG="/usr/lib/postgresql/${pg_major}/bin/pg_config" OPTFLAGS="" >/dev/null
make -s -C "$work/src/pgvector" PG_CONFIG="/usr/lib/postgresql/${pg_major}/bin/pg_config" OPTFLAGS="" install >/dev/null

psql_q -c 'CREATE EXTENSION IF NOT EXISTS vector' >/dev/null
echo "pgvector: installed ($(psql_q -c "select extversion from pg_extension where extname='vector'"))"
