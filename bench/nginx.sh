# Sourced by the bench scripts: nginx as the static baseline, tuned as a file server (no access log, sendfile,
# keep-alive without limit). nginx_start DIR HTTP ROOT... starts it with its own files in DIR (config, pid, logs, temp)
# and HTTP (its server blocks, and any map they use) inside the http block, serving the ROOT directories; nginx_stop
# stops it (idempotent).
# Installs nginx-light when missing (root).
command -v nginx >/dev/null || { echo "installing nginx"; apt-get install -y -qq nginx-light >/dev/null; }
nginx_dir=""
nginx_start() {
  nginx_dir=$1; local http=$2; shift 2
  mkdir -p "$nginx_dir/tmp"
  cat >"$nginx_dir/nginx.conf" <<NGINX
worker_processes auto;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 10000000;
  default_type text/plain;
  client_body_temp_path $nginx_dir/tmp; proxy_temp_path $nginx_dir/tmp; fastcgi_temp_path $nginx_dir/tmp;
  uwsgi_temp_path $nginx_dir/tmp; scgi_temp_path $nginx_dir/tmp;
$http
}
NGINX
  # nginx workers run as www-data: they need to read the roots and pass through every directory above them.
  local d
  for d in "$nginx_dir" "$@"; do
    chmod -R a+rX "$d"
    while d=$(dirname "$d"); [ "$d" != / ]; do chmod a+x "$d"; done
  done
  nginx -c "$nginx_dir/nginx.conf"
}
nginx_stop() {
  if [ -n "$nginx_dir" ] && [ -f "$nginx_dir/nginx.pid" ]; then nginx -c "$nginx_dir/nginx.conf" -s stop 2>/dev/null || true; fi
}
