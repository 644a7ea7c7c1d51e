#!/bin/sh
# Stand-in for Prisma's schema engine, which the CLI would otherwise download (this machine has no route to it).
# `prisma generate` only asks for its version; migrations are applied by src/infra/db/migrations, not by it.
case "$1" in
  --version|-V) echo "schema-engine-cli 0.0.0-stub" ;;
  *) echo "schema engine is not available: migrations run through 'npm run db:migrate'" >&2; exit 1 ;;
esac
