package io.dynamicmcp.core.mcp;

import io.modelcontextprotocol.modern.JsonRpc;
import io.modelcontextprotocol.modern.server.McpTransportResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Shapes a streamed HTTP answer the way the call turns out: a call that ends within {@code wait} with nothing sent
 * before its result is answered with one JSON body (cheaper for both ends than an event stream); one that sends a
 * notification first, or runs longer, is answered with the event stream, whose keep-alives notice a client that goes
 * away, which cancels the call. Either way the call starts at once.
 */
final class QuickAnswers {

    private final Duration wait;

    QuickAnswers(Duration wait) {
        this.wait = wait;
    }

    Mono<McpTransportResponse> shape(McpTransportResponse answer) {
        if (!(answer instanceof McpTransportResponse.Streaming streaming)) {
            return Mono.just(answer);
        }
        return Mono.defer(() -> new Decision(streaming).start());
    }

    /** One answer being shaped: the first of a message, the end of the stream, or the wait decides. */
    private final class Decision {

        private final McpTransportResponse.Streaming streaming;
        private final Sinks.One<McpTransportResponse> decided = Sinks.one();
        private final Sinks.Many<JsonRpc.JSONRPCMessage> rest = Sinks.many().unicast().onBackpressureBuffer();
        private boolean done;
        private volatile Disposable upstream;
        private volatile Disposable timer;

        Decision(McpTransportResponse.Streaming streaming) {
            this.streaming = streaming;
        }

        Mono<McpTransportResponse> start() {
            upstream = streaming.messages().subscribe(this::next, this::failed, this::completed);
            if (!isDone()) { // a call that answered while it was subscribed to (one that answers at once) needs none
                timer = Schedulers.parallel().schedule(() -> decide(null), wait.toMillis(), TimeUnit.MILLISECONDS);
                if (isDone()) {
                    stopTimer();
                }
            }
            return decided.asMono().doOnCancel(this::cancel);
        }

        private synchronized boolean isDone() {
            return done;
        }

        private void stopTimer() {
            Disposable scheduled = timer;
            if (scheduled != null) {
                scheduled.dispose();
            }
        }

        private void next(JsonRpc.JSONRPCMessage message) {
            if (!decide(message)) {
                rest.tryEmitNext(message);
            }
        }

        /**
         * Decides the shape if it is not decided yet: a single answer when {@code first} is the final response, else
         * the stream (carrying {@code first}, if any, first).
         *
         * @return whether {@code first} was taken care of
         */
        private boolean decide(JsonRpc.JSONRPCMessage first) {
            synchronized (this) {
                if (done) {
                    return false;
                }
                done = true;
            }
            stopTimer();
            if (first instanceof JsonRpc.JSONRPCResponse response) {
                decided.tryEmitValue(response.error() != null ? McpTransportResponse.error(response)
                        : McpTransportResponse.result(response));
                return true;
            }
            if (first != null) {
                rest.tryEmitNext(first);
            }
            decided.tryEmitValue(McpTransportResponse.streaming(rest.asFlux().doOnCancel(this::cancel)));
            return true;
        }

        private void failed(Throwable error) {
            synchronized (this) {
                if (!done) {
                    done = true;
                    stopTimer();
                    decided.tryEmitError(error);
                    return;
                }
            }
            rest.tryEmitError(error);
        }

        private void completed() {
            synchronized (this) {
                if (!done) {
                    done = true;
                    stopTimer();
                    decided.tryEmitError(new IllegalStateException("the answer ended without a response"));
                    return;
                }
            }
            rest.tryEmitComplete();
        }

        private void cancel() {
            Disposable running = upstream;
            if (running != null) {
                running.dispose();
            }
        }
    }
}
