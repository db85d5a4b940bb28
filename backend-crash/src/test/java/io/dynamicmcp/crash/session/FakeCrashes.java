package io.dynamicmcp.crash.session;

import java.nio.file.Path;
import java.util.List;

/** Starts {@link FakeCrash} in place of crash. */
public final class FakeCrashes {

    private FakeCrashes() {
    }

    public static CrashExecutable executable() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        return (directory, programName) -> List.of(java, "-cp", classpath, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dfake.program=" + programName, FakeCrash.class.getName());
    }
}
