#!/usr/bin/env bash
# The Debian package and the deployment files: builds the .deb with CPack from a build folder and
# checks what it installs and declares; checks that the default configuration loads, that the
# systemd unit parses (when systemd-analyze is present) and that the nginx example is valid nginx.
#   scripts/check-package.sh BUILD_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:?usage: check-package.sh BUILD_DIR}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-package: $*" >&2; exit 1; }

# Fast compression: the content is what is checked here, not the size.
(cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/out" \
    -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$work"/out/webdpro_*.deb 2>/dev/null | head -1)
[[ -n "$deb" ]] || fail "no .deb written"

contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/webdpro ./usr/lib/systemd/system/webdpro.service ./etc/webdpro/webdpro.toml \
            ./usr/share/doc/webdpro/operations.md ./usr/share/doc/webdpro/nginx-webdpro.conf; do
    grep -q " $path\$" <<<"$contents" || fail "the package lacks $path"
done
info=$(dpkg-deb -I "$deb")
grep -q '^ Package: webdpro$' <<<"$info" || fail "wrong package name"
grep -q '^ Depends: .*libsqlite3' <<<"$info" || fail "Depends does not name the shared libraries: $(grep Depends <<<"$info")"
dpkg-deb -e "$deb" "$work/control"
grep -qx '/etc/webdpro/webdpro.toml' "$work/control/conffiles" || fail "the configuration is not a conffile"
[[ -x "$work/control/postinst" ]] || fail "no postinst"
dpkg-deb -x "$deb" "$work/root"
"$work/root/usr/bin/webdpro" --version >/dev/null || fail "the packaged binary does not run"

# The default configuration loads (migrate reads it, then works on a scratch data dir).
"$build/src/app/webdpro" migrate --config "$here/packaging/webdpro.toml" --data-dir "$work/data" >/dev/null \
    || fail "packaging/webdpro.toml does not load"

if command -v systemd-analyze >/dev/null 2>&1; then
    # Only the unit's syntax and directives: the binary path is checked above.
    if ! systemd-analyze verify "$here/packaging/webdpro.service" >"$work/unit.log" 2>&1; then
        grep -v "Command /usr/bin/webdpro is not executable\|webdpro: No such file" "$work/unit.log" | grep -q . \
            && { cat "$work/unit.log" >&2; fail "the systemd unit does not verify"; }
    fi
fi

if command -v nginx >/dev/null 2>&1; then
    # A throwaway certificate in place of the real one; everything else exactly as shipped.
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=test -keyout "$work/key.pem" \
        -out "$work/cert.pem" >/dev/null 2>&1
    sed -e "s|/etc/ssl/webdpro/fullchain.pem|$work/cert.pem|; s|/etc/ssl/webdpro/privkey.pem|$work/key.pem|" \
        "$here/packaging/nginx-webdpro.conf" >"$work/site.conf"
    cat >"$work/nginx.conf" <<NGINX
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http {
    access_log off;
    client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
    uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
    include $work/site.conf;
}
NGINX
    nginx -t -q -p "$work" -c "$work/nginx.conf" 2>"$work/nginx.log" || { cat "$work/nginx.log" >&2; fail "the nginx example is not valid"; }
fi
echo "check-package: $(basename "$deb") ($(du -h "$deb" | cut -f1)) installs the binary, unit, configuration and docs"
