# Sourced by the scripts beside it, from the repository's top.

# Builds the load generator (load-test/target/load-test.jar) when it is missing or older than its sources.
load_test_jar() {
  local jar=load-test/target/load-test.jar
  if [ ! -f "$jar" ] || [ -n "$(find pom.xml load-test/pom.xml load-test/src/main -newer "$jar" -print -quit)" ]; then
    echo "load-test: building the load generator…" >&2
    ./teller mvn -B -q --no-transfer-progress -pl load-test -DskipTests -Dspotless.check.skip=true package >&2
  fi
}

# Runs it (building it first if need be) on the JDK 21+ that ./teller finds.
load_test() {
  load_test_jar
  ./teller java -jar load-test/target/load-test.jar "$@"
}

need_server_jar() { # $1 = the script's name, for the message
  [ -f bot-server/target/bot-server.jar ] \
    || { echo "$1: build the server first (./teller mvn -q -DskipTests package)" >&2; exit 1; }
}
