package org.qrarchive.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.qrarchive.dicom.data.Attributes;
import org.qrarchive.dicom.dimse.Commands;
import org.qrarchive.dicom.dimse.Status;

/** Collects the final response of a request; the synchronous form of {@link ResponseHandler}. */
final class FinalResponse implements ResponseHandler {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Attributes command;

    @Override
    public void onResponse(Association association, Attributes cmd, InputStream data) {
        if (!Status.isPending(Commands.status(cmd))) {
            command = cmd;
            done.countDown();
        }
    }

    @Override
    public void onClosed(Association association) {
        done.countDown();
    }

    Attributes await(Duration timeout) throws IOException, InterruptedException {
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new SocketTimeoutException("no response within " + timeout.toSeconds() + " s");
        }
        if (command == null) {
            throw new IOException("association closed before the response");
        }
        return command;
    }
}
