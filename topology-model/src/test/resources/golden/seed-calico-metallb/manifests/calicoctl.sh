#!/bin/sh
# Calico v3.28.2: the configuration of calico.yaml as calicoctl commands. Run against the cluster's datastore.
set -eu
calicoctl patch bgpconfiguration default --patch '{"spec":{"asNumber":64513,"serviceLoadBalancerIPs":[{"cidr":"10.208.1.0/24"}]}}' \
  || calicoctl apply -f - <<'EOF'
apiVersion: projectcalico.org/v3
kind: BGPConfiguration
metadata:
  name: default
spec:
  asNumber: 64513
  serviceLoadBalancerIPs:
    - cidr: 10.208.1.0/24
EOF
calicoctl apply -f - <<'EOF'
apiVersion: projectcalico.org/v3
kind: BGPPeer
metadata:
  name: tor1
spec:
  peerIP: 10.0.0.1
  asNumber: 64512
EOF
calicoctl apply -f - <<'EOF'
apiVersion: projectcalico.org/v3
kind: IPPool
metadata:
  name: default-ipv4-ippool
spec:
  cidr: 10.244.0.0/16
  blockSize: 26
  natOutgoing: true
  ipipMode: Never
  vxlanMode: Never
EOF
