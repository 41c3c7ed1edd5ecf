package dev.postmaster.outbox.control;

import jakarta.transaction.TransactionScoped;
import java.io.Serializable;

/**
 * Whether the current transaction has put a mail in the outbox yet. The drainer needs one nudge per commit, not
 * one per mail: a change that tells 1,000 people used to deliver 1,000 events to the drainer after its commit,
 * each through the EJB container.
 */
@TransactionScoped
public class QueuedInTransaction implements Serializable {

    private static final long serialVersionUID = 1L;

    private boolean queued;

    /** {@code true} the first time it is asked in a transaction, {@code false} after that. */
    public boolean first() {
        boolean first = !queued;
        queued = true;
        return first;
    }
}
