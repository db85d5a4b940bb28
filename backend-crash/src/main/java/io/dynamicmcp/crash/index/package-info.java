/** The symbol index cache: vmlinux copies with a .gdb_index section, so crash opens a dump in about half the time. */
package io.dynamicmcp.crash.index;
