#!/usr/bin/env bash
# The delivery and IMAP benchmarks on the embedded database and on PostgreSQL (127.0.0.1:5432, a
# throwaway database). Each run starts the real server from the shipped server.xml; the figures
# go to tests/target/benchmark-<db>.json, tests/target/imap-benchmark-<db>.json and to the
# console. Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -pl tests verify -Pbenchmark | grep -E "sessions| imap |Tests run|BUILD"
db=libertymail_bench
psql="psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -U postgres -d postgres"
$psql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
$psql -c "CREATE DATABASE $db"
mvn -B -ntp -pl tests verify -Pbenchmark -Dit.db=postgresql -Dit.db.url="jdbc:postgresql://127.0.0.1:5432/$db" \
  | grep -E "sessions| imap |Tests run|BUILD"
cat tests/target/benchmark-hsqldb.json tests/target/benchmark-postgresql.json \
  tests/target/imap-benchmark-hsqldb.json tests/target/imap-benchmark-postgresql.json
