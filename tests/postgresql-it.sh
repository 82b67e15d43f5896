#!/usr/bin/env bash
# Runs the end-to-end suite against PostgreSQL on 127.0.0.1:5432 in a new, empty database
# (dropped first if an earlier run left it). Needs the modules installed (`mvn install` or a
# previous `mvn verify` of the whole project).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${IT_PG_DATABASE:-libertymail_it}
psql="psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -U postgres -d postgres"
$psql -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
$psql -c "CREATE DATABASE $db"
mvn -B -ntp install -DskipTests -q
mvn -B -ntp -pl tests verify -Dit.db=postgresql -Dit.db.url="jdbc:postgresql://127.0.0.1:5432/$db"
