package io.dynamicmcp.spi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A prompt a {@link ToolSet} offers clients (MCP {@code prompts/list}, {@code prompts/get}): a named, described
 * workflow over the set's tools that a user picks, with arguments, turned into messages for the model.
 *
 * <p>The {@link Renderer} <em>must</em> be thread-safe and quick; it <em>should</em> only build text, never run tools.
 * It <em>may</em> throw {@link ToolException} for a bad argument: the client gets an error naming it. The optional
 * {@link Completer} <em>must</em> return quickly and <em>should</em> return at most 100 values.
 */
public final class Prompt {

    /** One argument of a prompt. */
    public record Argument(String name, String description, boolean required) {

        public Argument {
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
        }
    }

    /** One message of a rendered prompt. */
    public record Message(Role role, String text) {

        public Message {
            requireNonNull(role, "role is null");
            requireNonNull(text, "text is null");
        }
    }

    /** Who a message is from. */
    public enum Role {
        USER, ASSISTANT
    }

    /** Turns argument values (missing optional arguments are absent) into messages. */
    @FunctionalInterface
    public interface Renderer {
        List<Message> render(Map<String, String> arguments);
    }

    /** Suggests values of an argument that start with what the user typed so far. */
    @FunctionalInterface
    public interface Completer {
        List<String> complete(String argument, String prefix);
    }

    private final String name;
    private final String title;
    private final String description;
    private final List<Argument> arguments;
    private final Renderer renderer;
    private final Completer completer;

    private Prompt(Builder builder) {
        this.name = requireNonNull(builder.name, "name is null");
        this.title = requireNonNull(builder.title, "title of prompt " + name + " is null");
        this.description = requireNonNull(builder.description, "description of prompt " + name + " is null");
        this.arguments = List.copyOf(builder.arguments);
        this.renderer = requireNonNull(builder.renderer, "renderer of prompt " + name + " is null");
        this.completer = builder.completer;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public List<Argument> arguments() {
        return arguments;
    }

    public Renderer renderer() {
        return renderer;
    }

    /** The completer, or null when the prompt offers no completion. */
    public Completer completer() {
        return completer;
    }

    /** Builds a {@link Prompt}; title, description and renderer are required. */
    public static final class Builder {

        private final String name;
        private String title;
        private String description;
        private final List<Argument> arguments = new ArrayList<>();
        private Renderer renderer;
        private Completer completer;

        private Builder(String name) {
            this.name = requireNonNull(name, "name is null");
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder argument(String argumentName, String argumentDescription, boolean required) {
            arguments.add(new Argument(argumentName, argumentDescription, required));
            return this;
        }

        public Builder renderer(Renderer renderer) {
            this.renderer = renderer;
            return this;
        }

        public Builder completer(Completer completer) {
            this.completer = completer;
            return this;
        }

        public Prompt build() {
            return new Prompt(this);
        }
    }
}
