package io.dynamicmcp.transport.http;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/** Runs one action when an asynchronous response ends, however it ends (a timeout or an error completes it too). */
record WhenStreamEnds(Runnable action) implements AsyncListener {

    @Override
    public void onComplete(AsyncEvent event) {
        action.run();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
    }

    @Override
    public void onError(AsyncEvent event) {
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
