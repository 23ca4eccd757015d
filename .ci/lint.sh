#!/usr/bin/env bash
# Formatting is checked, not argued about: swift-format from the toolchain, configured in
# .swift-format (4 spaces, 120 columns). Generated files (protobuf, the OpenAPI document) are
# left out. Fix a failure with: bash .ci/lint.sh --fix
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find Sources Tests Benchmarks -name '*.swift' ! -name '*.generated.swift' ! -name '*.pb.swift' | sort)
if [ "${1:-}" = "--fix" ]; then
    swift format format --in-place --configuration .swift-format "${files[@]}"
else
    swift format lint --strict --configuration .swift-format "${files[@]}"
fi
