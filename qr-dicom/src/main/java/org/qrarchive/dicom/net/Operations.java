package org.qrarchive.dicom.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DIMSE operations outstanding on one association: our requests waiting for their responses (by message
 * ID) and the peer's requests still being performed, which a C-CANCEL-RQ can stop. A release waits for the
 * latter; when the association ends, the former learn it and the latter are canceled.
 */
final class Operations {
    private final Map<Integer, ResponseHandler> awaitingResponse = new ConcurrentHashMap<>();
    private final Map<Integer, Runnable> performing = new ConcurrentHashMap<>();
    private final AtomicInteger nextMessageId = new AtomicInteger(1);

    /** A fresh message ID (1-65535, wrapping) whose responses go to {@code responses}. */
    int register(ResponseHandler responses) {
        int id = nextMessageId.getAndUpdate(i -> i >= 0xFFFF ? 1 : i + 1);
        awaitingResponse.put(id, responses);
        return id;
    }

    void unregister(int messageId) {
        awaitingResponse.remove(messageId);
    }

    /** Who gets a response to {@code messageId}: still registered after a pending one, not after the final. */
    ResponseHandler responseHandler(int messageId, boolean pending) {
        return pending ? awaitingResponse.get(messageId) : awaitingResponse.remove(messageId);
    }

    void performing(int messageId, Runnable onCancel) {
        performing.put(messageId, onCancel);
    }

    void performed(int messageId) {
        synchronized (performing) {
            performing.remove(messageId);
            performing.notifyAll();
        }
    }

    /** C-CANCEL-RQ for {@code messageId}: runs its cancel action, if the operation is still performed. */
    void cancel(int messageId) {
        Runnable cancel = performing.get(messageId);
        if (cancel != null) {
            cancel.run();
        }
    }

    /** Waits, at most {@code timeout}, until no operation of the peer is performed any more. */
    void awaitPerformed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (performing) {
            while (!performing.isEmpty() && System.nanoTime() < deadline) {
                try {
                    performing.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The association ended: requests get no response any more, operations being performed are canceled. */
    void closeAll(Association as) {
        List<ResponseHandler> orphans = new ArrayList<>(awaitingResponse.values());
        awaitingResponse.clear();
        for (ResponseHandler rh : orphans) {
            rh.onClosed(as);
        }
        for (Runnable cancel : new ArrayList<>(performing.values())) {
            cancel.run();
        }
    }
}
