package io.dynamicmcp.examples.kernelinfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A /proc and /sys tree with known contents, for exact assertions. */
final class FakeHost {

    static final String RELEASE = "6.1.0-56-cloud-amd64";
    static final String VERSION = "Linux version " + RELEASE + " (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14)"
            + " 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.158-1 (2026-11-01)";
    static final String CMDLINE = "BOOT_IMAGE=/boot/vmlinuz-" + RELEASE + " root=UUID=1234 ro console=ttyS0 crashkernel=256M";
    /** P (bit 0) + W (bit 9) + O (bit 12) + E (bit 13) + bit 20, which this plugin does not know. */
    static final long TAINT = 1 + 512 + 4096 + 8192 + (1L << 20);
    static final String MODULES = """
            nvidia 56823808 88 nvidia_uvm,nvidia_modeset, Live 0xffffffffc1200000 (POE)
            loop 32768 0 - Live 0x0000000000000000
            dummy 12288 - - Unloading 0x0000000000000000
            vboxdrv 696320 2 vboxnetadp,vboxnetflt, Live 0xffffffffc0a00000 (OE)
            nf_tables 376832 1 nft_chain_nat, Loading 0x0000000000000000
            this line is garbage
            """;

    final Path proc;
    final Path sys;

    private FakeHost(Path proc, Path sys) {
        this.proc = proc;
        this.sys = sys;
    }

    /** A complete tree under {@code root}: proc/ and sys/ with a 4096-byte BTF file. */
    static FakeHost create(Path root) throws IOException {
        FakeHost host = new FakeHost(root.resolve("proc"), root.resolve("sys"));
        host.write("proc/sys/kernel/osrelease", RELEASE + "\n");
        host.write("proc/version", VERSION + "\n");
        host.write("proc/cmdline", CMDLINE + "\n");
        host.write("proc/uptime", "93784.52 180211.07\n");
        host.write("proc/sys/kernel/tainted", TAINT + "\n");
        host.write("proc/modules", MODULES);
        Files.createDirectories(host.sys.resolve("kernel/btf"));
        Files.write(host.sys.resolve("kernel/btf/vmlinux"), new byte[4096]);
        return host;
    }

    void write(String relative, String text) throws IOException {
        Path file = proc.getParent().resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    void delete(String relative) throws IOException {
        Files.delete(proc.getParent().resolve(relative));
    }

    Map<String, String> settings() {
        return Map.of(KernelInfoProvider.PROC_ROOT, proc.toString(), KernelInfoProvider.SYS_ROOT, sys.toString());
    }
}
