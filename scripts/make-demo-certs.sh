#!/usr/bin/env bash
# Regenerates the demo target's certificates in templates/demo/: a demo CA (ca.pem) and a leaf for
# localhost and 127.0.0.1 (server.pem, server-key.pem). The CA's private key is thrown away, so
# these files cannot be used to sign anything else. Run again when the leaf expires (825 days).
set -euo pipefail

out="$(cd "$(dirname "$0")/.." && pwd)/templates/demo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat >"$work/ca.cnf" <<'CNF'
[req]
distinguished_name = dn
prompt = no
x509_extensions = ca
[dn]
O = shipcheck demo
CN = shipcheck demo CA (do not trust)
[ca]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
CNF

cat >"$work/leaf.cnf" <<'CNF'
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/ca-key.pem"
openssl req -x509 -new -config "$work/ca.cnf" -key "$work/ca-key.pem" -sha256 -days 3650 \
  -set_serial "0x$(openssl rand -hex 16)" -out "$out/ca.pem"

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/server-key.pem"
openssl req -new -key "$out/server-key.pem" -subj '/O=shipcheck demo/CN=localhost' -out "$work/server.csr"
# 825 days: the longest lifetime browsers accepted before 2020; a TLS check may flag it, as it should.
openssl x509 -req -in "$work/server.csr" -CA "$out/ca.pem" -CAkey "$work/ca-key.pem" -sha256 -days 825 \
  -set_serial "0x$(openssl rand -hex 16)" -extfile "$work/leaf.cnf" -out "$out/server.pem"

openssl verify -CAfile "$out/ca.pem" "$out/server.pem"
