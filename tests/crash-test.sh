#!/usr/bin/env bash
# The crash check (CrashSafetyCheck): load, kill -9 of the server five times, then proof that
# every acknowledged message is stored exactly once and the store is consistent; on the
# embedded database and on PostgreSQL (127.0.0.1:5432, a throwaway database). Needs the
# modules installed (`mvn install` or an earlier `mvn verify`).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -pl tests verify -Pcrash
db=libertymail_crash
psql="psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -U postgres -d postgres"
$psql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
$psql -c "CREATE DATABASE $db"
mvn -B -ntp -pl tests verify -Pcrash -Dit.db=postgresql -Dit.db.url="jdbc:postgresql://127.0.0.1:5432/$db"
