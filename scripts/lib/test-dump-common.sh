# shellcheck shell=bash
# test-dump-common.sh — bash shared by scripts/make-test-dump and scripts/make-zoo-dumps:
# messages, host packages, the kernel release, .deb downloads, and booting a kernel under
# QEMU until it panics and dumping it through the QEMU monitor.
#
# Source it from a script that runs with `set -euo pipefail` and has set:
#   PROG           name used in messages
#   START_SECONDS  $SECONDS when the script started
#   ROOT           cache root (apt.log is written there)
# Functions that need more name their inputs in their comments.

log() { printf '[%s +%3ds] %s\n' "$PROG" "$((SECONDS - START_SECONDS))" "$*" >&2; }
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }

IS_ROOT=0
[[ $(id -u) == 0 ]] && IS_ROOT=1
APT_UPDATED=0
apt_update_once() {
    [[ $IS_ROOT == 1 && $APT_UPDATED == 0 ]] || return 1
    log "running apt-get update"
    apt-get update -qq >&2 || die "apt-get update failed"
    APT_UPDATED=1
}
# As root, apt's download sandbox user (_apt) cannot write under $HOME; download as root.
APT_DL_OPTS=()
[[ $IS_ROOT == 1 ]] && APT_DL_OPTS=(-o APT::Sandbox::User=root)

# ---------------------------------------------------------------- host packages
# (Outputs are captured before matching: 'producer | grep -q' can fail under pipefail when grep
# exits early and the producer gets SIGPIPE.)
is_installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == *'install ok installed'* ]]; }
has_candidate() { [[ $(apt-cache policy "$1" 2>/dev/null) =~ Candidate:\ [^\(] ]]; }

ensure_packages() { # package... -> installs the missing ones as root, or dies naming them
    local missing=() p
    for p in "$@"; do is_installed "$p" || missing+=("$p"); done
    ((${#missing[@]})) || return 0
    if [[ $IS_ROOT == 0 ]]; then
        die "missing packages: ${missing[*]} (install them: sudo apt-get install -y ${missing[*]})"
    fi
    for p in "${missing[@]}"; do
        if ! has_candidate "$p"; then apt_update_once || true; break; fi
    done
    log "installing ${missing[*]} (apt output: $ROOT/apt.log)"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
            > "$ROOT/apt.log" 2>&1; then
        tail -n 15 "$ROOT/apt.log" >&2
        die "apt-get install ${missing[*]} failed (see $ROOT/apt.log)"
    fi
}

find_busybox() { # -> prints the path of the static busybox binary, or dies
    local bb
    bb=$(dpkg -L busybox-static 2>/dev/null | grep '/busybox$' || true)
    bb=${bb%%$'\n'*}
    [[ -x $bb ]] || die "static busybox binary not found (package busybox-static)"
    printf '%s\n' "$bb"
}

# ---------------------------------------------------------------- kernel release
cloud_release() {
    local deps
    deps=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null || true)
    deps=$(sed -n 's/^ *Depends: linux-image-\([0-9][^ ]*\)$/\1/p' <<< "$deps")
    printf '%s\n' "${deps%%$'\n'*}"
}
resolve_release() { # -> sets REL: TEST_KERNEL_RELEASE, or the release linux-image-cloud-amd64 depends on
    if [[ -n ${TEST_KERNEL_RELEASE:-} ]]; then
        REL=$TEST_KERNEL_RELEASE
    else
        REL=$(cloud_release)
        if [[ -z $REL ]] && apt_update_once; then REL=$(cloud_release); fi
        [[ -n $REL ]] || die "cannot tell the current cloud kernel: 'apt-cache depends linux-image-cloud-amd64' names no linux-image-<release> (set TEST_KERNEL_RELEASE)"
    fi
    [[ $REL =~ ^[A-Za-z0-9._+-]+$ ]] || die "odd kernel release '$REL'"
}

# ---------------------------------------------------------------- downloads
fetch_deb() { # package [version] -> downloads it into $DL unless there; prints the .deb path
    local pkg=$1 ver=${2:-} deb spec
    spec=$pkg${ver:+=$ver}
    deb=$(compgen -G "$DL/${pkg}_${ver:-*}_*.deb" | head -n1 || true)
    if [[ -n $deb ]] && ! dpkg-deb --info "$deb" >/dev/null 2>&1; then
        log "discarding damaged $(basename "$deb")"
        rm -f -- "$deb"; deb=
    fi
    if [[ -z $deb ]]; then
        log "downloading $spec"
        if ! (cd "$DL" && apt-get download -q "${APT_DL_OPTS[@]}" "$spec" >&2); then
            apt_update_once || die "apt-get download $spec failed (is the package in your apt sources? not root, so no apt-get update)"
            (cd "$DL" && apt-get download -q "${APT_DL_OPTS[@]}" "$spec" >&2) \
                || die "apt-get download $spec failed (if Debian moved on to a newer kernel, run again: the package lists are fresh now)"
        fi
        deb=$(compgen -G "$DL/${pkg}_${ver:-*}_*.deb" | head -n1 || true)
        [[ -n $deb ]] || die "apt-get download $spec left no .deb in $DL"
    else
        log "reusing downloaded $(basename "$deb")"
    fi
    printf '%s\n' "$deb"
}

# ---------------------------------------------------------------- boot, panic, dump
# Globals: QEMU_PID and MON_PID are set while QEMU and the monitor connection run;
# qemu_stop (call it from the EXIT trap) ends whatever of them is left.
QEMU_PID=
MON_PID=
qemu_stop() {
    [[ -n ${MON_PID:-} ]] && kill "$MON_PID" 2>/dev/null || true
    if [[ -n ${QEMU_PID:-} ]] && kill -0 "$QEMU_PID" 2>/dev/null; then
        kill "$QEMU_PID" 2>/dev/null || true
        sleep 0.5
        kill -9 "$QEMU_PID" 2>/dev/null || true
    fi
    MON_PID=
    QEMU_PID=
}

# boot_until_panic W SOCKDIR KERNEL INITRD MEM_MB APPEND TIMEOUT
# Boots KERNEL with INITRD under QEMU (TCG, 2 CPUs, no network, vmcoreinfo device), the serial
# console in W/serial.log and the monitor on SOCKDIR/mon.sock, and waits (at most TIMEOUT
# seconds) for 'end Kernel panic' on the console. QEMU keeps running (QEMU_PID, also written
# to SOCKDIR/qemu.pid).
boot_until_panic() {
    local w=$1 sockdir=$2 kernel=$3 initrd=$4 mem=$5 append=$6 timeout=$7 deadline
    : > "$w/serial.log"
    qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m "$mem" -nographic -display none -no-reboot -nic none \
        -kernel "$kernel" -initrd "$initrd" -append "$append" \
        -device vmcoreinfo -monitor "unix:$sockdir/mon.sock,server,nowait" \
        -serial "file:$w/serial.log" < /dev/null > "$w/qemu.log" 2>&1 &
    QEMU_PID=$!
    printf '%s\n' "$QEMU_PID" > "$sockdir/qemu.pid"
    deadline=$((SECONDS + timeout))
    until grep -q 'end Kernel panic' "$w/serial.log"; do
        if ! kill -0 "$QEMU_PID" 2>/dev/null; then
            die "QEMU exited before the guest panicked: $(tr '\n' ' ' < "$w/qemu.log")
$(serial_tail "$w")"
        fi
        ((SECONDS < deadline)) || die "no 'end Kernel panic' in the serial log after ${timeout}s
$(serial_tail "$w")"
        sleep 0.5
    done
}
serial_tail() { printf -- '--- last lines of the serial console:\n'; tail -n 25 "$1/serial.log" | tr -d '\r'; }

# dump_guest W SOCKDIR
# Through the monitor: stop the guest, write a kdump-compressed dump to W/vmcore.qemu
# (dump-guest-memory -z), quit QEMU. SOCKDIR/w must be a symlink to W (a short path without
# whitespace for the monitor command).
dump_guest() {
    local w=$1 sockdir=$2 deadline
    mkfifo "$sockdir/mon.in"
    socat -t 5 - "UNIX-CONNECT:$sockdir/mon.sock" < "$sockdir/mon.in" > "$w/monitor.log" 2>&1 &
    MON_PID=$!
    exec 8> "$sockdir/mon.in"
    # HMP runs commands one after the other and dump-guest-memory (without -d) returns only when
    # the file is complete, so the answer to 'info status' marks the end of the dump.
    printf '%s\n' stop "dump-guest-memory -z $sockdir/w/vmcore.qemu" 'info status' >&8
    deadline=$((SECONDS + 120))
    until grep -q 'VM status' "$w/monitor.log"; do
        kill -0 "$MON_PID" 2>/dev/null || die "lost the QEMU monitor connection: $(tr -d '\r' < "$w/monitor.log" | tail -n 5)"
        ((SECONDS < deadline)) || die "dump-guest-memory did not finish in 120s"
        sleep 0.2
    done
    printf 'quit\n' >&8
    exec 8>&-
    for _ in $(seq 50); do kill -0 "$QEMU_PID" 2>/dev/null || break; sleep 0.1; done
    wait "$QEMU_PID" 2>/dev/null || true
    QEMU_PID=
    wait "$MON_PID" 2>/dev/null || true
    MON_PID=
    rm -f -- "$sockdir/mon.in"
    # (The monitor echoes the command, file name included: leave that line out.)
    if tr -d '\r' < "$w/monitor.log" | grep -v 'dump-guest-memory -z ' | grep -iE '^(Error|.*dump.*(fail|error))' >&2; then
        die "dump-guest-memory reported an error (see $w/monitor.log)"
    fi
    [[ -s $w/vmcore.qemu ]] || die "no dump written"
}

# to_kdump_compressed W [KEEP_FLAT]
# W/vmcore.qemu -> W/vmcore. QEMU before 8.2 writes kdump-compressed dumps in makedumpfile's
# "flattened" format (crash then sorts it at every start, printing 'please wait... (sorting
# flat format data)'); makedumpfile -R turns it into the ordinary kdump-compressed format that
# real kdump setups leave behind. With KEEP_FLAT=1 a flattened original stays as W/vmcore.flat.
to_kdump_compressed() {
    local w=$1 keep=${2:-0}
    if [[ $(head -c 12 "$w/vmcore.qemu" | tr -d '\0') == makedumpfile ]]; then
        log "converting the flattened dump to kdump-compressed (makedumpfile -R)"
        makedumpfile -R "$w/vmcore" < "$w/vmcore.qemu" > "$w/makedumpfile.log" 2>&1 \
            || die "makedumpfile -R failed: $(tail -n 5 "$w/makedumpfile.log")"
        if [[ $keep == 1 ]]; then mv -- "$w/vmcore.qemu" "$w/vmcore.flat"; else rm -f -- "$w/vmcore.qemu"; fi
    else
        mv -- "$w/vmcore.qemu" "$w/vmcore"
    fi
    chmod 0644 "$w/vmcore"
}
