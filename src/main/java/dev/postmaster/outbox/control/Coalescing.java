package dev.postmaster.outbox.control;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a pass in at most one thread at a time, and never loses a request: a request made while a pass runs makes
 * that pass run once more when it is done, instead of starting a second pass beside it.
 *
 * <p>The request flag is raised <em>before</em> trying to become the runner, and the runner looks at it again after
 * letting go. A request that arrives just as the runner finishes therefore either sees the runner gone (and runs
 * itself) or is seen by it; there is no moment in which it is dropped. (The drainer's first version checked the
 * flag only while it held the run, and a kick that came in that moment waited for the next timer tick.)
 */
public final class Coalescing {

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    /**
     * Asks for a pass. Runs it (repeatedly, while more requests come in) in the calling thread if no other thread is
     * running one; otherwise returns at once and leaves the request to that thread.
     *
     * @return how many times this call ran the pass (0 when another thread took the request)
     */
    public int request(Runnable pass) {
        requested.set(true);
        int runs = 0;
        while (requested.get() && running.compareAndSet(false, true)) {
            try {
                while (requested.getAndSet(false)) {
                    runs++;
                    pass.run();
                }
            } finally {
                running.set(false);
            }
        }
        return runs;
    }
}
