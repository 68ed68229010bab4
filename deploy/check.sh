#!/usr/bin/env bash
# Checks the deployment files without a Docker engine: docker-compose.yml with Debian's docker-compose
# (`docker-compose config`, against .env.example; also with docker-compose.axonserver.yml), and the Nginx
# configuration rendered from its template with `nginx -t`. CI runs it; it installs docker-compose and nginx when
# missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v envsubst >/dev/null 2>&1 || missing+=(gettext-base)
if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "deploy/check.sh: missing ${missing[*]}: apt-get install them" >&2; exit 1; }
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The compose file, with the example's settings and a password filled in.
sed -e 's/^POSTGRES_PASSWORD=$/POSTGRES_PASSWORD=example-only/' -e 's/^MINIO_ROOT_USER=$/MINIO_ROOT_USER=example-only/' \
    -e 's/^MINIO_ROOT_PASSWORD=$/MINIO_ROOT_PASSWORD=example-only/' .env.example > "$work/.env"
cp docker-compose.yml "$work/"
mkdir -p "$work/deploy" && cp -r deploy/nginx "$work/deploy/"
(cd "$work" && docker-compose config -q)
echo "deploy/check.sh: docker-compose config accepts docker-compose.yml"

# With the Axon Server override and profile (ADR 28): all three instances get the Spring profile, and only there.
cp docker-compose.axonserver.yml "$work/"
axonserver=(docker-compose --profile axonserver -f docker-compose.yml -f docker-compose.axonserver.yml)
(cd "$work" && "${axonserver[@]}" config -q)
on_axonserver=$(cd "$work" && "${axonserver[@]}" config | grep -c 'SPRING_PROFILES_ACTIVE: axonserver' || true)
without=$(cd "$work" && docker-compose config | grep -c 'SPRING_PROFILES_ACTIVE' || true)
[ "$on_axonserver" -eq 3 ] && [ "$without" -eq 0 ] || {
  echo "deploy/check.sh: SPRING_PROFILES_ACTIVE=axonserver on $on_axonserver instances with the override (want 3)," \
       "$without without it (want 0)" >&2; exit 1; }
echo "deploy/check.sh: docker-compose config accepts it with docker-compose.axonserver.yml and profile axonserver"

# Nginx's configuration as the compose file renders it, with the instances on this machine (nginx -t resolves the
# upstreams' names).
mkdir -p "$work/nginx/conf.d" "$work/nginx/logs"
CATALOG_UPSTREAM_SERVERS="server 127.0.0.1:18081; server 127.0.0.1:18082; server 127.0.0.1:18083;" NGINX_PORT=18080 \
  NGINX_CACHE_PATH="$work/nginx/cache" \
  envsubst '${CATALOG_UPSTREAM_SERVERS} ${NGINX_PORT} ${NGINX_CACHE_PATH}' < deploy/nginx/catalog.conf.template \
  > "$work/nginx/conf.d/catalog.conf"
cat > "$work/nginx/nginx.conf" <<CONF
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events {}
http {
    access_log off;
    include $work/nginx/conf.d/*.conf;
}
CONF
nginx -t -q -p "$work/nginx" -c "$work/nginx/nginx.conf"
echo "deploy/check.sh: nginx -t accepts deploy/nginx/catalog.conf.template as rendered"
