package io.vfiorig.controller.store;

/**
 * A result or run arrived again under a key the store already holds, with different content. The
 * store keeps what it has and stores nothing of the new delivery; the message names the key and
 * both versions of every field that differs.
 */
public class ResultConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ResultConflictException(String message) {
        super(message);
    }
}
