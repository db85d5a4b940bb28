package io.dynamicmcp.core.pty;

import java.util.Optional;

/** The same behaviour when pty4j starts the child itself (the fallback where {@code setsid} is missing). */
class Pty4jStartedChildTest extends PtyChildTest {

    @Override
    PtyLauncher launcher() {
        return new PtyLauncher(4, Optional.empty());
    }
}
