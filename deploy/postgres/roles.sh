#!/usr/bin/env bash
# 数据库角色 (the database roles), run once by the postgres image on an empty data directory
# (mounted at /docker-entrypoint-initdb.d): the owner role that migrates and owns the office
# database, and one runtime role per service that owns nothing. Passwords from the environment.
set -euo pipefail
psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres)
"${psql[@]}" -v password="$OA_OWNER_DB_PASSWORD" <<<"CREATE ROLE oa_owner LOGIN CREATEDB PASSWORD :'password';"
for service in documents meetings archives seals audit directory affairs; do
  variable="OA_$(tr '[:lower:]' '[:upper:]' <<<"$service")_DB_PASSWORD"
  "${psql[@]}" -v password="${!variable}" <<<"CREATE ROLE oa_${service} LOGIN PASSWORD :'password';"
done
"${psql[@]}" <<<"CREATE DATABASE office OWNER oa_owner;"
