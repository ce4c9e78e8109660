#!/usr/bin/env bash
# Release check: the README's two Quick start commands on a brand-new Debian 12 (bookworm, minbase)
# root with nothing added. Builds the root with debootstrap, copies the committed tree of HEAD into it
# (git archive: no build folders, no node_modules, no local changes), then inside it with chroot:
#   bash scripts/start.sh   until WebDPro answers /healthz, then stops it with SIGTERM (it must exit 0)
#   bash scripts/test.sh    the whole suite
# and prints each command's duration and the test count. Takes about 40 minutes on 2 cores and
# several GB of disk; it is not part of scripts/test.sh.
#
#   sudo bash scripts/check-fresh.sh [--dir DIR] [--mirror URL] [--jobs N] [--keep]
#     --dir DIR     where to build the root (default: a new folder under /var/tmp)
#     --mirror URL  Debian mirror (default http://deb.debian.org/debian)
#     --jobs N      parallel compile jobs inside (CMAKE_BUILD_PARALLEL_LEVEL; default 2)
#     --keep        keep the root afterwards (default: removed when the check passes)
# Full logs: DIR/start.log and DIR/test.log. Exit status 0 only when both commands passed.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
mirror=http://deb.debian.org/debian
security_mirror=http://deb.debian.org/debian-security
dir=""
jobs=2
keep=0
while (($#)); do
    case "$1" in
        --dir) dir=$2; shift 2 ;;
        --mirror) mirror=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "check-fresh: unknown argument $1" >&2; exit 2 ;;
    esac
done

if [[ $(id -u) -ne 0 ]]; then
    echo "check-fresh: run as root (debootstrap, mount and chroot need it)" >&2
    exit 2
fi
if ! command -v debootstrap >/dev/null 2>&1; then
    echo "check-fresh: installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

dir=${dir:-$(mktemp -d /var/tmp/webdpro-fresh.XXXXXX)}
root=$dir/root
mkdir -p "$root"
start_log=$dir/start.log
test_log=$dir/test.log
server_pid=""

# Everything mounted under the root, unmounted on any exit (also on Ctrl-C or a failed step).
cleanup() {
    local status=$?
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM -- "-$server_pid" 2>/dev/null || true  # its own process group: the build too
        wait "$server_pid" 2>/dev/null || true
    fi
    for mount_point in dev/pts dev/shm dev sys proc; do
        if mountpoint -q "$root/$mount_point"; then
            umount -l "$root/$mount_point" || true
        fi
    done
    if ((status == 0 && keep == 0)); then
        rm -rf --one-file-system "$dir"
    else
        echo "check-fresh: the root and its logs stay in $dir"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

seconds() { date +%s; }
took() { local s=$1; printf '%dm%02ds' $((s / 60)) $((s % 60)); }

echo "check-fresh: Debian 12 minbase root in $root"
t0=$(seconds)
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$dir/debootstrap.log" 2>&1 || {
    tail -20 "$dir/debootstrap.log" >&2
    exit 1
}
# The suites a Debian 12 installation has: the release, its updates and security updates.
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security_mirror bookworm-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
# A network that inspects TLS (a company proxy) has its own CA in this host's local store: the root
# trusts it too (ca-certificates, which setup.sh installs, takes it in), or npm cannot reach its
# registry. Nothing else of the host's is copied.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
fi
if [[ ! -s "$root/etc/hosts" ]]; then
    printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
fi
# Packages must not start their services (nginx, …) here: they would run in this host's network.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
echo "check-fresh: root ready in $(took $(($(seconds) - t0)))"

mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount -t tmpfs -o mode=1777 shm "$root/dev/shm"  # Chromium keeps shared memory here

mkdir -p "$root/src/webdpro"
git -C "$here" archive --format=tar HEAD | tar -x -C "$root/src/webdpro"
echo "check-fresh: copied $(git -C "$here" rev-parse --short HEAD) (committed files only)"

# A clean login-like environment: nothing from this host's shell leaks in. chroot, env and bash each
# exec the next, and the command is exec'd too, so the process started is the command itself.
root_env=(/usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    LANG=C.UTF-8 TERM=dumb CMAKE_BUILD_PARALLEL_LEVEL="$jobs")
in_root() {
    chroot "$root" "${root_env[@]}" /bin/bash -c "cd /src/webdpro && exec $1"
}

# A free loopback port: the chroot shares this host's network.
port=18080
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
done
healthy() {
    (
        exec 3<>"/dev/tcp/127.0.0.1/$port"
        printf 'GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
        read -r status_line <&3
        [[ "$status_line" == *" 200 "* || "$status_line" == *" 200" ]]
    ) 2>/dev/null
}

echo "check-fresh: bash scripts/start.sh --listen 127.0.0.1:$port (log: $start_log)"
t0=$(seconds)
# In its own process group (setsid), so stopping it early also stops the build it runs.
setsid chroot "$root" "${root_env[@]}" /bin/bash -c "cd /src/webdpro && exec bash scripts/start.sh --listen 127.0.0.1:$port" \
    >"$start_log" 2>&1 &
server_pid=$!
until healthy; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        tail -30 "$start_log" >&2
        echo "check-fresh: FAILED: scripts/start.sh stopped before WebDPro answered /healthz" >&2
        exit 1
    fi
    sleep 2
done
start_s=$(($(seconds) - t0))
echo "check-fresh: start.sh: serving after $(took "$start_s")"
kill -TERM "$server_pid"
server_status=0
wait "$server_pid" || server_status=$?
server_pid=""
if ((server_status != 0)); then
    tail -30 "$start_log" >&2
    echo "check-fresh: FAILED: webdpro exited $server_status on SIGTERM" >&2
    exit 1
fi
echo "check-fresh: start.sh: stopped cleanly on SIGTERM"

echo "check-fresh: bash scripts/test.sh (log: $test_log)"
t0=$(seconds)
test_status=0
in_root "bash scripts/test.sh" >"$test_log" 2>&1 || test_status=$?
test_s=$(($(seconds) - t0))
summary=$(grep -E '^[0-9]+% tests passed' "$test_log" | tail -1 || true)
echo "check-fresh: test.sh: $(took "$test_s"), exit $test_status: ${summary:-no ctest summary}"
if ((test_status != 0)); then
    grep -E '^\s+[0-9]+ - .*\((Failed|Timeout|SEGFAULT|Subprocess)' "$test_log" >&2 || tail -30 "$test_log" >&2
    echo "check-fresh: FAILED" >&2
    exit 1
fi
echo "check-fresh: PASSED: start.sh $(took "$start_s") to serving, test.sh $(took "$test_s"); $summary"
