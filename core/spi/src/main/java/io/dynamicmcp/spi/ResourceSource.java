package io.dynamicmcp.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One kind of resource a {@link ToolSet} offers clients (MCP {@code resources/list}, {@code resources/read},
 * {@code resources/templates/list}): for example every crash dump under the dump folder, or the transcript of
 * every open session. The source is fixed once the set is open; the resources it {@linkplain Lister lists} come and
 * go, and the set calls {@link ProviderContext#resourcesChanged()} whenever they do.
 *
 * <p>The {@link #uriTemplate()} is an RFC 6570 template that every URI the source lists matches (for example
 * {@code crash-session://{id}/transcript}); the host publishes it as a resource template. URIs and templates
 * <em>must</em> be unique across all sources of the server.
 *
 * <p>The {@link Lister} <em>must</em> be thread-safe and cheap (the host calls it when the server starts and after
 * every change), and <em>should</em> give stable descriptions, so a list that did not change is not reported as
 * changed. A resource that belongs to one caller (a session, a run) <em>must</em> name that caller as its
 * {@linkplain Resource#owner() owner}: the host lists it to that caller only. A resource without an owner is listed to
 * every caller, so it <em>must not</em> carry secrets in its URI, name or description. The {@link Reader}
 * <em>must</em> be thread-safe; for a URI it cannot serve (unknown, gone, owned by
 * another caller, outside what it may read) it <em>must</em> throw {@link ToolException} with a message saying what
 * was wrong and what to do instead, which the client receives as an error. Text <em>should</em> stay under
 * {@link #MAX_TEXT_BYTES}; the host cuts longer text there and appends a note ending with the
 * {@linkplain #truncationHint() truncation hint}.
 */
public final class ResourceSource {

    /** The most UTF-8 bytes of text the host returns for one read: 1 MiB. */
    public static final int MAX_TEXT_BYTES = 1024 * 1024;

    /**
     * One resource a source lists now.
     *
     * @param uri where to read it; matches the source's template
     * @param name a short programmatic name
     * @param title a human-readable name
     * @param description what it holds, and how it relates to the tools
     * @param size the size of its text in bytes, or null when unknown or changing
     * @param owner the caller it belongs to, as {@link ToolCall#callerId()} names it, or null if every caller may see
     *     it; the host lists an owned resource to its owner only
     */
    public record Resource(String uri, String name, String title, String description, Long size, String owner) {

        public Resource {
            requireNonNull(uri, "uri is null");
            requireNonNull(name, "name is null");
            requireNonNull(title, "title of resource " + uri + " is null");
            requireNonNull(description, "description of resource " + uri + " is null");
        }

        /** A resource every caller may see. */
        public Resource(String uri, String name, String title, String description, Long size) {
            this(uri, name, title, description, size, null);
        }
    }

    /** The resources of this source that exist now. */
    @FunctionalInterface
    public interface Lister {
        List<Resource> list();
    }

    /** The text of one resource of this source. */
    @FunctionalInterface
    public interface Reader {

        /**
         * @param uri the URI the client asked for; it matches the template but need not be listed
         * @param callerId the caller asking, as {@link ToolCall#callerId()} names it; content that belongs
         *     to one caller (a session, a run) <em>must</em> be refused to the others as not found
         * @throws ToolException when this URI cannot be read, saying why
         */
        String read(String uri, String callerId);
    }

    private final String name;
    private final String uriTemplate;
    private final String title;
    private final String description;
    private final String mimeType;
    private final Lister lister;
    private final Reader reader;
    private final String truncationHint;

    private ResourceSource(Builder builder) {
        this.name = requireNonNull(builder.name, "name is null");
        this.uriTemplate = requireNonNull(builder.uriTemplate, "uriTemplate of resource source " + name + " is null");
        this.title = requireNonNull(builder.title, "title of resource source " + name + " is null");
        this.description = requireNonNull(builder.description, "description of resource source " + name + " is null");
        this.mimeType = requireNonNull(builder.mimeType, "mimeType of resource source " + name + " is null");
        this.lister = requireNonNull(builder.lister, "lister of resource source " + name + " is null");
        this.reader = requireNonNull(builder.reader, "reader of resource source " + name + " is null");
        this.truncationHint = builder.truncationHint;
        if (name.isBlank() || uriTemplate.isBlank()) {
            throw new IllegalArgumentException("a resource source needs a name and a URI template");
        }
    }

    /**
     * @param name a short programmatic name of the kind of resource, e.g. {@code crash_session_transcript}
     * @param uriTemplate the RFC 6570 template its URIs match, e.g. {@code crash-session://{id}/transcript}
     */
    public static Builder builder(String name, String uriTemplate) {
        return new Builder(name, uriTemplate);
    }

    public String name() {
        return name;
    }

    public String uriTemplate() {
        return uriTemplate;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** The MIME type of every resource of this source, e.g. {@code text/plain} or {@code application/json}. */
    public String mimeType() {
        return mimeType;
    }

    public Lister lister() {
        return lister;
    }

    public Reader reader() {
        return reader;
    }

    /** How a client gets what is cut off past {@link #MAX_TEXT_BYTES}, e.g. which tool pages it; may be null. */
    public String truncationHint() {
        return truncationHint;
    }

    /** Builds a {@link ResourceSource}; title, description, MIME type, lister and reader are required. */
    public static final class Builder {

        private final String name;
        private final String uriTemplate;
        private String title;
        private String description;
        private String mimeType;
        private Lister lister;
        private Reader reader;
        private String truncationHint;

        private Builder(String name, String uriTemplate) {
            this.name = requireNonNull(name, "name is null");
            this.uriTemplate = requireNonNull(uriTemplate, "uriTemplate is null");
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder mimeType(String mimeType) {
            this.mimeType = mimeType;
            return this;
        }

        public Builder lister(Lister lister) {
            this.lister = lister;
            return this;
        }

        public Builder reader(Reader reader) {
            this.reader = reader;
            return this;
        }

        public Builder truncationHint(String truncationHint) {
            this.truncationHint = truncationHint;
            return this;
        }

        public ResourceSource build() {
            return new ResourceSource(this);
        }
    }
}
