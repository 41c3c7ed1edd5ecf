package dev.postmaster.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * No request body over {@value #MAX_BYTES} bytes: the API's largest honest body (a project with 500 members) is a
 * few kilobytes, and a body is read whole into memory before it is checked. A declared length over the limit is
 * refused at once with 413; a body without one is cut off when it passes the limit.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BodyLimit implements ContainerRequestFilter {

    public static final int MAX_BYTES = 1024 * 1024;
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;
    private static final String TOO_LARGE = "A request body can be at most 1 MB";

    @Override
    public void filter(ContainerRequestContext context) {
        if (context.getLength() > MAX_BYTES) {
            drain(context);
            context.abortWith(Problem.response(413, "Payload too large", TOO_LARGE, Map.of()));
            return;
        }
        if (context.hasEntity()) {
            context.setEntityStream(new Limited(context.getEntityStream()));
        }
    }

    /**
     * Reads a moderately oversized body away before answering: a client still sending when the answer comes and
     * the connection closes sees a broken connection instead of the 413. Bigger bodies are not worth reading.
     */
    private static void drain(ContainerRequestContext context) {
        if (context.getLength() > DRAIN_LIMIT) {
            return;
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = context.getEntityStream()) {
            while (in.read(buffer) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // the client went away; the answer is the same
        }
    }

    /** Counts what is read and refuses to read past the limit. */
    private static final class Limited extends FilterInputStream {

        private long read;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > MAX_BYTES) {
                throw new WebApplicationException(Problem.response(413, "Payload too large", TOO_LARGE, Map.of()));
            }
        }
    }
}
