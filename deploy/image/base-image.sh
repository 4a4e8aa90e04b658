#!/usr/bin/env bash
# Makes a container base image for Patchflow from this machine, with no registry and no Docker
# daemon: a Java runtime cut to the modules Patchflow uses (jlink), the shared libraries it
# loads, a CA bundle, and a `patchflow` user (uid 10001) owning /var/lib/patchflow. Written as a
# Docker archive (`docker save` format, one layer), which Jib takes as a base with
# -Djib.from.image=tar://FILE.
#
#   deploy/image/base-image.sh target/image/base.tar
#
# JAVA_HOME picks the JDK (default: the one `javac` belongs to). Linux/amd64 only.
set -euo pipefail

out="${1:?usage: base-image.sh OUT.tar}"
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
[ -x "$jdk/bin/jlink" ] || { echo "base-image: no jlink in $jdk (set JAVA_HOME to a JDK)" >&2; exit 1; }
[ "$(uname -m)" = x86_64 ] || { echo "base-image: only linux/amd64 is supported, this is $(uname -m)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/patchflow-base-XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"

# The modules of the shaded jar and its libraries, plus what is only loaded by name at run
# time (TLS with EC keys, DNS names, zip file systems, JFR for profiling in production).
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.naming.dns,jdk.zipfs,jdk.jfr,jdk.management,jdk.management.jfr,jdk.net,jdk.localedata
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$root/opt/java" >&2

# Every shared library the runtime's executables and libraries need, at the same paths.
copy_libs() {
  local f lib
  for f in "$@"; do
    ldd "$f" 2>/dev/null | awk '/=> \// {print $3} /^[[:space:]]*\/[^ ]*ld-linux/ {print $1}' | while read -r lib; do
      case "$lib" in "$root"/*) continue ;; esac # the runtime's own, found through $ORIGIN
      [ -e "$root$lib" ] || cp --parents -L "$lib" "$root"
    done
  done
}
# Not the desktop's (windows, sound, fonts, images): java.desktop is in for java.beans only, and a
# server never loads those, so their X11, ALSA and font libraries stay out.
mapfile -t elves < <(find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) \
  ! -name 'libawt_xawt.so' ! -name 'libsplashscreen.so' ! -name 'libjsound.so' ! -name 'libfontmanager.so' \
  ! -name 'liblcms.so' ! -name 'libjavajpeg.so' ! -name 'libmlib_image.so' ! -name 'libawt_headless.so' ! -name 'libjawt.so' \
  -exec sh -c 'head -c4 "$1" | grep -q ELF && echo "$1"' _ {} \;)
copy_libs "${elves[@]}"
# glibc loads these by name (user and host lookups), not through ldd's list.
for lib in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libresolv.so.2; do
  [ -e "$lib" ] && cp --parents -L "$lib" "$root"
done

mkdir -p "$root/etc/ssl/certs" "$root/tmp" "$root/var/lib/patchflow" "$root/dev" "$root/proc"
chmod 1777 "$root/tmp"
[ -f /etc/ssl/certs/ca-certificates.crt ] && cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
printf 'root:x:0:0:root:/root:/sbin/nologin\npatchflow:x:10001:10001:Patchflow:/var/lib/patchflow:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\npatchflow:x:10001:\n' > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"

# One layer; fixed times and owners, so the same inputs give the same image.
layer="$work/layer.tar"
# The data directory belongs to the patchflow user: it is added on its own with that owner.
tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 -C "$root" -cf "$layer" \
  --exclude=./var/lib/patchflow .
tar --mtime=@0 --numeric-owner --owner=10001 --group=10001 -C "$root" -rf "$layer" ./var/lib/patchflow
layer_sha="$(sha256sum "$layer" | cut -d' ' -f1)"

config="$work/config.json"
cat > "$config" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],
           "User":"10001:10001","WorkingDir":"/var/lib/patchflow"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/image/base-image.sh"}]}
JSON
config_sha="$(sha256sum "$config" | cut -d' ' -f1)"

pkg="$work/pkg"
mkdir -p "$pkg/$layer_sha"
mv "$layer" "$pkg/$layer_sha/layer.tar"
mv "$config" "$pkg/$config_sha.json"
printf '[{"Config":"%s.json","RepoTags":["patchflow-base:local"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_sha" "$layer_sha" > "$pkg/manifest.json"
mkdir -p "$(dirname "$out")"
# Entries named without "./": loaders look for "manifest.json" as it is.
tar --mtime=@0 --numeric-owner --owner=0 --group=0 -C "$pkg" -cf "$out" \
  manifest.json "$config_sha.json" "$layer_sha/layer.tar"
echo "base-image: wrote $out ($(du -h "$out" | cut -f1), java $("$root/opt/java/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2))" >&2
