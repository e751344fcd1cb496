# Sourced by run.sh and test.sh: installs Azurite from the committed package-lock.json when it is missing or stale.
# The copy of the lock file in node_modules/ records what was installed, so an up-to-date tree costs nothing.
ensure_azurite() {
  if [ ! -f node_modules/azurite/dist/src/azurite.js ] || ! cmp -s package-lock.json node_modules/.leadintake-installed-lock; then
    printf '==> installing Azurite (npm ci)\n' >&2
    npm ci --no-audit --no-fund --loglevel=error >&2
    cp package-lock.json node_modules/.leadintake-installed-lock
  fi
}
