#!/usr/bin/env bash
# DelTran's one entry point for people and CI.
#   ./build.sh demo    DelTran's main job on the embedded default: `deltran process` over sample-messages/
#   ./build.sh test    the whole test suite, as CI runs it (.ci/run calls exactly this)
#   ./build.sh bench   the validation benchmark (bench/run.sh)
#   ./build.sh servers the integration tests' servers, left running (see start_servers below)
#   ./build.sh fuzz    afl++ coverage-guided fuzzing of the reader and validator (see cmd_fuzz below)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No TTY in CI; the MSBuild terminal logger would also hide the per-project test summaries.
export MSBUILDTERMINALLOGGER=off

usage() {
  cat >&2 <<'USAGE'
usage: ./build.sh demo | test | bench | fuzz [SECONDS] | servers | servers-stop DIR
  demo   build Release (deltran, and the mock bank beside it) and run `deltran process` over
         sample-messages/ (pacs.002s in out/demo/)
  test   restore, build (warnings are errors), check formatting, run every test project;
         ends with one line "N passed, N failed[, N skipped]"
  bench  run bench/run.sh (xmllint vs deltran validate on a generated 100k-transaction pacs.008)
  fuzz   afl++ on the validator for SECONDS (default 600) through bench/DelTran.Fuzz (SharpFuzz);
         seeds from the samples, everything in out/fuzz/; ends with executions, corpus, crashes, hangs
  servers       start PostgreSQL, RabbitMQ and sshd/SFTP for the tests (root) and leave them
                running; stdout is the DELTRAN_TEST_* exports: eval "$(./build.sh servers)"
  servers-stop  stop them and remove their folder: ./build.sh servers-stop "$DELTRAN_TEST_SERVERS_DIR"
USAGE
}

log() { printf '%s\n' "build.sh: $*" >&2; }
die() { log "$*"; exit 2; }

is_root() { [[ $(id -u) -eq 0 ]]; }

# apt-get install, quietly, only when root; otherwise say what is missing.
apt_install() {
  if is_root && command -v apt-get >/dev/null 2>&1; then
    log "installing $*"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    log "missing $* (not root: install it yourself with apt-get install $*)"
  fi
}

# ---------------------------------------------------------------------------------------------
# Servers for the integration tests: PostgreSQL 15, RabbitMQ 3.10 and OpenSSH's sshd (internal-sftp).
# Real servers, listening on 127.0.0.1 only, each with its data in one throwaway folder
# ($SERVERS_DIR, under $SERVERS_BASE) that stop_servers removes again. `./build.sh test` starts
# them right before `dotnet test` and stops them (trap) whatever the outcome. By hand:
#   eval "$(./build.sh servers)"                       start them; stdout is the DELTRAN_TEST_* exports
#   dotnet test tests/DelTran.Host.Tests               any test run in that shell now finds them
#   ./build.sh servers-stop "$DELTRAN_TEST_SERVERS_DIR"
# Needs root: PostgreSQL and RabbitMQ run as their system users (runuser), the SFTP user is created
# with useradd, and sshd's chroot must be root-owned all the way up (hence not under /tmp).
# Debian's rabbitmq-server and openssh-server (and PostgreSQL if it is missing) are installed when
# missing, with a temporary policy-rc.d so their own system services never start.
# Ports: the first of 10 "slots" whose ports are all free, so two runs on one machine do not
# collide; DELTRAN_PG_PORT, DELTRAN_RABBITMQ_PORT, DELTRAN_SFTP_PORT or DELTRAN_EPMD_PORT fix them.
# Left-overs of a run that was killed (its build.sh is gone) are stopped and removed by the next run.
# ---------------------------------------------------------------------------------------------
SERVERS_BASE="${DELTRAN_SERVERS_BASE:-/var/lib/deltran-test}"
SERVERS_DIR=""
SFTP_USER=deltransftp
SFTP_PARTICIPANTS=(SRCBINBB EPRLAEAD LBHBUS33)
# Participants with an SFTP account of their own, as a production server gives them (README, "Drop folders"):
# user deltran-<bic8 in lower case> in group $SFTP_ACCOUNT_GROUP, chrooted to a folder of its own holding
# inbound/ processed/ rejected/ outbound/, signing in with a key of its own. The isolation tests check
# that one of them cannot reach another's files.
SFTP_ACCOUNT_PARTICIPANTS=(SRCBINBB KVRIINBB)
SFTP_ACCOUNT_GROUP=deltranpart
RABBITMQ_BIN=/usr/lib/rabbitmq/bin
POLICY_RC_D=/usr/sbin/policy-rc.d
POLICY_RC_D_OURS=""

now_ms() { local t=${EPOCHREALTIME//[!0-9]/}; echo $((t / 1000)); }
secs_since() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

# True when nothing answers on 127.0.0.1:PORT (a listener on 0.0.0.0 answers there too).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_bin_dir() {
  local d best=""
  for d in /usr/lib/postgresql/*/bin; do [[ -x $d/initdb ]] && best=$d; done
  [[ -x /usr/lib/postgresql/15/bin/initdb ]] && best=/usr/lib/postgresql/15/bin
  echo "$best"
}

drop_policy_rc_d() {
  if [[ -n $POLICY_RC_D_OURS ]]; then
    rm -f "$POLICY_RC_D"
    POLICY_RC_D_OURS=""
  fi
}

install_server_packages() {
  local missing=()
  [[ -n $(pg_bin_dir) ]] || missing+=(postgresql)
  [[ -x $RABBITMQ_BIN/rabbitmq-server ]] || missing+=(rabbitmq-server)
  [[ -x /usr/sbin/sshd ]] || missing+=(openssh-server)
  command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
  ((${#missing[@]} > 0)) || return 0
  # Only our throwaway instances may run: a policy-rc.d that answers 101 ("action forbidden") keeps
  # the packages' postinst from starting a system RabbitMQ, an sshd on port 22 or a "main" cluster.
  if [[ ! -e $POLICY_RC_D ]]; then
    printf '#!/bin/sh\n# build.sh: no service starts while the test servers are installed.\nexit 101\n' >"$POLICY_RC_D"
    chmod 755 "$POLICY_RC_D"
    POLICY_RC_D_OURS=1
  fi
  local t0 status=0
  t0=$(now_ms)
  apt_install "${missing[@]}" || status=$?
  drop_policy_rc_d
  ((status == 0)) || die "apt-get install ${missing[*]} failed (exit $status)."
  [[ -n $(pg_bin_dir) && -x $RABBITMQ_BIN/rabbitmq-server && -x /usr/sbin/sshd ]] || die "installing ${missing[*]} did not give the servers."
  log "installed ${missing[*]} in $(secs_since "$t0") s"
}

# One slot of ports: 0 is the default, 1..9 when another run (or anything else) holds those.
set_ports() {
  local n=$1
  PG_PORT=${DELTRAN_PG_PORT:-$((55432 + n))}
  RMQ_PORT=${DELTRAN_RABBITMQ_PORT:-$((55672 + 20 * n))}
  RMQ_DIST_PORT=$((RMQ_PORT + 1))
  RMQ_CTL_PORT_MIN=$((RMQ_PORT + 2)) # rabbitmqctl's own Erlang node listens in this range
  RMQ_CTL_PORT_MAX=$((RMQ_PORT + 12))
  EPMD_PORT=${DELTRAN_EPMD_PORT:-$((54369 + n))}
  SFTP_PORT=${DELTRAN_SFTP_PORT:-$((52222 + n))}
  RMQ_NODE="deltran-test-$n@localhost"
}

pick_ports() {
  local slot p busy
  for slot in {0..9}; do
    set_ports "$slot"
    busy=""
    for p in "$PG_PORT" "$RMQ_PORT" $(seq "$RMQ_DIST_PORT" "$RMQ_CTL_PORT_MAX") "$EPMD_PORT" "$SFTP_PORT"; do
      port_free "$p" || busy+=" $p"
    done
    [[ -z $busy ]] && return 0
    if [[ -n ${DELTRAN_PG_PORT:-}${DELTRAN_RABBITMQ_PORT:-}${DELTRAN_SFTP_PORT:-}${DELTRAN_EPMD_PORT:-} ]]; then
      die "port(s)$busy on 127.0.0.1 are taken (ports fixed by DELTRAN_*_PORT)."
    fi
    log "port(s)$busy on 127.0.0.1 are taken; trying the next slot"
  done
  die "no free slot of ports for the test servers (see pick_ports in build.sh)."
}

# True if process PID runs and is the program COMM (ids get reused); an exited process waiting to
# be reaped (a zombie) does not count.
pid_runs() {
  local pid=$1 comm=$2
  [[ $pid =~ ^[0-9]+$ && $(cat "/proc/$pid/comm" 2>/dev/null) == "$comm" ]] || return 1
  ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null
}

# Ends one process by its id, if it is still the program we started there.
end_pid() {
  local pid=$1 comm=$2 i
  pid_runs "$pid" "$comm" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do
    pid_runs "$pid" "$comm" || return 0
    sleep 0.1
  done
  log "pid $pid ($comm) ignored SIGTERM for 10 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

# Writes an executable wrapper script: $1 = path, rest = the command it execs (printed with %q).
write_wrapper() {
  local path=$1 comment=$2
  shift 2
  {
    printf '#!/usr/bin/env bash\n# %s\n# Written by build.sh for the throwaway test servers in %s.\ncd / || exit 1\nexec' "$comment" "$SERVERS_DIR"
    printf ' %q' "$@"
    printf ' "$@"\n'
  } >"$path"
  chmod 755 "$path"
}

start_postgres() {
  local t0 pg=$SERVERS_DIR/pg run=$SERVERS_DIR/pg-run bin
  t0=$(now_ms)
  bin=$(pg_bin_dir)
  mkdir -p "$pg" "$run"
  chown postgres:postgres "$pg" "$run"
  chmod 700 "$pg"
  # PostgreSQL refuses to run as root: initdb and the server run as the postgres system user.
  if ! runuser -u postgres -- "$bin/initdb" -D "$pg" -U postgres --auth=trust -E UTF8 --locale=C --no-sync \
    </dev/null >"$run/initdb.log" 2>&1; then
    tail -n 20 "$run/initdb.log" >&2
    die "initdb failed."
  fi
  # trust on loopback and on the socket is what initdb --auth=trust wrote to pg_hba.conf (test-only).
  cat >>"$pg/postgresql.conf" <<EOF

# build.sh: throwaway cluster for the tests.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$run'
max_connections = 300
# Test-only: this cluster never has to survive a machine crash, so skip the flushes to disk
# (fsync off): CREATE DATABASE and commits get much faster. Never do this with data you keep.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  # pg_dump of the server's own version (the schema-baseline test dumps a migrated database with it).
  write_wrapper "$SERVERS_DIR/bin/pg_dump" "pg_dump of the test cluster's PostgreSQL version" "$bin/pg_dump"
  write_wrapper "$SERVERS_DIR/bin/pg_ctl" "pg_ctl for the test cluster, run as postgres: pg_ctl stop -m fast | start | restart | status" \
    runuser -u postgres -- "$bin/pg_ctl" -D "$pg" -l "$run/server.log" -w -t 60
  if ! "$SERVERS_DIR/bin/pg_ctl" start </dev/null >/dev/null 2>"$run/pg_ctl.err" 9>&-; then
    cat "$run/pg_ctl.err" >&2
    tail -n 20 "$run/server.log" >&2 || true
    die "PostgreSQL did not start."
  fi
  local i
  for ((i = 0; i < 300; i++)); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 0.1
  done
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" || die "PostgreSQL is not ready on 127.0.0.1:$PG_PORT after 30 s."
  log "postgres ready on 127.0.0.1:$PG_PORT in $(secs_since "$t0") s"
}

RMQ_T0=0
start_rabbitmq() {
  RMQ_T0=$(now_ms)
  local r=$SERVERS_DIR/rabbitmq epmd
  mkdir -p "$r/mnesia" "$r/log"
  printf '[].\n' >"$r/enabled_plugins"
  : >"$r/rabbitmq-env.conf" # instead of /etc/rabbitmq/rabbitmq-env.conf
  cat >"$r/rabbitmq.conf" <<EOF
# build.sh: throwaway node for the tests. guest/guest works on loopback only (the default).
loopback_users.guest = true
disk_free_limit.absolute = 50MB
EOF
  chown -R rabbitmq:rabbitmq "$r"
  # Everything the node and its CLI need, so neither touches /etc/rabbitmq or /var/lib/rabbitmq's
  # data: only the Erlang cookie in rabbitmq's home (written by the package) is shared.
  local env=(
    HOME=/var/lib/rabbitmq
    ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT="$EPMD_PORT"
    RABBITMQ_NODENAME="$RMQ_NODE"
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$RMQ_PORT" RABBITMQ_DIST_PORT="$RMQ_DIST_PORT"
    RABBITMQ_CTL_DIST_PORT_MIN="$RMQ_CTL_PORT_MIN" RABBITMQ_CTL_DIST_PORT_MAX="$RMQ_CTL_PORT_MAX"
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}'
    RABBITMQ_CTL_ERL_ARGS='-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}'
    RABBITMQ_CONF_ENV_FILE="$r/rabbitmq-env.conf"
    RABBITMQ_CONFIG_FILE="$r/rabbitmq.conf"
    RABBITMQ_ADVANCED_CONFIG_FILE="$r/advanced.config"
    RABBITMQ_ENABLED_PLUGINS_FILE="$r/enabled_plugins"
    RABBITMQ_MNESIA_BASE="$r/mnesia" RABBITMQ_LOG_BASE="$r/log" RABBITMQ_PID_FILE="$r/node.pid"
  )
  write_wrapper "$SERVERS_DIR/bin/rabbitmqctl" "rabbitmqctl for the test node $RMQ_NODE, run as rabbitmq: rabbitmqctl stop_app | start_app | status | list_queues" \
    runuser -u rabbitmq -- env "${env[@]}" "$RABBITMQ_BIN/rabbitmqctl" -n "$RMQ_NODE"
  write_wrapper "$SERVERS_DIR/bin/rabbitmq-server" "rabbitmq-server for the test node $RMQ_NODE (build.sh starts it with -detached)" \
    runuser -u rabbitmq -- env "${env[@]}" "$RABBITMQ_BIN/rabbitmq-server"
  # Our own epmd on its own port, so the node's name server is ours to stop (the one erl would
  # start by itself outlives the node). In its own session like the servers, so a signal to
  # build.sh's process group does not take it away before the node is stopped.
  epmd=$(command -v epmd || echo /usr/lib/erlang/bin/epmd)
  setsid "$epmd" -address 127.0.0.1 -port "$EPMD_PORT" </dev/null >"$r/log/epmd.log" 2>&1 9>&- &
  echo $! >"$r/epmd.pid"
  local i
  for ((i = 0; i < 50; i++)); do
    port_free "$EPMD_PORT" || break
    sleep 0.1
  done
  port_free "$EPMD_PORT" && die "epmd did not listen on 127.0.0.1:$EPMD_PORT."
  # Boots in the background; await_rabbitmq waits for it after PostgreSQL and sshd are up.
  "$SERVERS_DIR/bin/rabbitmq-server" -detached </dev/null >"$r/log/startup.log" 2>&1 9>&- ||
    { cat "$r/log/startup.log" >&2; die "rabbitmq-server -detached failed."; }
}

await_rabbitmq() {
  local r=$SERVERS_DIR/rabbitmq deadline
  deadline=$(($(now_ms) + 120000))
  until "$SERVERS_DIR/bin/rabbitmqctl" await_startup --timeout 30 </dev/null >>"$r/log/await.log" 2>&1; do
    if (($(now_ms) > deadline)); then
      tail -n 20 "$r/log/await.log" "$r/log/startup.log" "$r"/log/*.log >&2 || true
      die "RabbitMQ node $RMQ_NODE did not start within 120 s."
    fi
    sleep 1
  done
  log "rabbitmq ready on 127.0.0.1:$RMQ_PORT (node $RMQ_NODE) in $(secs_since "$RMQ_T0") s"
}

SFTP_HOST_KEY_SHA256=""
SFTP_ACCOUNTS=""
start_sshd() {
  local t0 s=$SERVERS_DIR/ssh root=$SERVERS_DIR/sftp bic sub
  t0=$(now_ms)
  mkdir -p "$s" /run/sshd
  chmod 755 "$s" /run/sshd
  if ! id -u "$SFTP_USER" >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir / --shell /usr/sbin/nologin \
      --comment "DelTran SFTP tests" "$SFTP_USER"
  fi
  # sshd without PAM refuses a locked account ("!" in /etc/shadow, useradd's default) even for keys;
  # "*" means no password at all and is not locked.
  if [[ $(getent shadow "$SFTP_USER" | cut -d: -f2) == '!'* ]]; then
    usermod -p '*' "$SFTP_USER"
  fi

  ssh-keygen -q -t ed25519 -N '' -C deltran-test-host -f "$s/ssh_host_ed25519_key"
  # Client keys in the formats SSH.NET reads: ed25519 in OpenSSH's format, RSA as PEM (PKCS#1).
  ssh-keygen -q -t ed25519 -N '' -C deltran-test-client -f "$s/client_ed25519"
  ssh-keygen -q -t rsa -b 3072 -m PEM -N '' -C deltran-test-client-rsa -f "$s/client_rsa"
  # One authorized_keys file per user (%u), so each participant's key opens its own account only.
  mkdir -p "$s/authorized_keys.d"
  chmod 755 "$s/authorized_keys.d"
  cat "$s/client_ed25519.pub" "$s/client_rsa.pub" >"$s/authorized_keys.d/$SFTP_USER"
  chmod 644 "$s/authorized_keys.d/$SFTP_USER"
  SFTP_HOST_KEY_SHA256=$(ssh-keygen -l -E sha256 -f "$s/ssh_host_ed25519_key.pub" | awk '{ sub(/^SHA256:/, "", $2); print $2 }')

  # The chroot and every folder above it must be root-owned and writable by nobody else; the
  # participants' folders inside it belong to the SFTP user.
  mkdir -p "$root/participants"
  chmod 755 "$root" "$root/participants"
  for bic in "${SFTP_PARTICIPANTS[@]}"; do
    for sub in inbound processed rejected outbound; do
      mkdir -p "$root/participants/$bic/$sub"
    done
    chown -R "$SFTP_USER:$SFTP_USER" "$root/participants/$bic"
  done

  # The participants' own accounts: each chroot is root-owned (as sshd requires), its four folders the account's.
  local user accounts=$SERVERS_DIR/sftp-accounts allowed=$SFTP_USER
  SFTP_ACCOUNTS=""
  getent group "$SFTP_ACCOUNT_GROUP" >/dev/null || groupadd --system "$SFTP_ACCOUNT_GROUP"
  mkdir -p "$accounts"
  chmod 755 "$accounts"
  for bic in "${SFTP_ACCOUNT_PARTICIPANTS[@]}"; do
    user=deltran-${bic,,}
    if ! id -u "$user" >/dev/null 2>&1; then
      useradd --system --gid "$SFTP_ACCOUNT_GROUP" --no-create-home --home-dir / --shell /usr/sbin/nologin \
        --comment "DelTran SFTP tests, participant $bic" "$user"
    fi
    if [[ $(getent shadow "$user" | cut -d: -f2) == '!'* ]]; then
      usermod -p '*' "$user"
    fi
    ssh-keygen -q -t ed25519 -N '' -C "deltran-test-$user" -f "$s/${user}_ed25519"
    cp "$s/${user}_ed25519.pub" "$s/authorized_keys.d/$user"
    chmod 644 "$s/authorized_keys.d/$user"
    mkdir -p "$accounts/$user"
    chmod 755 "$accounts/$user"
    for sub in inbound processed rejected outbound; do
      install -d -m 755 -o "$user" -g "$SFTP_ACCOUNT_GROUP" "$accounts/$user/$sub"
    done
    allowed+=" $user"
    SFTP_ACCOUNTS+="${SFTP_ACCOUNTS:+;}$bic|$user|$s/${user}_ed25519|$accounts/$user"
  done

  cat >"$s/sshd_config" <<EOF
# build.sh: throwaway sshd for the SFTP tests: 127.0.0.1 only, keys only, chrooted SFTP-only users
# (the shared test user, and one account per participant in its own chroot).
Port $SFTP_PORT
ListenAddress 127.0.0.1
AddressFamily inet
HostKey $s/ssh_host_ed25519_key
PidFile $s/sshd.pid
AuthorizedKeysFile $s/authorized_keys.d/%u
StrictModes no
UsePAM no
PermitRootLogin no
AllowUsers $allowed
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PermitTTY no
UseDNS no
LoginGraceTime 30
MaxStartups 100
MaxSessions 100
LogLevel VERBOSE
Subsystem sftp internal-sftp
Match User $SFTP_USER
  ChrootDirectory $root
  ForceCommand internal-sftp -u 0022
Match Group $SFTP_ACCOUNT_GROUP
  ChrootDirectory $accounts/%u
  ForceCommand internal-sftp -u 0022
EOF
  /usr/sbin/sshd -t -f "$s/sshd_config" || die "sshd rejects $s/sshd_config."
  /usr/sbin/sshd -f "$s/sshd_config" -E "$s/sshd.log" </dev/null >/dev/null 2>&1 9>&- ||
    { tail -n 20 "$s/sshd.log" >&2; die "sshd did not start."; }
  local i banner=""
  for ((i = 0; i < 100; i++)); do
    banner=$(timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && head -c 7 <&3' _ "$SFTP_PORT" 2>/dev/null) || true
    [[ $banner == SSH-2.0 ]] && break
    sleep 0.1
  done
  [[ $banner == SSH-2.0 ]] || { tail -n 20 "$s/sshd.log" >&2; die "sshd does not answer on 127.0.0.1:$SFTP_PORT."; }
  log "sshd (sftp) ready on 127.0.0.1:$SFTP_PORT in $(secs_since "$t0") s"
}

write_server_env() {
  local f=$SERVERS_DIR/env name
  local vars=(
    DELTRAN_TEST_SERVERS_DIR="$SERVERS_DIR"
    DELTRAN_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true"
    DELTRAN_TEST_PG_CTL="$SERVERS_DIR/bin/pg_ctl"
    DELTRAN_TEST_PG_DUMP="$SERVERS_DIR/bin/pg_dump"
    DELTRAN_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$RMQ_PORT/"
    DELTRAN_TEST_RABBITMQ_NODE="$RMQ_NODE"
    DELTRAN_TEST_RABBITMQ_CTL="$SERVERS_DIR/bin/rabbitmqctl"
    DELTRAN_TEST_SFTP_HOST=127.0.0.1
    DELTRAN_TEST_SFTP_PORT="$SFTP_PORT"
    DELTRAN_TEST_SFTP_USER="$SFTP_USER"
    DELTRAN_TEST_SFTP_KEY="$SERVERS_DIR/ssh/client_ed25519"
    DELTRAN_TEST_SFTP_KEY_RSA="$SERVERS_DIR/ssh/client_rsa"
    DELTRAN_TEST_SFTP_HOST_KEY_SHA256="$SFTP_HOST_KEY_SHA256"
    DELTRAN_TEST_SFTP_ROOT="$SERVERS_DIR/sftp"
    DELTRAN_TEST_SFTP_ACCOUNTS="$SFTP_ACCOUNTS"
  )
  : >"$f"
  for name in "${vars[@]}"; do
    printf 'export %s=%q\n' "${name%%=*}" "${name#*=}" >>"$f"
  done
}

# True if a process recorded in a servers folder still runs (pid file and program name agree).
servers_running() {
  local d=$1 f comm pid
  for f in ssh/sshd.pid:sshd rabbitmq/node.pid:beam.smp rabbitmq/epmd.pid:epmd pg/postmaster.pid:postgres; do
    comm=${f#*:}
    f=$d/${f%%:*}
    [[ -f $f ]] || continue
    pid=$(head -n 1 "$f" 2>/dev/null)
    pid_runs "$pid" "$comm" && return 0
  done
  return 1
}

# Stops and removes the servers of earlier runs whose build.sh no longer runs (killed, machine
# session ended). Folders of `./build.sh servers` (owner "manual") are left to servers-stop while
# any of their servers runs.
reap_stale_servers() {
  local d owner
  for d in "$SERVERS_BASE"/servers.*; do
    [[ -d $d && -f $d/owner ]] || continue
    owner=$(<"$d/owner")
    if [[ $owner == manual ]]; then
      servers_running "$d" && continue
    elif [[ $owner =~ ^[0-9]+$ ]]; then
      kill -0 "$owner" 2>/dev/null && [[ $(cat "/proc/$owner/cmdline" 2>/dev/null | tr '\0' ' ') == *build.sh* ]] && continue
    else
      continue
    fi
    log "stopping left-over test servers in $d (their owner, $owner, is gone)"
    stop_servers_in "$d"
  done
}

start_servers() {
  is_root || die "the integration test servers need root (runuser, useradd, sshd's chroot)."
  local t0
  t0=$(now_ms)
  install -d -m 755 -o root -g root "$SERVERS_BASE"
  # One start at a time on this machine: installs, port choice and binding happen under the lock.
  exec 9>"$SERVERS_BASE/.lock"
  flock -w 600 9 || die "another build.sh has held $SERVERS_BASE/.lock for 10 minutes."
  install_server_packages
  reap_stale_servers
  pick_ports
  SERVERS_DIR=$(mktemp -d "$SERVERS_BASE/servers.XXXXXX")
  chmod 755 "$SERVERS_DIR"
  echo "${SERVERS_OWNER:-$$}" >"$SERVERS_DIR/owner"
  mkdir -p "$SERVERS_DIR/bin"
  log "starting test servers in $SERVERS_DIR"

  start_rabbitmq # boots in the background while PostgreSQL and sshd start
  start_postgres
  start_sshd
  await_rabbitmq
  flock -u 9
  exec 9>&-

  write_server_env
  # shellcheck source=/dev/null
  source "$SERVERS_DIR/env"
  log "test servers up in $(secs_since "$t0") s (exports in $SERVERS_DIR/env)"
}

stop_servers_in() {
  local dir=$1 t0
  [[ -n $dir && -d $dir ]] || return 0
  case "$dir" in
    "$SERVERS_BASE"/servers.*) ;;
    *)
      log "not removing $dir: not a test servers folder under $SERVERS_BASE"
      return 0
      ;;
  esac
  t0=$(now_ms)
  # Each step on its own: one server failing to stop must not keep the others running.
  (
    set +e +o pipefail
    [[ -f $dir/ssh/sshd.pid ]] && end_pid "$(<"$dir/ssh/sshd.pid")" sshd
    if [[ -x $dir/bin/rabbitmqctl ]]; then
      # The node removes its pid file as it stops: read it first, then make sure it is gone.
      local node_pid=""
      [[ -f $dir/rabbitmq/node.pid ]] && node_pid=$(<"$dir/rabbitmq/node.pid")
      timeout 60 "$dir/bin/rabbitmqctl" stop </dev/null >/dev/null 2>&1
      end_pid "$node_pid" beam.smp
    fi
    [[ -f $dir/rabbitmq/epmd.pid ]] && end_pid "$(<"$dir/rabbitmq/epmd.pid")" epmd
    if [[ -f $dir/pg/postmaster.pid ]]; then
      timeout 90 "$dir/bin/pg_ctl" stop -m fast </dev/null >/dev/null 2>&1
      [[ -f $dir/pg/postmaster.pid ]] && end_pid "$(head -n 1 "$dir/pg/postmaster.pid")" postgres
    fi
    # Safety net: anything still running with this folder on its command line (a server restarted
    # by a test) or, for the Erlang VM whose command line does not show it, as its mnesia folder
    # (a node that hung while booting) is ours too.
    local proc pid cmdline
    for proc in /proc/[0-9]*; do
      pid=${proc#/proc/}
      [[ $pid != "$$" && $pid != "$BASHPID" ]] || continue
      cmdline=$(cat "$proc/cmdline" 2>/dev/null | tr '\0' ' ')
      if [[ $cmdline == *"$dir/"* ]] ||
        cat "$proc/environ" 2>/dev/null | tr '\0' '\n' | grep -qxF "RABBITMQ_MNESIA_BASE=$dir/rabbitmq/mnesia"; then
        log "ending left-over pid $pid: ${cmdline:0:120}"
        end_pid "$pid" "$(cat "$proc/comm" 2>/dev/null)"
      fi
    done
    true
  )
  rm -rf "$dir"
  log "test servers stopped and $dir removed in $(secs_since "$t0") s"
}

stop_servers() {
  drop_policy_rc_d
  [[ -n $SERVERS_DIR ]] || return 0
  stop_servers_in "$SERVERS_DIR"
  SERVERS_DIR=""
}

cmd_servers() {
  trap stop_servers EXIT # only if the start fails half-way
  SERVERS_OWNER=manual start_servers
  trap - EXIT
  cat "$SERVERS_DIR/env"
  log "stop them with: ./build.sh servers-stop $SERVERS_DIR"
}

cmd_servers_stop() {
  local dir=${1:-${DELTRAN_TEST_SERVERS_DIR:-}}
  [[ -n $dir ]] || die "usage: ./build.sh servers-stop DIR (the DELTRAN_TEST_SERVERS_DIR that ./build.sh servers printed)"
  [[ -d $dir ]] || die "$dir does not exist."
  stop_servers_in "$(cd "$dir" && pwd)"
}

# ---------------------------------------------------------------------------------------------
# The business date the sample messages are written for (sample-messages/README.md).
DEMO_BUSINESS_DATE=2026-12-01

cmd_demo() {
  [[ -d sample-messages ]] || die "sample-messages/ is missing: nothing to process."
  log "building Release"
  dotnet build src/DelTran.Host -c Release -v quiet -nologo >&2 || die "build failed."
  # With no bank configured, `deltran process` settles through the mock bank, which it runs as a child process from
  # the deltran-mockbank executable beside it: deltran itself carries no mock bank code, so the demo puts one there.
  dotnet publish src/DelTran.MockBank -c Release -o src/DelTran.Host/bin/Release/net10.0 -v quiet -nologo >&2 || die "build failed."

  # DelTran's main job on the embedded default (SQLite in a temporary folder, in-memory bus): every
  # sample message through ingest, validation, compliance, risk and liquidity, a pacs.002 per message.
  rm -rf out/demo
  # As the service image runs (blocking full collections, no tiering delay: see src/DelTran.Host/Dockerfile).
  # On the samples' own business date (sample-messages/README.md), so the demo gives the same answers in any year:
  # message dates, FX rates, holiday calendars and windows are all judged on it, and the DT01 samples stay rejected.
  DOTNET_gcConcurrent=0 DOTNET_TC_CallCountingDelayMs=0 dotnet run --project src/DelTran.Host -c Release --no-build -- process \
    --as-of "$DEMO_BUSINESS_DATE" --in sample-messages/pacs.008.001.08 sample-messages/pain.001.001.09 sample-messages/pain.001.001.03 \
    --out out/demo || die "deltran process failed."
  log "status reports: out/demo/ (one pacs.002 per message, mirroring sample-messages/)."
  log "files under */invalid/ are rejected on purpose, each with the reason code its name starts with;"
  log "business date $DEMO_BUSINESS_DATE (the samples' own; without --as-of, process and validate judge on today's date)."
  log "to see the validation contract alone: dotnet run -c Release --project src/DelTran.Host -- validate --as-of $DEMO_BUSINESS_DATE sample-messages/"
}

# Totals from the vstest console summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ...").
sum_console_totals() {
  local log_file=$1
  awk '
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+, +Total: +[0-9]+/ {
      line = $0
      sub(/.*Failed: +/, "", line); f += line + 0
      line = $0; sub(/.*Passed: +/, "", line); p += line + 0
      line = $0; sub(/.*Skipped: +/, "", line); s += line + 0
      n++
    }
    END { printf "%d %d %d %d\n", p, f, s, n }
  ' "$log_file"
}

# Totals from the TRX files, used when the console gave no summary (e.g. a test host crashed).
sum_trx_totals() {
  local dir=$1 p=0 f=0 s=0 n=0 counters total executed passed failed
  shopt -s nullglob
  for trx in "$dir"/*.trx; do
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1) || continue
    total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    p=$((p + ${passed:-0})); f=$((f + ${failed:-0})); s=$((s + ${total:-0} - ${executed:-0})); n=$((n + 1))
  done
  shopt -u nullglob
  echo "$p $f $s $n"
}

cmd_test() {
  if [[ ! -d ../shared ]]; then
    if [[ ${CI:-} == true ]]; then
      die "../shared is missing beside the repository (it holds the ISO 20022 base schemas and samples the tests need). CI must clone with shared/ beside the repo."
    fi
    log "warning: ../shared is missing; tests that need the published ISO 20022 schemas and samples will fail."
  fi

  # Some tests and the schema checks use xmllint (Debian libxml2-utils).
  command -v xmllint >/dev/null 2>&1 || apt_install libxml2-utils

  log "restore"
  dotnet restore DelTran.sln -v quiet
  log "build (Release, warnings are errors)"
  dotnet build DelTran.sln -c Release --no-restore -v quiet -nologo
  log "format check (dotnet format --verify-no-changes)"
  local format_log
  format_log=$(mktemp)
  if ! dotnet format DelTran.sln --verify-no-changes --no-restore -v quiet >"$format_log" 2>&1; then
    head -n 20 "$format_log" >&2
    log "formatting drift, by file (count of findings):"
    grep -o '^[^(]*\.cs(' "$format_log" | sed 's/($//; s|^'"$ROOT"'/||' | sort | uniq -c >&2 || true
    rm -f "$format_log"
    die "formatting drift: run 'dotnet format DelTran.sln' and commit the result."
  fi
  rm -f "$format_log"

  local results="$ROOT/TestResults"
  rm -rf "$results"
  mkdir -p "$results"
  local console_log="$results/console.log"

  # Real PostgreSQL, RabbitMQ and sshd on loopback for the integration tests; stopped on any exit.
  trap stop_servers EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  start_servers

  log "test"
  local status=0
  dotnet test DelTran.sln -c Release --no-build --nologo \
    --results-directory "$results" \
    --logger "console;verbosity=minimal" \
    --logger "trx;LogFilePrefix=deltran" \
    2>&1 | tee "$console_log" || status=$?
  # With pipefail, status is dotnet test's exit code (tee does not fail).

  local passed failed skipped projects
  read -r passed failed skipped projects < <(sum_console_totals "$console_log")
  if ((projects == 0)); then
    read -r passed failed skipped projects < <(sum_trx_totals "$results")
  fi

  echo
  echo "test projects: $projects; TRX files in ${results#"$ROOT"/}/"
  if ((skipped > 0)); then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi

  if ((status != 0 || failed > 0)); then
    log "tests failed (dotnet test exit $status)."
    exit 1
  fi
  if ((passed + failed == 0)); then
    log "no test ran."
    exit 1
  fi

  # Then the README's walk for a newcomer, command by command, on the Release build just made.
  log "the README's walk (tests/readme-walk.sh)"
  "$ROOT/tests/readme-walk.sh" || { log "the README walk failed: README.md promises something the commands do not do."; exit 1; }
}

# ---------------------------------------------------------------------------------------------
# Coverage-guided fuzzing (issue 14, section 2). afl++ (Debian's afl++, installed when missing) drives
# bench/DelTran.Fuzz, a SharpFuzz out-of-process harness that validates each input and throws on a finding
# (an exception out of the validator, a work-budget refusal, a refusal without a reason code, a parallel
# report unlike the sequential one, with DELTRAN_FUZZ_PARALLEL=1); a run longer than the timeout is afl's hang
# (an input takes well under a millisecond; a restarted harness child about half a second). Only a copy of
# DelTran.Core.dll under out/fuzz/bin is instrumented (sharpfuzz, from dotnet-tools.json). Seeds: every
# sample in sample-messages/ and ../shared/iso20022/samples, copied to out/fuzz/in at run time.
#   ./build.sh fuzz [SECONDS]          default 600; DELTRAN_FUZZ_TIMEOUT_MS (default 2000) is afl's -t
# Each run writes out/fuzz/runs/<UTC time>/ (afl's default/ with crashes/, hangs/, queue/ and fuzzer_stats);
# out/fuzz/latest points at it. Replay a finding outside afl, with the uninstrumented build:
#   dotnet bench/DelTran.Fuzz/bin/Release/net10.0/DelTran.Fuzz.dll --replay out/fuzz/latest/default/crashes/id*
# ---------------------------------------------------------------------------------------------
fuzz_stat() { sed -n "s/^$1 *: *//p" "$2" | head -n 1; }

cmd_fuzz() {
  local seconds=${1:-600} timeout_ms=${DELTRAN_FUZZ_TIMEOUT_MS:-2000}
  [[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || die "usage: ./build.sh fuzz [SECONDS]"
  [[ -d ../shared/iso20022/samples ]] || log "warning: ../shared/iso20022/samples is missing; seeding from sample-messages/ only."
  command -v afl-fuzz >/dev/null 2>&1 || apt_install afl++
  command -v afl-fuzz >/dev/null 2>&1 || die "afl-fuzz is missing: apt-get install afl++ (as root)."

  log "SharpFuzz.CommandLine (dotnet tool restore)"
  dotnet tool restore >/dev/null || die "dotnet tool restore failed."
  log "building bench/DelTran.Fuzz (Release)"
  dotnet build bench/DelTran.Fuzz -c Release -v quiet -nologo >&2 || die "build failed."

  local out="$ROOT/out/fuzz" stamp run
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  run="$out/runs/$stamp"
  rm -rf "$out/bin" "$out/in"
  mkdir -p "$out/bin" "$out/in" "$out/runs"
  cp -R bench/DelTran.Fuzz/bin/Release/net10.0/. "$out/bin/"
  log "instrumenting out/fuzz/bin/DelTran.Core.dll"
  dotnet tool run sharpfuzz "$out/bin/DelTran.Core.dll" >&2 || die "sharpfuzz could not instrument DelTran.Core.dll."

  # Seeds, copied (never linked) so afl can do as it likes with them.
  local n=0 f
  while IFS= read -r -d '' f; do
    cp "$f" "$out/in/$(printf '%03d' "$n")-$(basename "$f")"
    n=$((n + 1))
  done < <(find sample-messages ../shared/iso20022/samples -name '*.xml' ! -name '*.expected.xml' -print0 2>/dev/null | sort -z)
  ((n > 0)) || die "no seed found."

  # Dictionary: afl's XML tokens and the start tags of DelTran's usage-guideline schemas.
  {
    [[ -f /usr/share/doc/afl++-doc/afl/dictionaries/xml.dict ]] && grep -v '^#' /usr/share/doc/afl++-doc/afl/dictionaries/xml.dict
    grep -oh 'name="[A-Za-z0-9]*"' xsd/*.xsd | sed 's/name="\(.*\)"/"<\1>"/' | sort -u
    printf '%s\n' '"Ccy=\"INR\""' '"CLRG"' '"SRCBINBBXXX"' '"2026-12-01"' '"urn:iso:std:iso:20022:tech:xsd:"'
  } | awk 'NF && !seen[$0]++' >"$out/dict.txt"

  # The fork server is `dotnet DelTran.Fuzz.dll`: the binary is not afl-instrumented (SharpFuzz instruments the
  # .NET code), hence AFL_SKIP_BIN_CHECK. The kernel's core pattern is left alone (it is machine-wide).
  local dotnet_bin
  dotnet_bin=$(readlink -f "$(command -v dotnet)")
  log "afl-fuzz for $seconds s: $n seeds, -t $timeout_ms ms, output in out/fuzz/runs/$stamp (log: afl.log there)"
  mkdir -p "$run"
  ln -sfn "runs/$stamp" "$out/latest"
  local status=0
  AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 \
    AFL_FORKSRV_INIT_TMOUT=60000 AFL_SKIP_CRASHES=1 \
    afl-fuzz -i "$out/in" -o "$run" -t "$timeout_ms" -m none -V "$seconds" -x "$out/dict.txt" \
    -- "$dotnet_bin" "$out/bin/DelTran.Fuzz.dll" >"$run/afl.log" 2>&1 || status=$?

  local stats="$run/default/fuzzer_stats"
  if [[ ! -f $stats ]]; then
    tail -n 30 "$run/afl.log" >&2
    die "afl-fuzz stopped (exit $status) before writing fuzzer_stats; see out/fuzz/runs/$stamp/afl.log."
  fi
  local crashes hangs
  crashes=$(fuzz_stat saved_crashes "$stats"); crashes=${crashes:-$(fuzz_stat unique_crashes "$stats")}
  hangs=$(fuzz_stat saved_hangs "$stats"); hangs=${hangs:-$(fuzz_stat unique_hangs "$stats")}
  echo "fuzz: $(fuzz_stat run_time "$stats") s, $(fuzz_stat execs_done "$stats") executions ($(fuzz_stat execs_per_sec "$stats")/s), corpus $(fuzz_stat corpus_count "$stats") inputs, $crashes crashes, $hangs hangs; stability $(fuzz_stat stability "$stats"), edges $(fuzz_stat edges_found "$stats")"
  echo "fuzz: findings in out/fuzz/runs/$stamp/default/{crashes,hangs}; replay: dotnet bench/DelTran.Fuzz/bin/Release/net10.0/DelTran.Fuzz.dll --replay out/fuzz/runs/$stamp/default/crashes/id*"
  ((status == 0)) || die "afl-fuzz exit $status; see out/fuzz/runs/$stamp/afl.log."
  if ((${crashes:-0} > 0 || ${hangs:-0} > 0)); then
    exit 1
  fi
}

cmd_bench() {
  exec "$ROOT/bench/run.sh" "$@"
}

case "${1:-}" in
  demo) shift; cmd_demo "$@" ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  fuzz) shift; cmd_fuzz "$@" ;;
  servers) shift; cmd_servers "$@" ;;
  servers-stop) shift; cmd_servers_stop "$@" ;;
  -h | --help | help) usage ;;
  *) usage; exit 2 ;;
esac
