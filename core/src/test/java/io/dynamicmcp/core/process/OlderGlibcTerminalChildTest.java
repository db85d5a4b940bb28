package io.dynamicmcp.core.process;

/**
 * The same tests with posix_spawn as on a C library without closefrom_np (glibc before 2.34) or addchdir_np (before
 * 2.29): descriptors closed one by one, the working folder changed by /bin/sh before it execs the program.
 */
class OlderGlibcTerminalChildTest extends TerminalChildTest {

    @Override
    CleanSpawn spawn() {
        return new CleanSpawn(Libc.instance().orElseThrow(), false, false);
    }
}
