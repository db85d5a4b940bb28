package io.dynamicmcp.crash.resources;

import static java.util.Objects.requireNonNull;

import io.dynamicmcp.crash.session.CrashSession;
import io.dynamicmcp.crash.session.SessionRegistry;
import io.dynamicmcp.crash.session.Transcript;
import io.dynamicmcp.spi.ResourceSource;
import java.util.List;
import java.util.Optional;

/** Each open crash session's transcript as a resource, readable only by the client that owns the session. */
public final class TranscriptResources {

    private final SessionRegistry sessions;

    public TranscriptResources(SessionRegistry sessions) {
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    /** {@code crash-session://ID/transcript}. */
    public ResourceSource transcripts() {
        return ResourceSource.builder("crash_session_transcript", CrashUris.TRANSCRIPT_TEMPLATE)
                .title("crash session transcripts")
                .description("One resource per open crash session: the commands run in it through crash_command and "
                        + "crash_triage and their output as returned, oldest first (the last " + Transcript.MAX_COMMANDS
                        + " commands and about " + Transcript.MAX_BYTES / 1024 + " KiB). Only the client that started "
                        + "the session can read it; it goes when the session ends.")
                .mimeType("text/plain")
                .lister(this::list)
                .reader(this::read)
                .truncationHint("Large outputs are paged with get_command_output, using the output_id shown with them.")
                .build();
    }

    private List<ResourceSource.Resource> list() {
        return sessions.all().stream().map(session -> new ResourceSource.Resource(
                CrashUris.transcript(session.id()), "crash session " + session.id(),
                "Transcript of crash session " + session.id() + " on " + session.info().dumpName(),
                "The commands run in crash session " + session.id() + " on dump " + session.info().dumpName()
                        + " (started " + session.info().started() + ") and their output. Readable by the client that "
                        + "started the session.", null, session.owner())).toList();
    }

    private String read(String uri, String caller) {
        CrashSession session = sessions.find(caller, Optional.of(CrashUris.sessionId(uri)));
        return session.transcript().render(session.info());
    }
}
