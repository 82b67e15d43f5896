#!/usr/bin/env bash
# The delivery and IMAP benchmarks on the embedded database and on PostgreSQL (127.0.0.1:5432, a
# throwaway database). Each benchmark starts the real server from the shipped server.xml on an
# empty database, so neither measures the other's mail; the figures go to
# tests/target/benchmark-<db>.json, tests/target/imap-benchmark-<db>.json and to the console.
# Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
db=libertymail_bench
psql="psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -U postgres -d postgres"
for benchmark in DeliveryBenchmark ImapBenchmark; do
  mvn -B -ntp -pl tests verify -Pbenchmark -Dit.test=$benchmark | grep -E "sessions| imap |Tests run:|BUILD"
  $psql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  $psql -c "CREATE DATABASE $db"
  mvn -B -ntp -pl tests verify -Pbenchmark -Dit.test=$benchmark -Dit.db=postgresql \
    -Dit.db.url="jdbc:postgresql://127.0.0.1:5432/$db" | grep -E "sessions| imap |Tests run:|BUILD"
done
cat tests/target/benchmark-hsqldb.json tests/target/benchmark-postgresql.json \
  tests/target/imap-benchmark-hsqldb.json tests/target/imap-benchmark-postgresql.json
