#!/usr/bin/env bash
# Regenerates the dashboard pictures in this folder from a real run: the browser test writes them here.
set -euo pipefail
cd "$(dirname "$0")/../.."
PLAYERS_UPDATE_DOCS_IMAGES=1 dotnet test Players.Tests --filter "FullyQualifiedName~Players.Tests.Dashboard.DashboardTests"
ls -l docs/images/*.png
