# Shared by bin/lbstudio and bin/test-all: install what LB Studio needs on Debian/Ubuntu.
# Installs only what is missing, and only as root; otherwise says what to install.

# To build and run the app.
RUN_PACKAGES=(openjdk-17-jdk-headless maven)
# Extra for the tests: real FRR and BIRD for config checks and the namespace lab, kube-proxy NAT,
# the BMP relay, the SSH tests, a display for GUI screenshots, and etcd (plus xz to unpack the
# kube-apiserver from ../shared/envtest) for the real API server the Kubernetes tests start.
TEST_PACKAGES=(frr bird2 iproute2 nftables iptables socat openssh-server procps psmisc xvfb libgtk-3-0 xauth etcd-server xz-utils)

ensure_packages() {
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "lbstudio: missing packages: ${missing[*]}" >&2
    echo "lbstudio: install them with: sudo apt-get install -y ${missing[*]} (or run this command with sudo)" >&2
    return 1
  fi
  echo "lbstudio: installing ${missing[*]} ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The FRR package starts a system-wide FRR; the lab runs its own instances and needs none.
  if [ -d /run/systemd/system ] && systemctl is-active --quiet frr 2>/dev/null; then
    systemctl stop frr || true
  fi
  # etcd-server enables a system etcd on 2379; the tests start their own on a free loopback port.
  if [ -d /run/systemd/system ] && systemctl is-enabled --quiet etcd 2>/dev/null; then
    systemctl disable --now etcd || true
  fi
}

# BIRD 1.6 (Calico's BIRD is a 1.6 fork) for checking the bird1 config dialect. Debian's 'bird'
# package conflicts with bird2, so it is unpacked, not installed (lab-notes §1); the binary needs
# no extra libraries.
BIRD1_DIR=/opt/lbstudio/bird1
ensure_bird1() {
  [ -x "$BIRD1_DIR/usr/sbin/bird" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "lbstudio: BIRD 1.6 missing at $BIRD1_DIR; as root: apt-get download bird && dpkg -x bird_*.deb $BIRD1_DIR" >&2
    return 0
  fi
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && apt-get download -qq bird >/dev/null 2>&1 && mkdir -p "$BIRD1_DIR" && dpkg -x bird_*.deb "$BIRD1_DIR")
  rm -rf "$tmp"
}
