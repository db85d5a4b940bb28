package io.dynamicmcp.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One MCP tool: what clients see in {@code tools/list} and the handler that answers {@code tools/call}.
 *
 * <p>Schemas are JSON Schema documents expressed as nested {@code Map}/{@code List}/scalar values; build them
 * with {@link JsonSchema}. When an output schema is given, every successful result <em>must</em> carry
 * {@linkplain ToolResult#structured() structured content} that conforms to it.
 */
public final class Tool {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-.]{1,64}");

    private final String name;
    private final String title;
    private final String description;
    private final Map<String, Object> inputSchema;
    private final Map<String, Object> outputSchema;
    private final ToolAnnotations annotations;
    private final Duration timeout;
    private final boolean answersAtOnce;
    private final ToolHandler handler;

    private Tool(Builder builder) {
        this.name = builder.name;
        this.title = requireNonNull(builder.title, "title is null for tool " + builder.name);
        this.description = requireNonNull(builder.description, "description is null for tool " + builder.name);
        this.inputSchema = requireNonNull(builder.inputSchema, "inputSchema is null for tool " + builder.name);
        this.outputSchema = builder.outputSchema;
        this.annotations = requireNonNull(builder.annotations, "annotations are null for tool " + builder.name);
        this.timeout = builder.timeout;
        this.answersAtOnce = builder.answersAtOnce;
        this.handler = requireNonNull(builder.handler, "handler is null for tool " + builder.name);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Unique across the server: letters, digits, {@code _ - .}, at most 64 characters. */
    public String name() {
        return name;
    }

    /** A short human-readable title. */
    public String title() {
        return title;
    }

    /** Tells a model when to use the tool, and when not to. */
    public String description() {
        return description;
    }

    public Map<String, Object> inputSchema() {
        return inputSchema;
    }

    public Optional<Map<String, Object>> outputSchema() {
        return Optional.ofNullable(outputSchema);
    }

    public ToolAnnotations annotations() {
        return annotations;
    }

    /**
     * The longest a call may run before the host {@linkplain CallCancellation cancels} it, if the host should
     * enforce one. Tools with their own {@code timeout} argument usually leave this empty.
     */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * Whether every call answers at once: within milliseconds, doing bounded work, reporting no progress and waiting
     * for no long call. The host may then run it on the thread that received the request rather than hand it to a
     * worker and wait for it, which saves two thread hand-offs per call; such a call cannot be cancelled once it has
     * started. False unless the builder says so.
     */
    public boolean answersAtOnce() {
        return answersAtOnce;
    }

    public ToolHandler handler() {
        return handler;
    }

    /** Builds a {@link Tool}; {@code title}, {@code description}, {@code inputSchema}, {@code handler} are required. */
    public static final class Builder {

        private final String name;
        private String title;
        private String description;
        private Map<String, Object> inputSchema;
        private Map<String, Object> outputSchema;
        private ToolAnnotations annotations = ToolAnnotations.READ_ONLY;
        private Duration timeout;
        private boolean answersAtOnce;
        private ToolHandler handler;

        private Builder(String name) {
            requireNonNull(name, "name is null");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid tool name '" + name + "': use 1-64 of [A-Za-z0-9_-.]");
            }
            this.name = name;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder inputSchema(Map<String, Object> inputSchema) {
            this.inputSchema = inputSchema;
            return this;
        }

        public Builder outputSchema(Map<String, Object> outputSchema) {
            this.outputSchema = outputSchema;
            return this;
        }

        public Builder annotations(ToolAnnotations annotations) {
            this.annotations = annotations;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Declares that every call {@linkplain Tool#answersAtOnce() answers at once}. */
        public Builder answersAtOnce() {
            this.answersAtOnce = true;
            return this;
        }

        public Builder handler(ToolHandler handler) {
            this.handler = handler;
            return this;
        }

        public Tool build() {
            return new Tool(this);
        }
    }
}
