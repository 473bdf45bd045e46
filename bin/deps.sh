# Shared by bin/lbstudio, bin/test-all, bin/package and bin/screenshots: install what LB Studio
# needs on Debian/Ubuntu. Installs only what is missing. Works as root (a fresh Debian root shell
# has no sudo) and as a user with sudo: only the steps that need root run through sudo, and each
# says why first.

# To build and run the app.
RUN_PACKAGES=(openjdk-17-jdk-headless maven)
# Extra for the tests: real FRR and BIRD for config checks and the namespace lab, kube-proxy NAT,
# the BMP relay, the SSH tests, a display for GUI screenshots, and etcd (plus xz to unpack the
# kube-apiserver from ../shared/envtest) for the real API server the Kubernetes tests start.
TEST_PACKAGES=(frr bird2 iproute2 nftables iptables socat openssh-server procps psmisc xvfb 'libgtk-3-0|libgtk-3-0t64' xauth etcd-server xz-utils)
# Extra for bin/package: jpackage's deb type runs dpkg-deb under fakeroot and strips with objcopy.
PACKAGE_PACKAGES=(fakeroot binutils)

is_root() { [ "$(id -u)" -eq 0 ]; }

# as_root WHY COMMAND...: runs COMMAND as root — directly when this is root, otherwise through
# sudo after saying WHY; without sudo it says what to run as root instead and fails.
as_root() {
  local why="$1"
  shift
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null; then
    echo "lbstudio: $why needs root; running with sudo: $*" >&2
    sudo -- "$@"
  else
    echo "lbstudio: $why needs root, and sudo is not installed; run as root: $*" >&2
    return 1
  fi
}

# Each argument is a package, or alternatives "a|b" for a library renamed between releases
# (Ubuntu 24.04 and Debian 13 have libgtk-3-0t64, where older ones have libgtk-3-0; the old name
# is only a virtual package there, which apt will not pick by itself).
ensure_packages() {
  local missing=() wanted=()
  local p alt
  for p in "$@"; do
    installed "$p" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "lbstudio: installing ${missing[*]} ..." >&2
  as_root "installing packages (${missing[*]})" apt-get update -qq >/dev/null
  for p in "${missing[@]}"; do
    for alt in ${p//|/ }; do
      if apt-cache policy "$alt" 2>/dev/null | grep -q 'Candidate: [^(]'; then
        wanted+=("$alt")
        continue 2
      fi
    done
    wanted+=("${p%%|*}") # none known: let apt say why
  done
  as_root "installing packages (${wanted[*]})" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
  # The FRR package starts a system-wide FRR; the lab runs its own instances and needs none.
  if [ -d /run/systemd/system ] && systemctl is-active --quiet frr 2>/dev/null; then
    as_root "stopping the system FRR the package started" systemctl stop frr || true
  fi
  # etcd-server enables a system etcd on 2379; the tests start their own on a free loopback port.
  if [ -d /run/systemd/system ] && systemctl is-enabled --quiet etcd 2>/dev/null; then
    as_root "stopping the system etcd the package started" systemctl disable --now etcd || true
  fi
}

# installed "a|b": true when one of the alternatives is installed.
installed() {
  local alt
  for alt in ${1//|/ }; do
    dpkg-query -W -f='${Status}' "$alt" 2>/dev/null | grep -q "install ok installed" && return 0
  done
  return 1
}

# BIRD 1.6 (Calico's BIRD is a 1.6 fork) for checking the bird1 config dialect. Debian's 'bird'
# package conflicts with bird2, so it is unpacked, not installed (lab-notes §1); the binary needs
# no extra libraries. Downloading needs no root; unpacking into /opt does.
BIRD1_DIR=/opt/lbstudio/bird1
ensure_bird1() {
  [ -x "$BIRD1_DIR/usr/sbin/bird" ] && return 0
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && apt-get download -qq bird >/dev/null 2>&1) \
    && as_root "unpacking BIRD 1.6 into $BIRD1_DIR" sh -c "mkdir -p '$BIRD1_DIR' && dpkg -x '$tmp'/bird_*.deb '$BIRD1_DIR'"
  rm -rf "$tmp"
}
